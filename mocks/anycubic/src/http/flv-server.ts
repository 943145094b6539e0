/**
 * The camera server on :18088 (notes, "camera"; TigerTag PROTOCOL.md §5c; chrisfore
 * research/PROTOCOL-VALIDATED.md "Camera"): `GET /flv` (`?device=<id>` picks another printer of a
 * multi-printer mock) and the newer `GET /live/<token>`. Every path is 404 while no capture runs; once
 * `video/startCapture` is in, HTTP-FLV with the printer's headers: `Content-Type: text/plain` and a bogus
 * `Content-Length: 99999999999` (TigerTag §5c).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimulatedAnycubicPrinter } from '../simulated-printer.js';
import {
  answerFailures,
  closeServer,
  decodePathPart,
  HttpFailure,
  listen,
  requestTarget,
} from './respond.js';
import { capturing, streamFlv } from './video-stream.js';

export interface FlvServerOptions {
  host: string;
  port: number;
  printers: () => readonly SimulatedAnycubicPrinter[];
  /** Real ms between FLV tags; default 100. */
  videoTagIntervalMs?: number;
}

export interface FlvServer {
  readonly port: number;
  /** `http://<host>:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

const PRINTER_HEADERS = { 'content-type': 'text/plain', 'content-length': '99999999999' };

export async function startFlvServer(options: FlvServerOptions): Promise<FlvServer> {
  const tagIntervalMs = options.videoTagIntervalMs ?? 100;
  const streams = new Set<ServerResponse>();

  function camera(url: URL): SimulatedAnycubicPrinter | undefined {
    const printers = options.printers();
    if (url.pathname === '/flv') {
      const device = url.searchParams.get('device');
      return device === null ? printers[0] : printers.find((p) => p.deviceId === device);
    }
    if (url.pathname.startsWith('/live/')) {
      const token = decodePathPart(url.pathname.slice('/live/'.length));
      return printers.find((p) => p.videoToken === token);
    }
    return undefined;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestTarget(req);
    const printer = req.method === 'GET' ? camera(url) : undefined;
    if (!capturing(printer)) throw new HttpFailure(404, 'not found');
    streamFlv(res, printer, { headers: PRINTER_HEADERS, tagIntervalMs, streams, destroyOnEnd: true });
  }

  const server: Server = createServer(answerFailures(route));
  server.on('connection', (socket) => socket.setNoDelay(true));
  const port = await listen(server, options.port, options.host);
  return {
    port,
    url: `http://${options.host}:${port}`,
    close: async () => {
      for (const stream of streams) stream.destroy();
      await closeServer(server);
    },
  };
}
