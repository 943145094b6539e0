/**
 * Every endpoint is declared through `defineRoute`, which does what all of them share, in the order
 * a real server would: fault injection (the mock-level plan, then the printer's own plan), auth,
 * the `{uuid}` path parameter (400 when malformed, 404 when unknown), then the endpoint itself.
 * The fault operation name is `METHOD /path/:param`, e.g. `GET /app/printers/:uuid`.
 */
import { type HttpHandler, http } from 'msw';
import { isAuthorized } from './auth.js';
import { readBodyText } from './body-limit.js';
import { badRequest, notFoundPrinter, payloadTooLarge, unauthorized } from './connect-error.js';
import { actOutFault } from './faults.js';
import type { PrinterRecord } from './printer-record.js';
import type { MockWorld } from './state.js';

export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext {
  readonly request: Request;
  readonly url: URL;
  readonly world: MockWorld;
  param(name: string): string;
}

export interface PrinterRouteContext extends RouteContext {
  readonly printer: PrinterRecord;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function operationName(method: RouteMethod, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

interface RouteOptions {
  /** Default true; /version.json, /app/config and /app/printer-types answer without a token. */
  auth?: boolean;
}

function buildHandler(
  world: MockWorld,
  method: RouteMethod,
  path: string,
  options: RouteOptions,
  respond: (context: RouteContext, printer: PrinterRecord | undefined) => Promise<Response> | Response,
): HttpHandler {
  const operation = operationName(method, path);
  return http[method](`${world.baseUrl}${path}`, async ({ request, params }) => {
    const param = (name: string): string => {
      const value = params[name];
      return typeof value === 'string' ? value : (value?.[0] ?? '');
    };
    const uuid = path.includes(':uuid') ? param('uuid') : undefined;
    const printer = uuid === undefined ? undefined : world.printer(uuid);
    const faulted = await actOutFault(
      world.faults.take(operation) ?? printer?.faults.take(operation),
      world.stoppedSignal,
    );
    if (faulted) return faulted;
    if (options.auth !== false && !isAuthorized(request, world.token, world.account)) return unauthorized();
    const context: RouteContext = { request, url: new URL(request.url), world, param };
    return respond(context, printer);
  });
}

export function defineRoute(
  world: MockWorld,
  method: RouteMethod,
  path: string,
  respond: (context: RouteContext) => Promise<Response> | Response,
  options: RouteOptions = {},
): HttpHandler {
  return buildHandler(world, method, path, options, (context) => respond(context));
}

/** A route under `/app/printers/:uuid`: the handler gets the printer, or the request is refused. */
export function definePrinterRoute(
  world: MockWorld,
  method: RouteMethod,
  path: string,
  respond: (context: PrinterRouteContext) => Promise<Response> | Response,
): HttpHandler {
  return buildHandler(world, method, path, {}, (context, printer) => {
    const uuid = context.param('uuid');
    if (!UUID.test(uuid)) return badRequest('Invalid path parameter: printer_uuid');
    if (!printer) return notFoundPrinter();
    return respond({ ...context, printer });
  });
}

/** JSON bodies are small requests (commands, queue entries, uploads announced): 1 MiB is plenty. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON object body; a 400 Response when it is missing, not JSON, or not an object, a 413 past
 * MAX_JSON_BODY_BYTES (never buffered whole).
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | Response> {
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  if (typeof text !== 'string') {
    return text.status === 413 ? payloadTooLarge(text.reason) : badRequest(text.reason);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return badRequest('Invalid JSON body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return badRequest('JSON body must be an object');
  }
  return value as Record<string, unknown>;
}
