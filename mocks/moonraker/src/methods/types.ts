/**
 * One entry per Moonraker method, shared by the websocket JSON-RPC dispatcher, `POST /server/jsonrpc`
 * and the HTTP routes: a method name, its HTTP routes, and what it needs (auth, Klippy) is spelled once.
 */
import type { Args } from '../args.js';
import type { Identity } from '../auth.js';
import type { Connection } from '../connection.js';
import type { MoonrakerHost } from '../host.js';

export type HttpVerb = 'GET' | 'POST' | 'DELETE';

export interface HttpRoute {
  readonly verb: HttpVerb;
  /** An exact path, or a prefix ending in `/*` whose remainder becomes the `path` argument. */
  readonly path: string;
}

export interface MethodContext {
  readonly host: MoonrakerHost;
  /** The websocket the call came in on; undefined over HTTP. */
  readonly connection: Connection | undefined;
  readonly identity: Identity | undefined;
  readonly transport: 'websocket' | 'http';
}

export interface MethodSpec {
  readonly http?: readonly HttpRoute[];
  /**
   * 'registered': an endpoint Klippy registers with Moonraker (-32601 / 404 until Klippy connected
   * once, then 503 "Klippy Host not connected" while it is away). 'required': a Moonraker endpoint
   * that forwards to Klippy (503 whenever Klippy is not connected).
   */
  readonly klippy?: 'registered' | 'required';
  /** Default true: refused with 401 / -32602 "Unauthorized" without valid credentials. */
  readonly auth?: boolean;
  /** Only over a persistent connection (printer.objects.subscribe, server.connection.identify). */
  readonly websocketOnly?: boolean;
  /**
   * For results that depend only on a little state and take no arguments: that state as a string.
   * The JSON-RPC dispatcher then reuses the serialized result while the key stays the same.
   */
  readonly cacheKey?: (ctx: MethodContext) => string;
  readonly handler: (ctx: MethodContext, args: Args) => unknown;
}

export type MethodTable = Readonly<Record<string, MethodSpec>>;
