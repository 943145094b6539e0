/**
 * The printer's HTTP server on :18910 (protocol notes, "LAN mode on stock firmware" and "File upload"):
 * - `GET /info`: the LAN-mode discovery document (`?device=<id>` picks another printer of a multi-printer
 *   mock; a real printer serves only itself);
 * - `POST /ctrl` (`/ctrl/<deviceId>` for the others): the signed control request → encrypted credentials;
 * - `POST /gcode_upload?s=<token>`: multipart upload into the printer's local files;
 * - `GET /flv` and `/live/<token>` only when the mock has no FLV port of its own (see `flv-server.ts`).
 * A powered-off printer does not answer `/info` or `/ctrl` at all (the socket closes), as a switched-off
 * printer's port is gone.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LAN_CTRL_CODES } from './error-codes.js';
import { actOutFault } from './http/faults.js';
import {
  answerFailures,
  closeServer,
  decodePathPart,
  HttpFailure,
  listen,
  requestTarget,
  sendJson,
} from './http/respond.js';
import { handleUpload } from './http/upload.js';
import { capturing, streamFlv } from './http/video-stream.js';
import type { SimulatedAnycubicPrinter } from './simulated-printer.js';

export { UPLOAD_OPERATION } from './http/upload.js';

/** Fault operations of the LAN-mode endpoints (plus '*'). */
export const DISCOVERY_OPERATION = 'GET /info';
export const CTRL_OPERATION = 'POST /ctrl';

/** The LAN-mode answers, built by whoever owns the printers' LAN secrets. */
export interface LanRoutes {
  /** The `/info` document of a printer; `ctrlInfoUrl` is the absolute URL of its `/ctrl` on this server. */
  discovery(printer: SimulatedAnycubicPrinter, ctrlInfoUrl: string): Record<string, unknown>;
  /** The `/ctrl` answer body to a request with this query. */
  ctrl(printer: SimulatedAnycubicPrinter, query: URLSearchParams): Record<string, unknown>;
}

export interface PrinterHttpOptions {
  host: string;
  port: number;
  printers: () => readonly SimulatedAnycubicPrinter[];
  /**
   * Multipart field names accepted for the file, in order. The real name is unverified (notes):
   * `gcode` in one capture, `file` in another. Default both.
   */
  uploadFieldNames?: readonly string[];
  /** Largest accepted upload body; default 64 MiB (larger ones get 413). */
  maxUploadBytes?: number;
  /** Real ms between FLV tags; default 100. */
  videoTagIntervalMs?: number;
  /** Serve the camera here too (the mock has no FLV port of its own); default true. */
  serveVideo?: boolean;
  lan?: LanRoutes | undefined;
}

export interface PrinterHttpServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** `/info` is JSON served without a JSON content type (notes), readable from any origin (TigerTag §3). */
const DISCOVERY_HEADERS = { 'access-control-allow-origin': '*' };

export async function startPrinterHttp(options: PrinterHttpOptions): Promise<PrinterHttpServer> {
  const fieldNames = options.uploadFieldNames ?? ['gcode', 'file'];
  const maxUploadBytes = options.maxUploadBytes ?? 64 * 1024 * 1024;
  const tagIntervalMs = options.videoTagIntervalMs ?? 100;
  const serveVideo = options.serveVideo ?? true;
  const streams = new Set<ServerResponse>();
  let baseUrl = '';

  const byDevice = (deviceId: string | null) =>
    deviceId === null ? options.printers()[0] : options.printers().find((p) => p.deviceId === deviceId);

  /** A printer that is switched off does not answer: the connection just closes. */
  function reachable(printer: SimulatedAnycubicPrinter | undefined, req: IncomingMessage) {
    if (!printer) throw new HttpFailure(404, 'no such printer');
    if (!printer.powered) {
      req.socket.destroy();
      return undefined;
    }
    return printer;
  }

  function ctrlUrl(printer: SimulatedAnycubicPrinter): string {
    const first = options.printers()[0];
    return first === printer ? `${baseUrl}/ctrl` : `${baseUrl}/ctrl/${encodeURIComponent(printer.deviceId)}`;
  }

  function video(res: ServerResponse, printer: SimulatedAnycubicPrinter | undefined): void {
    if (!printer) throw new HttpFailure(404, 'no such camera');
    if (!capturing(printer))
      throw new HttpFailure(503, 'capture not started: publish video/startCapture first');
    streamFlv(res, printer, {
      headers: { 'content-type': 'video/x-flv', 'cache-control': 'no-cache' },
      tagIntervalMs,
      streams,
      destroyOnEnd: false,
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestTarget(req);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === '/gcode_upload') {
      await handleUpload(req, res, url, options.printers(), { fieldNames, maxBytes: maxUploadBytes });
    } else if (options.lan && path === '/info') {
      if (method !== 'GET') throw new HttpFailure(405, 'use GET');
      const printer = reachable(byDevice(url.searchParams.get('device')), req);
      if (!printer) return;
      const fault = printer.faults.take(DISCOVERY_OPERATION);
      if (fault && (await actOutFault(fault, req, res))) return;
      sendJson(res, 200, options.lan.discovery(printer, ctrlUrl(printer)), DISCOVERY_HEADERS);
    } else if (options.lan && (path === '/ctrl' || path.startsWith('/ctrl/'))) {
      if (method !== 'POST') throw new HttpFailure(405, 'use POST');
      const id = path === '/ctrl' ? null : decodePathPart(path.slice('/ctrl/'.length));
      const printer = reachable(byDevice(id), req);
      if (!printer) return;
      const fault = printer.faults.take(CTRL_OPERATION);
      const refused = () => ({
        status: 200,
        body: { code: LAN_CTRL_CODES.badSignature, message: fault?.message ?? 'sign check failed' },
        headers: DISCOVERY_HEADERS,
      });
      if (fault && (await actOutFault(fault, req, res, { authFailure: refused }))) return;
      sendJson(res, 200, options.lan.ctrl(printer, url.searchParams), DISCOVERY_HEADERS);
    } else if (serveVideo && path === '/flv' && method === 'GET') {
      video(res, byDevice(url.searchParams.get('device')));
    } else if (serveVideo && path.startsWith('/live/') && method === 'GET') {
      const token = decodePathPart(path.slice('/live/'.length));
      video(
        res,
        options.printers().find((p) => p.videoToken === token),
      );
    } else {
      throw new HttpFailure(404, `no route ${method} ${path.slice(0, 64)}`);
    }
  }

  const server: Server = createServer(answerFailures(route));
  server.on('connection', (socket) => socket.setNoDelay(true));
  const port = await listen(server, options.port, options.host);
  baseUrl = `http://${options.host}:${port}`;

  return {
    port,
    url: baseUrl,
    close: async () => {
      for (const stream of streams) stream.destroy();
      await closeServer(server);
    },
  };
}
