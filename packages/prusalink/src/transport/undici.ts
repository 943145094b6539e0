/**
 * undici, the Node default: up to `connections` keep-alive undici `Client`s ("lanes") to the printer,
 * each made only when every lane made so far is busy. A PrusaLink printer serves few connections at
 * once (the firmware's web server is small), and most of the time a client has one call in flight
 * (a status poll), so one lane is the common case; a second one exists so that a long upload does not
 * hold the polls up behind it. Not an undici `Pool`: a Pool holds ~18.6 KB before its first request
 * (a 2,048-slot queue) and a Client ~1.8 KB, which at 1,000 printers in one process is most of the
 * memory (apps/cli/bench/fleet-clients). A caller-injected Dispatcher is used as it is and never
 * closed by the client.
 */
import { guardNetwork, networkError, readLimited } from '@printkit/core-types';
import type { Dispatcher } from 'undici';
import { VERSION } from '../version.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './http.js';

export interface UndiciTransportOptions {
  /** Connections (undici Clients) to the printer at most; each made only when the others are busy. Default 2. */
  connections?: number;
  /** An undici Dispatcher (Agent, Pool, ProxyAgent...) to use instead of the client's own connections. */
  dispatcher?: Dispatcher;
}

export function createUndiciTransport(origin: string, options: UndiciTransportOptions = {}): HttpTransport {
  const injected = options.dispatcher;
  const maxLanes = options.connections ?? 2;
  const lanes: Lane[] = [];
  let makeClient: ((origin: string) => Dispatcher) | undefined;
  let loading: Promise<void> | undefined;
  let closed = false;

  /** The first idle lane; else a new one while under `connections`; else the least busy. */
  const pickLane = (): Lane => {
    let least: Lane | undefined;
    for (const lane of lanes) {
      if (lane.active === 0) return lane;
      if (least === undefined || lane.active < least.active) least = lane;
    }
    if (least !== undefined && lanes.length >= maxLanes) return least;
    const lane: Lane = { dispatcher: (makeClient as (origin: string) => Dispatcher)(origin), active: 0 };
    lanes.push(lane);
    return lane;
  };

  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    // A ConnectionError, as a refused connection would be.
    if (closed) throw networkError(new Error('the client was closed'), request);
    if (injected) return exchange(injected, request, () => {});
    if (makeClient === undefined) {
      loading ??= import('undici').then(({ Client }) => {
        makeClient = (at) => new Client(at, { keepAliveTimeout: 10_000 });
      });
      await loading;
      if (closed) throw networkError(new Error('the client was closed'), request);
    }
    const lane = pickLane();
    lane.active++;
    let done = false;
    // The lane is busy until the reply's body is read or dropped (or the exchange failed).
    const release = () => {
      if (done) return;
      done = true;
      lane.active--;
    };
    try {
      return await exchange(lane.dispatcher, request, release);
    } catch (error) {
      release();
      throw error;
    }
  };

  const exchange = (
    dispatcher: Dispatcher,
    request: HttpRequest,
    release: () => void,
  ): Promise<HttpResponse> =>
    guardNetwork(request, async (): Promise<HttpResponse> => {
      const response = await dispatcher.request({
        origin,
        method: request.method,
        path: request.path,
        headers: { 'user-agent': `@printkit/prusalink/${VERSION}`, ...request.headers },
        body: request.body ?? null,
        signal: request.signal,
      });
      const { body, headers } = response;
      const declared = Number(headers['content-length'] ?? Number.NaN);
      const readBody = (maxBytes: number) =>
        guardNetwork(request, async () => {
          try {
            // undici refuses a body longer than its Content-Length, so a declared length within the
            // limit can be read in one go (faster than iterating the chunks).
            if (Number.isSafeInteger(declared) && declared >= 0 && declared <= maxBytes) {
              return new Uint8Array(await body.arrayBuffer());
            }
            return await readLimited(body as AsyncIterable<Uint8Array>, maxBytes, {
              operation: request.operation,
              cancel: () => body.destroy(),
            });
          } finally {
            release();
          }
        });
      return {
        status: response.statusCode,
        header(name) {
          const value = headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        bytes: (maxBytes) => readBody(maxBytes),
        text: async (maxBytes) => new TextDecoder().decode(await readBody(maxBytes)),
        discard: () =>
          guardNetwork(request, async () => {
            try {
              await body.dump();
            } finally {
              release();
            }
          }),
      };
    });

  return {
    send,
    async close() {
      closed = true;
      if (injected) return; // whoever created it closes it
      await loading;
      // destroy (not close): pending requests settle now, not after their replies.
      await Promise.all(lanes.splice(0).map((lane) => lane.dispatcher.destroy()));
    },
  };
}

/** One undici Client to the printer and how many exchanges are using it. */
interface Lane {
  readonly dispatcher: Dispatcher;
  active: number;
}
