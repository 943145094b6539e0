import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulatedAnycubicPrinter } from '../simulated-printer.js';
import { streamFlv } from './video-stream.js';

/** A response whose client never reads: every byte written stays queued. */
class StalledResponse extends EventEmitter {
  writableLength = 0;
  destroyed = false;
  writeHead() {
    return this;
  }
  write(chunk: Buffer) {
    this.writableLength += chunk.length;
    return false;
  }
  end() {}
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}

const capturingPrinter = { device: { capturing: true }, online: true } as unknown as SimulatedAnycubicPrinter;

describe('streamFlv', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drops a viewer that stopped reading once its queue passes the high-water mark', () => {
    vi.useFakeTimers();
    const res = new StalledResponse();
    const streams = new Set<ServerResponse>();
    streamFlv(res as unknown as ServerResponse, capturingPrinter, {
      headers: {},
      tagIntervalMs: 100,
      streams,
      destroyOnEnd: true,
      maxBufferedBytes: 1_000,
    });
    expect(streams.size).toBe(1);
    // Each tag is 79 bytes (11 header + 64 payload + 4 size); 1 000 bytes pass after ~12 tags.
    vi.advanceTimersByTime(1_000);
    expect(res.destroyed).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(res.destroyed).toBe(true);
    expect(res.writableLength).toBeLessThan(1_100);
    expect(streams.size).toBe(0);
  });
});
