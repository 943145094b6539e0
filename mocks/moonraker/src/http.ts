/**
 * The HTTP side of the fake Moonraker: routes from the method table, `POST /server/jsonrpc`,
 * the upload endpoint, Moonraker's envelopes and status codes, and faults per method.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Credentials } from './auth.js';
import { MoonrakerError } from './errors.js';
import { serveFileRoute } from './file-routes.js';
import type { MoonrakerHost } from './host.js';
import { bodyArgs, queryArgs } from './http-args.js';
import { sendError, sendResult } from './http-envelope.js';
import { invoke, methodFor } from './invoke.js';
import { METHODS } from './methods/index.js';
import { dispatchText, MALFORMED_FRAME } from './rpc-dispatch.js';
import { handleUpload } from './upload.js';
import { serveWebcam } from './webcam/serve.js';

/** Bodies of every route but the upload. */
const MAX_REQUEST_BYTES = 1024 * 1024;

interface RouteMatch {
  readonly method: string;
  readonly pathArg: string | undefined;
}

/** Method name per exact "VERB /path", plus prefix routes ("/server/files/*"). */
const EXACT = new Map<string, string>();
const PREFIX: Array<{ verb: string; prefix: string; method: string }> = [];
const KNOWN_PATHS = new Set<string>(['/server/files/upload', '/server/jsonrpc']);
for (const [method, spec] of Object.entries(METHODS)) {
  for (const route of spec.http ?? []) {
    if (route.path.endsWith('/*')) PREFIX.push({ verb: route.verb, prefix: route.path.slice(0, -1), method });
    else {
      EXACT.set(`${route.verb} ${route.path}`, method);
      KNOWN_PATHS.add(route.path);
    }
  }
}

function matchRoute(verb: string, path: string): RouteMatch | undefined | 'wrong-verb' {
  const exact = EXACT.get(`${verb} ${path}`);
  if (exact) return { method: exact, pathArg: undefined };
  if (KNOWN_PATHS.has(path)) return 'wrong-verb';
  for (const route of PREFIX) {
    if (route.verb === verb && path.startsWith(route.prefix) && path.length > route.prefix.length) {
      return { method: route.method, pathArg: path.slice(route.prefix.length) };
    }
  }
  return undefined;
}

export function credentialsOf(req: IncomingMessage, url: URL): Credentials {
  const header = req.headers['x-api-key'];
  const authorization = req.headers.authorization;
  return {
    apiKey: Array.isArray(header) ? header[0] : header,
    bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined,
    oneshot: url.searchParams.get('token') ?? undefined,
    accessToken: url.searchParams.get('access_token') ?? undefined,
  };
}

/**
 * Reads the body up to `limit` bytes; past it, answers 413 in Moonraker's error shape. A declared
 * Content-Length over the limit is refused before reading; otherwise the excess is drained without
 * being kept (and the connection dropped if it goes on far past the limit).
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new MoonrakerError('Request Entity Too Large', 413);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        if (size > limit * 4 + 1024 * 1024) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export async function handleHttp(
  host: MoonrakerHost,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    await route(host, req, res);
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    if (error instanceof MoonrakerError) {
      // A refused body may still be arriving: close the connection after the answer.
      if (error.status === 413) res.setHeader('Connection', 'close');
      sendError(res, error.status, error.message);
    } else sendError(res, 500, error instanceof Error ? error.message : String(error));
  }
}

/** The request target, or a 400 (as Tornado answers) when it is no URL or has a broken % escape. */
function requestTarget(target: string | undefined): { url: URL; path: string } {
  try {
    const url = new URL(target ?? '/', 'http://localhost');
    return { url, path: decodeURIComponent(url.pathname) };
  } catch {
    throw new MoonrakerError('Bad Request', 400);
  }
}

async function route(host: MoonrakerHost, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { url, path } = requestTarget(req.url);
  const verb = req.method ?? 'GET';
  const cors = host.cors.apply(req, res);
  if (verb === 'OPTIONS') {
    // application.py `options`: 204 when CORS matched, else Tornado's 405.
    if (cors) res.writeHead(204).end();
    else throw new MoonrakerError('Method Not Allowed', 405);
    return;
  }
  if (serveWebcam(host, path, url, req, res)) return;
  const isUpload = path === '/server/files/upload' && verb === 'POST';
  const body = await readBody(req, isUpload ? host.options.maxUploadBytes : MAX_REQUEST_BYTES);
  const identity = host.auth.identify(credentialsOf(req, url));
  const contentType = req.headers['content-type'];

  if (path === '/server/files/upload' && verb === 'POST') {
    if ((await applyFault(host, 'server.files.upload', res)) === 'handled') return;
    const result = await handleUpload(host, body, contentType, identity);
    sendResult(res, result, req, 201);
    return;
  }
  if (path === '/server/jsonrpc' && verb === 'POST') {
    const outcome = await dispatchText(body.toString('utf8'), {
      host,
      connection: undefined,
      identity,
      transport: 'http',
    });
    if (outcome.kind === 'disconnect') res.destroy();
    else if (outcome.kind === 'malformed')
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(MALFORMED_FRAME);
    else if (outcome.kind === 'none') res.writeHead(204).end();
    else res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(outcome.text);
    return;
  }

  const match = matchRoute(verb, path);
  if (match === undefined && serveFileRoute(host, verb, path, req, res, identity !== undefined)) return;
  if (match === 'wrong-verb') throw new MoonrakerError('Method Not Allowed', 405);
  // Klippy's endpoints do not exist (404) until Klippy has connected once.
  const spec = match && methodFor(host, match.method, 'http');
  if (!match || !spec) throw new MoonrakerError('Not Found', 404);
  const args = { ...queryArgs(url.searchParams), ...bodyArgs(body, contentType) };
  if (match.pathArg !== undefined) args.path = match.pathArg;
  if ((await applyFault(host, match.method, res)) === 'handled') return;
  const result = await invoke(spec, { host, connection: undefined, identity, transport: 'http' }, args);
  sendResult(res, result, req);
}

/** Acts out the fault plan's verdict for an HTTP request (operation = the JSON-RPC method name). */
async function applyFault(
  host: MoonrakerHost,
  operation: string,
  res: ServerResponse,
): Promise<'handled' | 'continue'> {
  const fault = host.sim.faults.take(operation);
  if (!fault) return 'continue';
  switch (fault.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0));
      return 'continue';
    case 'drop':
    case 'disconnect':
      res.socket?.destroy();
      return 'handled';
    case 'malformed':
      res
        .writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' })
        .end('{"result": {"state": "rea');
      return 'handled';
    case 'auth-failure':
      sendError(res, 401, 'Unauthorized');
      return 'handled';
    case 'error-reply': {
      const status =
        fault.status ??
        (typeof fault.code === 'number' && fault.code >= 100 && fault.code < 600 ? fault.code : 500);
      sendError(res, status, fault.message ?? 'Internal Server Error');
      return 'handled';
    }
  }
}
