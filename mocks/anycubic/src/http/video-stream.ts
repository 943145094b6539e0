/**
 * An FLV stream for one camera: a header, a key frame, then a video tag every interval while the
 * printer captures (notes, "camera": nothing is served before `startCapture`). The stream ends when
 * the capture stops or the printer goes offline.
 */
import type { ServerResponse } from 'node:http';
import { flvHeader, flvVideoTag } from '../flv.js';
import type { SimulatedAnycubicPrinter } from '../simulated-printer.js';

/** Bytes queued for one viewer before it counts as gone (a stream makes ~800 B/s at the default rate). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface VideoStreamOptions {
  /** Response headers (the two servers answer with different content types). */
  headers: Record<string, string>;
  tagIntervalMs: number;
  /** Open streams, so the server can end them on close. */
  streams: Set<ServerResponse>;
  /**
   * Close the socket when the stream ends instead of ending the body: needed when the headers declare
   * a Content-Length the stream never reaches (the printer's bogus one), or the client waits forever.
   */
  destroyOnEnd: boolean;
  /** Default `MAX_BUFFERED_BYTES`. */
  maxBufferedBytes?: number;
}

export function streamFlv(
  res: ServerResponse,
  printer: SimulatedAnycubicPrinter,
  options: VideoStreamOptions,
): void {
  res.writeHead(200, options.headers);
  res.write(flvHeader());
  let timestamp = 0;
  res.write(flvVideoTag(timestamp, 64, true));
  options.streams.add(res);
  const timer = setInterval(() => {
    if (!printer.device.capturing || !printer.online) {
      if (options.destroyOnEnd) res.destroy();
      else res.end();
      return;
    }
    // A viewer that stopped reading is dropped past a high-water mark instead of buffered forever.
    if (res.writableLength > (options.maxBufferedBytes ?? MAX_BUFFERED_BYTES)) {
      res.destroy();
      return;
    }
    timestamp += options.tagIntervalMs;
    res.write(flvVideoTag(timestamp));
  }, options.tagIntervalMs);
  res.on('close', () => {
    clearInterval(timer);
    options.streams.delete(res);
  });
}

/** Capturing and online: the only time a camera answers. */
export function capturing(
  printer: SimulatedAnycubicPrinter | undefined,
): printer is SimulatedAnycubicPrinter {
  return printer?.device.capturing === true && printer.online;
}
