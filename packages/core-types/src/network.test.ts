import { describe, expect, it } from 'vitest';
import { AbortedError, ConnectionError, InvalidArgumentError, ProtocolError } from './errors.js';
import { guardNetwork, guardNetworkChunks, networkError, readLimited, streamChunks } from './network.js';

const context = { signal: new AbortController().signal, operation: 'GET /x' };

async function* chunks(...sizes: number[]): AsyncGenerator<Uint8Array> {
  for (const size of sizes) yield new Uint8Array(size).fill(7);
}

describe('networkError', () => {
  it('names the system code or the class, never a message that may quote a URL', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED http://u:pw@h'), { code: 'ECONNREFUSED' });
    const error = networkError(refused, context);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error.message).toBe('GET /x failed: ECONNREFUSED');
    expect(networkError(new TypeError('fetch failed for http://u:pw@h'), context).message).toBe(
      'GET /x failed: TypeError',
    );
  });

  it('keeps printkit errors and reports an aborted call as aborted', async () => {
    const refused = new InvalidArgumentError('bad');
    expect(networkError(refused, context)).toBe(refused);
    const controller = new AbortController();
    controller.abort();
    await expect(
      guardNetwork({ signal: controller.signal, operation: 'x' }, () => Promise.reject(new Error('socket'))),
    ).rejects.toSatisfy(AbortedError.isInstance);
  });

  it('maps a failure in the middle of a body', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1);
      throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    }
    await expect(readLimited(guardNetworkChunks(context, broken()), 10, context)).rejects.toThrow(
      'GET /x failed: ECONNRESET',
    );
  });
});

describe('readLimited', () => {
  it('reads a body within the cap, whatever its chunking', async () => {
    expect((await readLimited(chunks(3, 4, 3), 10, context)).byteLength).toBe(10);
    expect((await readLimited(chunks(), 10, context)).byteLength).toBe(0);
  });

  it('stops pulling past the cap and fails, or keeps the prefix when told to', async () => {
    let pulled = 0;
    let cancelled = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled++;
        yield new Uint8Array(1024);
      }
    }
    const cancel = () => {
      cancelled = true;
    };
    await expect(readLimited(endless(), 4096, { ...context, cancel })).rejects.toSatisfy(
      ProtocolError.isInstance,
    );
    expect(pulled).toBe(5);
    expect(cancelled).toBe(true);
    const prefix = await readLimited(endless(), 1500, { operation: 'x', overflow: 'truncate' });
    expect(prefix.byteLength).toBe(1500);
  });

  it('reads WHATWG streams through their reader and cancels one left early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(100));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(readLimited(streamChunks(stream), 250, context)).rejects.toSatisfy(ProtocolError.isInstance);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });
});
