/**
 * JSON-RPC 2.0 envelopes as Moonraker handles them (moonraker/common.py `JsonRPC`, plus the
 * edge cases observed on a real Moonraker): compact frames, `-32700` with `id: null` for non-JSON,
 * `-32600` echoing the id, `-32601` unknown method, `-32602 "Invalid params:"` for non-object
 * params, and no reply at all for notifications (`id` null or missing), a missing method, `[]`,
 * a bare scalar, or a batch that contains a non-object.
 */

export type JsonRpcId = string | number | boolean | Record<string, unknown> | unknown[];

/** One request that passed the envelope checks and names a known method. */
export interface RpcCall {
  /** `undefined` for notifications: the method runs but nothing is sent back. */
  readonly id: JsonRpcId | undefined;
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** What to do with one element of a frame. */
export type Envelope =
  | { readonly kind: 'call'; readonly call: RpcCall }
  | { readonly kind: 'error'; readonly frame: RpcErrorFrame }
  | { readonly kind: 'silent' };

export interface RpcErrorFrame {
  jsonrpc: '2.0';
  error: { code: number; message: string };
  id: JsonRpcId | null;
}

export interface RpcResultFrame {
  jsonrpc: '2.0';
  result: unknown;
  id: JsonRpcId;
}

export type RpcReplyFrame = RpcErrorFrame | RpcResultFrame;

/** How a whole text frame reads: not JSON, a single element, or a batch. */
export type ParsedFrame =
  | { readonly kind: 'parse-error' }
  | { readonly kind: 'single'; readonly item: unknown }
  | { readonly kind: 'batch'; readonly items: readonly unknown[] };

export function parseFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'parse-error' };
  }
  return Array.isArray(value) ? { kind: 'batch', items: value } : { kind: 'single', item: value };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one element. Returns undefined for a non-object: Moonraker raises inside
 * `process_object` and the whole frame (even the rest of a batch) goes unanswered.
 */
export function readEnvelope(item: unknown, knownMethod: (name: string) => boolean): Envelope | undefined {
  if (!isPlainObject(item)) return undefined;
  const rawId = item.id;
  const id: JsonRpcId | undefined = rawId === null || rawId === undefined ? undefined : (rawId as JsonRpcId);
  const fail = (code: number, message: string): Envelope =>
    // A notification never gets an answer, not even an error (observed on a real Moonraker).
    id === undefined ? { kind: 'silent' } : { kind: 'error', frame: errorFrame(code, message, id) };
  if (item.jsonrpc !== '2.0') return fail(-32600, 'Invalid Request');
  if (!Object.hasOwn(item, 'method')) return { kind: 'silent' };
  const method = item.method;
  if (typeof method !== 'string') return fail(-32600, 'Invalid Request');
  if (!knownMethod(method)) return fail(-32601, 'Method not found');
  let params: Record<string, unknown> = {};
  if (Object.hasOwn(item, 'params')) {
    if (!isPlainObject(item.params)) return fail(-32602, 'Invalid params:');
    params = item.params;
  }
  return { kind: 'call', call: { id, method, params } };
}

export function errorFrame(code: number, message: string, id: JsonRpcId | null): RpcErrorFrame {
  return { jsonrpc: '2.0', error: { code, message }, id };
}

export function resultFrame(result: unknown, id: JsonRpcId): RpcResultFrame {
  return { jsonrpc: '2.0', result, id };
}

/** A server → client notification; `notify_klippy_*` frames carry no `params` key at all. */
export function notificationFrame(method: string, params?: readonly unknown[]): string {
  return params === undefined
    ? JSON.stringify({ jsonrpc: '2.0', method })
    : JSON.stringify({ jsonrpc: '2.0', method, params });
}

/** Compact JSON, as a real Moonraker writes every frame. */
export function encode(frame: unknown): string {
  return JSON.stringify(frame);
}

export const PARSE_ERROR_FRAME = encode(errorFrame(-32700, 'Parse error', null));
