/**
 * The control API: a small HTTP server on loopback that drives scenarios on a running fleet (start
 * and finish prints, trip heater errors, power printers off and on, inject faults). Every answer is
 * JSON; every refusal is `{ "error": { "code", "message" } }` with a 4xx status.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fault, SimError } from '@printkit/printer-sim';
import { BodyError, parseFaultRule, parseHeaterErrorBody, parsePrintBody } from './control-bodies.js';
import { refuseForeignRequest } from './control-request-guard.js';
import type { FleetPrinter } from './fleet-printer.js';

/** What the control API drives. */
export interface ControlTarget {
  readonly printers: readonly FleetPrinter[];
  describe(): unknown;
}

export interface ControlApi {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
/**
 * Before a refusal is sent, the rest of the request body is read and thrown away: answering while
 * the client is still sending made Node's client send its next request into the unread body
 * (answered 400 by the parser), and closing a socket with unread data resets the connection
 * (measured with 300 KB–12 MB bodies). Past this much, the sender is not a well-meaning client and
 * the socket is closed without an answer.
 */
const MAX_DISCARDED_BYTES = 256 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Request {
  printer: FleetPrinter;
  body: unknown;
}

type Action = (request: Request) => unknown;

/** POST /printers/<name>/<action> */
const ACTIONS: Readonly<Record<string, Action>> = {
  print: ({ printer, body }) => {
    const { file } = parsePrintBody(body);
    const chosen = file ?? printer.sim.listFiles()[0]?.name;
    if (chosen === undefined) throw new HttpError(409, 'no-files', `${printer.name} has no files to print`);
    printer.sim.startPrint(chosen);
    return printerView(printer);
  },
  pause: ({ printer }) => act(printer, () => printer.sim.pause()),
  resume: ({ printer }) => act(printer, () => printer.sim.resume()),
  cancel: ({ printer }) => act(printer, () => printer.sim.cancel()),
  finish: ({ printer }) => act(printer, () => printer.sim.finishNow()),
  'heater-error': ({ printer, body }) => {
    const { heater } = parseHeaterErrorBody(body);
    return act(printer, () => printer.sim.tripHeaterFault(heater));
  },
  'clear-error': ({ printer }) => act(printer, () => printer.sim.clearError()),
  'power-off': async ({ printer }) => {
    await printer.powerOff();
    return printerView(printer);
  },
  'power-on': async ({ printer }) => {
    await printer.powerOn();
    return printerView(printer);
  },
};

/** Actions that take no body: anything sent is still checked to be JSON, but otherwise ignored. */
function act(printer: FleetPrinter, command: () => void): unknown {
  command();
  return printerView(printer);
}

function faultView(fault: Fault): Record<string, unknown> {
  // JSON has no Infinity: an endless rule shows `"times": "Infinity"`, the form the API accepts.
  return { ...fault, times: fault.times === Number.POSITIVE_INFINITY ? 'Infinity' : fault.times };
}

export function printerView(printer: FleetPrinter): Record<string, unknown> {
  return {
    name: printer.name,
    vendor: printer.vendor,
    model: printer.details.model,
    connection: printer.connection,
    endpoints: printer.details.endpoints,
    snapshot: printer.sim.snapshot(),
    faults: printer.sim.faults.list().map(faultView),
  };
}

function filesView(printer: FleetPrinter): unknown {
  return printer.sim.listFiles().map(({ name, sizeBytes, estimatedSeconds, layers, addedAt }) => ({
    name,
    sizeBytes,
    estimatedSeconds,
    layers,
    addedAt,
  }));
}

const tooLarge = () => new HttpError(413, 'body-too-large', `body over ${MAX_BODY_BYTES} bytes`);

/**
 * The body as JSON (undefined when empty), at most MAX_BODY_BYTES. Listens instead of `for await`:
 * leaving that loop early destroys the request, and with it the socket the 413 must go out on.
 */
function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (Number(request.headers['content-length']) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData).off('end', onEnd);
      chunks.length = 0;
      reject(tooLarge());
    };
    const onEnd = () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text.length === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(new HttpError(400, 'malformed-json', 'the body is not valid JSON'));
      }
    };
    request.on('data', onData).on('end', onEnd).once('error', reject);
  });
}

/** Reads and drops what is left of a body; false when it went over MAX_DISCARDED_BYTES (socket closed). */
function discardRest(request: IncomingMessage): Promise<boolean> {
  if (request.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let discarded = 0;
    request.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded <= MAX_DISCARDED_BYTES) return;
      request.socket.destroy();
      resolve(false);
    });
    request.once('end', () => resolve(true));
    request.once('close', () => resolve(request.complete));
    request.resume();
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'bad-path', `cannot decode path segment "${segment}"`);
  }
}

