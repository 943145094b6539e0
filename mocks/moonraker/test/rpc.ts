/** Small helpers for foreign-client tests: a JSON-RPC error frame, and Moonraker's HTTP envelopes. */
import type { RawSocket } from './raw-socket.js';

export interface RpcError {
  code: number;
  message: string;
}

/** Calls a method that must fail and returns its `error` object. */
export async function rpcError(
  s: RawSocket,
  method: string,
  params?: Record<string, unknown>,
): Promise<RpcError> {
  const frame = JSON.parse(await s.call(method, params)) as { error?: RpcError };
  if (!frame.error) throw new Error(`expected an error from ${method}, got ${JSON.stringify(frame)}`);
  return frame.error;
}

/** fetch + JSON body; `{status, body}`. */
export async function http(
  url: string,
  init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: { result?: unknown; error?: { code: number; message: string } } }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as never) };
}
