/**
 * The fake camera's HTTP endpoints, as mjpg-streamer / crowsnest serve them (the URLs Mainsail and
 * Fluidd default to): `GET /webcam/?action=snapshot` → one JPEG, `?action=stream` → MJPEG
 * (multipart/x-mixed-replace) at 5 frames a wall second. No Moonraker auth, as the camera is a
 * separate service on a real printer. A reader that stops reading gets frames skipped (never
 * queued without bound), and is dropped after 10 s without progress.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MoonrakerHost } from '../host.js';
import { renderFrame } from './frame.js';

const BOUNDARY = 'boundarydonotcross';
const FRAME_INTERVAL_MS = 200;
const HIGH_WATER_BYTES = 256 * 1024;
const STALLED_MS = 10_000;

/** Handles `/webcam/...`; false when the path is not the camera's. */
export function serveWebcam(
  host: MoonrakerHost,
  path: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (path !== '/webcam/' && path !== '/webcam') return false;
  const action = url.searchParams.get('action');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'Content-Length': 0 }).end();
    return true;
  }
  if (action === 'snapshot') {
    const jpeg = renderFrame(host.sim.snapshot());
    res.writeHead(200, {
      'Content-Type': 'image/jpeg',
      'Content-Length': jpeg.length,
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : jpeg);
    return true;
  }
  if (action === 'stream') {
    stream(host, res);
    return true;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': 9 }).end('Not Found');
  return true;
}

function stream(host: MoonrakerHost, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': `multipart/x-mixed-replace;boundary=${BOUNDARY}`,
    'Cache-Control': 'no-cache, no-store, must-revalidate',
    Connection: 'close',
  });
  let lastProgress = Date.now();
  const send = () => {
    if (res.writableLength > HIGH_WATER_BYTES) {
      if (Date.now() - lastProgress > STALLED_MS) res.destroy();
      return;
    }
    lastProgress = Date.now();
    const jpeg = renderFrame(host.sim.snapshot());
    res.write(
      `--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\nX-Timestamp: ${(host.wallClock.now() / 1000).toFixed(6)}\r\n\r\n`,
    );
    res.write(jpeg);
    res.write('\r\n');
  };
  send();
  const timer = setInterval(send, FRAME_INTERVAL_MS);
  res.on('close', () => clearInterval(timer));
}