function findPrinter(target: ControlTarget, name: string): FleetPrinter {
  const printer = target.printers.find((p) => p.name === name);
  if (!printer) {
    const known = target.printers.map((p) => p.name).join(', ');
    throw new HttpError(404, 'unknown-printer', `no printer named '${name}' (known: ${known})`);
  }
  return printer;
}

/**
 * The path of an origin-form target (`/printers/x?y`), one trailing slash dropped. Absolute-form
 * (`http://host/...`, meant for proxies) and `*` are refused; an empty segment (`////`) is no route.
 */
function pathOf(target: string): string {
  if (!target.startsWith('/')) {
    throw new HttpError(400, 'bad-target', 'the request target must be a path starting with /');
  }
  const path = target.replace(/[?#].*$/s, '');
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

async function route(target: ControlTarget, request: IncomingMessage): Promise<[number, unknown]> {
  const method = request.method ?? 'GET';
  const path = pathOf(request.url ?? '/');
  const segments = path.split('/').slice(1).map(decodeSegment);
  const methodNotAllowed = (allowed: string) =>
    new HttpError(405, 'method-not-allowed', `${method} ${path} is not allowed; use ${allowed}`);

  if (path === '/') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    return [200, target.describe()];
  }
  if (segments[0] !== 'printers' || segments.length > 3 || segments.includes('')) {
    throw new HttpError(404, 'not-found', `no route ${path}; see GET /printers`);
  }
  if (segments.length === 1) {
    if (method !== 'GET') throw methodNotAllowed('GET');
    return [200, target.printers.map(printerView)];
  }
  const printer = findPrinter(target, segments[1] ?? '');
  const action = segments[2];
  if (action === undefined) {
    if (method !== 'GET') throw methodNotAllowed('GET');
    return [200, printerView(printer)];
  }
  if (action === 'files') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    return [200, filesView(printer)];
  }
  if (action === 'faults') {
    if (method === 'GET') return [200, printer.sim.faults.list().map(faultView)];
    if (method === 'DELETE') {
      printer.sim.faults.clear();
      return [200, []];
    }
    if (method !== 'POST') throw methodNotAllowed('GET, POST or DELETE');
    printer.sim.faults.add(parseFaultRule(await readJsonBody(request)));
    return [201, printer.sim.faults.list().map(faultView)];
  }
  const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!handler) {
    const actions = [...Object.keys(ACTIONS), 'files', 'faults'].join(', ');
    throw new HttpError(404, 'not-found', `no action '${action}'; one of: ${actions}`);
  }
  if (method !== 'POST') throw methodNotAllowed('POST');
  return [200, await handler({ printer, body: await readJsonBody(request) })];
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof BodyError) return new HttpError(400, 'invalid-body', error.message);
  // The simulator refused (e.g. pause while idle): a conflict with the printer's state.
  if (SimError.isInstance(error)) return new HttpError(409, error.code, error.message);
  return new HttpError(500, 'internal', error instanceof Error ? error.message : String(error));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export interface ControlApiOptions {
  port: number;
  host: string;
  /**
   * Host names besides IP addresses, `localhost` and `host` that requests may be addressed to
   * (e.g. the machine's LAN name). Anything else is refused with 403: see control-request-guard.ts.
   */
  allowedHosts?: readonly string[];
}

export async function startControlApi(
  target: ControlTarget,
  options: ControlApiOptions,
): Promise<ControlApi> {
  const policy = {
    boundHost: options.host,
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
  };
  const server = createServer((request, response) => {
    const refusal = refuseForeignRequest(request.headers, policy);
    const answer = refusal
      ? Promise.reject(new HttpError(refusal.status, refusal.code, refusal.message))
      : route(target, request);
    answer.then(
      ([status, body]) => send(response, status, body),
      async (error: unknown) => {
        const failure = toHttpError(error);
        if (!(await discardRest(request))) return;
        send(response, failure.status, { error: { code: failure.code, message: failure.message } });
      },
    );
  });
  // Requests Node cannot parse (a `#` or a space in the target, a broken header) get the API's
  // error shape too, instead of Node's bare `400` without a body.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const body = `${JSON.stringify({ error: { code: 'bad-request', message: `unparseable request (${error.code ?? 'HPE'})` } })}\n`;
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
