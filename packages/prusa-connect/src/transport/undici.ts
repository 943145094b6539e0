/**
 * undici, the Node default. Calls go to an idle keep-alive `Client` (one connection each) of at most
 * `LANES`, a new one made only when every one made so far is busy; past that, to a `Pool` of the
 * remaining `connections`, made when first needed. A client polling one printer has one call in
 * flight most of the time (three at connect), so a few Clients carry it: a Pool held ~18.6 KB before
 * its first request and a Client ~1.8 KB, which for 1,000 printers with a client each in one process
 * was most of the memory (apps/cli/bench/fleet-clients). A client shared by a farm's printers has many
 * calls in flight: the Pool hands each to the first free connection, which cost less CPU per call than
 * queueing them on Clients (bench/run.mjs, 32 in flight). undici `request` costs 2–4× less CPU per call
 * than `fetch` on the same machine (DESIGN.md, measured). undici is loaded lazily on first use. Browser
 * bundles never reach this file: package.json's `browser` field swaps the default transport for the
 * fetch one (see default-transport.ts).
 */

import { guardNetworkChunks, networkError } from '@printkit/core-types';
import type { Client, Dispatcher, Pool } from 'undici';
import { VERSION } from '../version.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './http.js';

type UndiciBody = NonNullable<Parameters<Client['request']>[0]['body']> | null;

/** Clients made before the Pool (the adapter makes three calls at once when it connects). */
const LANES = 4;

export interface UndiciTransportOptions {
  /** Connections to the origin at most (a few Clients, then a Pool of the rest). Default 16. */
  connections?: number;
  /** How long an idle socket is kept, ms. Default 30 000 (Connect is usually polled every few seconds). */
  keepAliveTimeoutMs?: number;
  /** Sent when a request has no `user-agent` header. Default `@printkit/prusa-connect/<version>`. */
  userAgent?: string;
}

type Undici = typeof import('undici');

/** One Client and whether a call is using it. */
interface Lane {
  readonly client: Client;
  busy: boolean;
}

export function createUndiciTransport(origin: string, options: UndiciTransportOptions = {}): HttpTransport {
  let undici: Undici | undefined;
  let loading: Promise<Undici> | undefined;
  const lanes: Lane[] = [];
  let pool: Pool | undefined;
  let closed = false;
  const userAgent = options.userAgent ?? `@printkit/prusa-connect/${VERSION}`;
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 30_000;
  const connections = Math.max(1, options.connections ?? 16);
  const maxLanes = Math.min(LANES, connections);
  const nothing = () => {};

  /** An idle lane (made if there is room), marked busy; undefined when all `maxLanes` are busy. */
  const idleLane = (lib: Undici): Lane | undefined => {
    for (const lane of lanes) {
      if (!lane.busy) {
        lane.busy = true;
        return lane;
      }
    }
    if (lanes.length >= maxLanes) return undefined;
    const lane: Lane = { client: new lib.Client(origin, { keepAliveTimeout }), busy: true };
    lanes.push(lane);
    return lane;
  };

  return {
    // One async function per send (no wrapper per layer); failures mapped as guardNetwork maps them.
    async send(request) {
      let release: (() => void) | undefined;
      try {
        if (closed) throw new Error('the client was closed');
        if (undici === undefined) {
          loading ??= import('undici');
          undici = await loading;
          if (closed) throw new Error('the client was closed');
        }
        const lib = undici;
        let dispatcher: Dispatcher;
        const lane = idleLane(lib);
        if (lane !== undefined) {
          dispatcher = lane.client;
          // The lane is busy until the reply's body is read or dropped, or the exchange failed; once:
          // by then another call may have taken it.
          let done = false;
          release = () => {
            if (done) return;
            done = true;
            lane.busy = false;
          };
        } else if (connections > maxLanes) {
          pool ??= new lib.Pool(origin, { connections: connections - maxLanes, keepAliveTimeout });
          dispatcher = pool;
          release = nothing;
        } else {
          // No room for a Pool (`connections` ≤ LANES): wait in a Client's queue, as a Pool would.
          dispatcher = (lanes[0] as Lane).client;
          release = nothing;
        }
        // The requester builds these headers for this one attempt: add the default agent in place.
        const { headers: sent } = request;
        if (sent['user-agent'] === undefined) sent['user-agent'] = userAgent;
        const response = await dispatcher.request({
          method: request.method,
          path: request.path,
          headers: sent,
          // undici streams any async iterable body (lib/core/util isIterable); its typings only name Readable.
          body: (request.body ?? null) as UndiciBody,
          // An EventEmitter-style handle when the requester gives one (no AbortSignal made per call).
          signal: (request.abortHandle ?? request.signal) as AbortSignal,
        });
        return new UndiciResponse(request, response, release);
      } catch (error) {
        release?.();
        throw networkError(error, request);
      }
    },
    async close() {
      closed = true;
      if (loading) await loading.catch(() => undefined);
      // destroy (not close): pending requests must settle now, not after their replies.
      await Promise.all([...lanes.splice(0).map((lane) => lane.client.destroy()), pool?.destroy()]);
    },
  };
}

