/**
 * The printer's HTTP side (one server for what the firmware spreads over :18910 and :18088):
 * - `POST /gcode_upload?s=<token>` multipart upload into the printer's local files (notes, "File upload");
 * - `GET /flv` (first printer, or `?device=<id>`) and `GET /live/<token>`: an FLV stream, served only
 *   between `video/startCapture` and `video/stopCapture` (notes, "camera");
 * - `GET /info`: the LAN-mode info document (notes, "Credentials"), without the signed credential flow.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from '@printkit/printer-sim';
import { flvHeader, flvVideoTag } from './flv.js';
import { readGcodeMetadata } from './gcode-metadata.js';
import type { SimulatedAnycubicPrinter } from './simulated-printer.js';

export interface PrinterHttpOptions {
  host: string;
  port: number;
  printers: () => readonly SimulatedAnycubicPrinter[];
  /**
   * Multipart field names accepted for the file, in order. The real name is unverified (notes):
   * `gcode` in one capture, `file` in another. Default both.
   */
  uploadFieldNames?: readonly string[];
  /** Largest accepted upload body; default 256 MiB. */
  maxUploadBytes?: number;
  /** Real ms between FLV tags; default 100. */
  videoTagIntervalMs?: number;
}

export interface PrinterHttpServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Faults on HTTP use this operation name (plus '*'). */
export const UPLOAD_OPERATION = 'POST /gcode_upload';

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpFailure(413, `upload larger than ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A percent-encoded path segment; a malformed one is the client's fault (400), not ours (500). */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpFailure(400, 'malformed percent-encoding in the path');
  }
}

/** A plain file name: no directories, no traversal, no control characters. */
function safeFileName(name: string): string | undefined {
  const base = name.split(/[\\/]/).at(-1)?.trim() ?? '';
  if (base === '' || base === '.' || base === '..' || [...base].some((char) => char.charCodeAt(0) < 0x20))
    return undefined;
  return base;
}

export async function startPrinterHttp(options: PrinterHttpOptions): Promise<PrinterHttpServer> {
  const fieldNames = options.uploadFieldNames ?? ['gcode', 'file'];
  const maxUploadBytes = options.maxUploadBytes ?? 256 * 1024 * 1024;
  const tagIntervalMs = options.videoTagIntervalMs ?? 100;
  const streams = new Set<ServerResponse>();
  const lanToken = randomBytes(16).toString('hex');
  let baseUrl = '';

  const byToken = (token: string | null) =>
    token ? options.printers().find((printer) => printer.uploadToken === token) : undefined;
  const byDevice = (deviceId: string | null) =>
    deviceId === null ? options.printers()[0] : options.printers().find((p) => p.deviceId === deviceId);

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const token = url.searchParams.get('s');
    if (!token) throw new HttpFailure(401, 'missing upload token (?s=)');
    const printer = byToken(token);
    if (!printer) throw new HttpFailure(403, 'invalid upload token');
    const fault = printer.faults.take(UPLOAD_OPERATION);
    if (fault && (await actOutFault(fault, req, res))) return;
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
      throw new HttpFailure(400, 'expected multipart/form-data');
    }
    const body = await readBody(req, maxUploadBytes);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), {
        headers: { 'content-type': contentType },
      }).formData();
    } catch {
      throw new HttpFailure(400, 'malformed multipart body');
    }
    const part = fieldNames
      .map((name) => form.get(name))
      .find((value) => typeof value === 'object' && value !== null);
    if (!part || typeof part === 'string') {
      throw new HttpFailure(400, `no file in fields ${fieldNames.map((name) => `"${name}"`).join(' or ')}`);
    }
    const textName = form.get('filename');
    const name = safeFileName(typeof textName === 'string' && textName ? textName : part.name);
    if (!name) throw new HttpFailure(400, 'missing or invalid file name');
    const content = new Uint8Array(await part.arrayBuffer());
    const declared = req.headers['x-file-length'];
    if (declared !== undefined && Number(declared) !== content.byteLength) {
      throw new HttpFailure(
        400,
        `X-File-Length ${String(declared)} does not match the ${content.byteLength} bytes sent`,
      );
    }
    printer.sim.addFile({ name, sizeBytes: content.byteLength, content, ...readGcodeMetadata(content) });
    sendJson(res, 200, { code: 200, msg: 'done', data: { filename: name, size: content.byteLength } });
  }

  /** Returns true when the fault answered (or killed) the request. */
  async function actOutFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0));
        return false;
      case 'drop':
      case 'disconnect':
        req.socket.destroy();
        return true;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"code":200,"msg":');
        return true;
      case 'error-reply':
      case 'auth-failure': {
        const status = fault.kind === 'auth-failure' ? 401 : (fault.status ?? 500);
        sendJson(res, status, { code: fault.code ?? status, msg: fault.message ?? 'injected error' });
        return true;
      }
    }
  }

  function video(res: ServerResponse, printer: SimulatedAnycubicPrinter | undefined): void {
    if (!printer) throw new HttpFailure(404, 'no such camera');
    if (!printer.device.capturing || !printer.online) {
      throw new HttpFailure(503, 'capture not started: publish video/startCapture first');
    }
    res.writeHead(200, { 'content-type': 'video/x-flv', 'cache-control': 'no-cache' });
    res.write(flvHeader());
    let timestamp = 0;
    res.write(flvVideoTag(timestamp, 64, true));
    streams.add(res);
    const timer = setInterval(() => {
      if (!printer.device.capturing || !printer.online) {
        res.end();
        return;
      }
      timestamp += tagIntervalMs;
      res.write(flvVideoTag(timestamp));
    }, tagIntervalMs);
    res.on('close', () => {
      clearInterval(timer);
      streams.delete(res);
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === '/gcode_upload') {
      if (method !== 'POST') throw new HttpFailure(405, 'use POST');
      await upload(req, res, url);
    } else if (url.pathname === '/flv' && method === 'GET') {
      video(res, byDevice(url.searchParams.get('device')));
    } else if (url.pathname.startsWith('/live/') && method === 'GET') {
      video(res, byToken(decodePathPart(url.pathname.slice('/live/'.length))));
    } else if (url.pathname === '/info' && method === 'GET') {
      const printer = byDevice(url.searchParams.get('device'));
      if (!printer) throw new HttpFailure(404, 'no such printer');
      sendJson(res, 200, {
        token: lanToken,
        cn: printer.deviceId,
        ctrlInfoUrl: `${baseUrl}/ctrl`,
        modelId: String(printer.modelId),
        deviceId: printer.deviceId,
      });
    } else {
      throw new HttpFailure(404, `no route ${method} ${url.pathname}`);
    }
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpFailure ? error.status : 500;
      const msg = error instanceof Error ? error.message : 'internal error';
      if (res.headersSent) res.destroy();
      else sendJson(res, status, { code: status, msg });
    });
  });
  server.on('connection', (socket) => socket.setNoDelay(true));
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  baseUrl = `http://${options.host}:${port}`;

  return {
    port,
    url: baseUrl,
    close: async () => {
      for (const stream of streams) stream.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
