/**
 * What every HTTP transport needs around the network, written once: failures mapped to typed errors
 * and reply bodies read under a size cap (a misbehaving server, or something else on its address,
 * must never make a client buffer an endless reply).
 */
import { abortReason } from './deadline.js';
import { ConnectionError, PrintkitError, ProtocolError } from './errors.js';

/** The call a network failure belongs to. */
export interface NetworkContext {
  readonly signal: AbortSignal;
  readonly operation: string;
}

/**
 * The error to throw when sending or reading failed: the abort reason when the caller aborted, a
 * printkit error as it is, otherwise a `ConnectionError` naming the system code (`ECONNREFUSED`) or
 * the error's class, never its message (a runtime's message may quote the URL, credentials and all).
 */
export function networkError(error: unknown, context: NetworkContext): Error {
  if (context.signal.aborted) return abortReason(context.signal, context.operation);
  if (PrintkitError.isInstance(error)) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const what = typeof code === 'string' ? code : error instanceof Error ? error.name : 'network error';
  return new ConnectionError(`${context.operation} failed: ${what}`, {
    operation: context.operation,
    cause: error,
  });
}

/** Runs `work`, mapping its failure through `networkError`. */
export async function guardNetwork<T>(context: NetworkContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw networkError(error, context);
  }
}

/** `source` with its failures mapped through `networkError` (a socket reset mid-body). */
export async function* guardNetworkChunks(
  context: NetworkContext,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    yield* source;
  } catch (error) {
    throw networkError(error, context);
  }
}

export interface ReadLimitedOptions {
  /** Named in the error. */
  readonly operation: string;
  /** What to do past `maxBytes`: fail with a `ProtocolError` (default) or keep the first `maxBytes`. */
  readonly overflow?: 'fail' | 'truncate';
  /** Releases the source when reading stops early (leaving a `for await` already returns the iterator). */
  readonly cancel?: () => void;
}

/**
 * The body, at most `maxBytes`: past it, reading stops (the rest is never pulled) and the call fails
 * with a `ProtocolError`, or keeps the prefix with `overflow: 'truncate'`. Content-Length is not
 * trusted: chunked replies have none, and a wrong one must not matter.
 */
export async function readLimited(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  options: ReadLimitedOptions,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const room = maxBytes - total;
    if (chunk.byteLength > room) {
      options.cancel?.();
      if (options.overflow !== 'truncate') {
        throw new ProtocolError(
          `${options.operation} answered with more than ${maxBytes} bytes; it was not read`,
          {
            operation: options.operation,
          },
        );
      }
      parts.push(chunk.subarray(0, room));
      total += room;
      break;
    }
    parts.push(chunk);
    total += chunk.byteLength;
  }
  if (parts.length === 1 && parts[0]) return parts[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/**
 * A WHATWG stream's chunks through its reader (not `for await` on the stream, which some browsers
 * lack). Leaving early cancels the stream without waiting (a mocked body's cancel may never settle).
 */
export async function* streamChunks(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) void reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