/** undici's reply as an `HttpResponse`: one object per reply, its methods on the prototype. */
class UndiciResponse implements HttpResponse {
  readonly status: number;

  constructor(
    private readonly request: HttpRequest,
    private readonly response: Dispatcher.ResponseData,
    /** Frees the connection for other calls; called once the body is read, dropped or failed. */
    private readonly release: () => void,
  ) {
    this.status = response.statusCode;
  }

  header(name: string): string | undefined {
    const value = this.response.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  // Leaving the loop early destroys the stream, and with it the socket: nothing more is read.
  async *body(): AsyncIterable<Uint8Array> {
    try {
      yield* guardNetworkChunks(this.request, this.response.body);
    } finally {
      this.release();
    }
  }

  readAll(maxBytes: number): Promise<Uint8Array | undefined> {
    return readCapped(this.request, this.response.body, maxBytes, asBytes, this.release);
  }

  readText(maxBytes: number): Promise<string | undefined> {
    return readCapped(this.request, this.response.body, maxBytes, utf8Text, this.release);
  }

  cancel(): void {
    const { body } = this.response;
    // A destroyed body reports the abort as an 'error' event: nobody else is listening any more.
    body.on('error', () => {});
    body.destroy();
    this.release();
  }
}

/** The body as read (for `readAll`). */
const asBytes = (bytes: Buffer): Buffer => bytes;

/**
 * UTF-8 text of a body, a leading byte order mark dropped (what `TextDecoder` does); Buffer's own
 * decoder skips TextDecoder's per-call argument handling, which cost more than the decoding.
 */
function utf8Text(bytes: Buffer): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // toString() without arguments is Buffer's shortest path (UTF-8, the whole buffer).
  return bom ? bytes.toString('utf8', 3) : bytes.toString();
}

type UndiciReadable = Dispatcher.ResponseData['body'];

/**
 * The whole body through 'data' events (an async iterator per reply costs more than the read itself),
 * passed through `finish` (bytes or text, without another promise):
 * `undefined` once it passes `maxBytes` — the stream is destroyed, nothing more is read — and failures
 * mapped through `networkError`. `settled` runs when the read is over, whichever way.
 */
function readCapped<T>(
  request: HttpRequest,
  body: UndiciReadable,
  maxBytes: number,
  finish: (bytes: Buffer) => T,
  settled: () => void,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    // Most replies arrive in one chunk: an array only from the second one on.
    let first: Buffer | undefined;
    let rest: Buffer[] | undefined;
    let total = 0;
    // Plain `on` (no `once` wrappers) and no removal: the stream is done after 'end' or 'error', and
    // the error listener staying on also takes the abort error of the destroy below.
    body.on('data', (chunk: Buffer) => {
      if (total < 0) return;
      total += chunk.byteLength;
      if (total > maxBytes) {
        total = -1;
        body.destroy();
        settled();
        resolve(undefined);
      } else if (first === undefined) first = chunk;
      else if (rest === undefined) rest = [chunk];
      else rest.push(chunk);
    });
    body.on('end', () => {
      if (total < 0) return;
      settled();
      const whole = rest ? Buffer.concat([first as Buffer, ...rest], total) : (first ?? Buffer.alloc(0));
      resolve(finish(whole));
    });
    body.on('error', (error: Error) => {
      settled();
      reject(networkError(error, request));
    });
  });
}
