/**
 * Answers one JSON-RPC text frame (websocket, or the body of `POST /server/jsonrpc`): envelope
 * checks, batches, faults from the simulator's fault plan, and Moonraker's error-code mapping.
 */
import type { Identity } from './auth.js';
import type { Connection } from './connection.js';
import { MoonrakerError, rpcErrorCode } from './errors.js';
import type { MoonrakerHost } from './host.js';
import { invoke, methodFor } from './invoke.js';
import {
  encode,
  errorFrame,
  PARSE_ERROR_FRAME,
  parseFrame,
  type RpcCall,
  type RpcReplyFrame,
  readEnvelope,
  resultFrame,
} from './jsonrpc.js';

/** What the transport should do with the frame. */
export type DispatchOutcome =
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'none' }
  /** A `malformed` fault: send a frame that is not JSON. */
  | { readonly kind: 'malformed' }
  /** A `disconnect` fault: close the connection without a reply. */
  | { readonly kind: 'disconnect' };

type CallOutcome =
  | { readonly kind: 'frame'; readonly frame: RpcReplyFrame }
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'disconnect' };

export interface DispatchContext {
  readonly host: MoonrakerHost;
  readonly connection: Connection | undefined;
  /** Over HTTP: who the request's headers say it is. Over a websocket the connection knows. */
  readonly identity: Identity | undefined;
  readonly transport: 'websocket' | 'http';
}

export const MALFORMED_FRAME = '{"jsonrpc":"2.0","result":';

export async function dispatchText(text: string, ctx: DispatchContext): Promise<DispatchOutcome> {
  const parsed = parseFrame(text);
  if (parsed.kind === 'parse-error') return { kind: 'reply', text: PARSE_ERROR_FRAME };
  const known = (name: string) => methodFor(ctx.host, name, ctx.transport) !== undefined;
  if (parsed.kind === 'single') {
    const envelope = readEnvelope(parsed.item, known);
    if (!envelope || envelope.kind === 'silent') return { kind: 'none' };
    if (envelope.kind === 'error') return { kind: 'reply', text: encode(envelope.frame) };
    const outcome = await runCall(envelope.call, ctx);
    return outcome.kind === 'frame' ? { kind: 'reply', text: encode(outcome.frame) } : outcome;
  }
  // A batch: processed in order; one non-object anywhere and nothing at all is sent back.
  const frames: RpcReplyFrame[] = [];
  for (const item of parsed.items) {
    const envelope = readEnvelope(item, known);
    if (!envelope) return { kind: 'none' };
    if (envelope.kind === 'silent') continue;
    if (envelope.kind === 'error') {
      frames.push(envelope.frame);
      continue;
    }
    const outcome = await runCall(envelope.call, ctx);
    if (outcome.kind === 'frame') frames.push(outcome.frame);
    else if (outcome.kind !== 'none') return outcome;
  }
  return frames.length > 0 ? { kind: 'reply', text: encode(frames) } : { kind: 'none' };
}

async function runCall(call: RpcCall, ctx: DispatchContext): Promise<CallOutcome> {
  const { host } = ctx;
  const spec = methodFor(host, call.method, ctx.transport);
  if (!spec) return reply(call, errorFrame(-32601, 'Method not found', call.id ?? null));
  const fault = host.sim.faults.take(call.method);
  if (fault) {
    switch (fault.kind) {
      case 'drop':
        return { kind: 'none' };
      case 'disconnect':
        return { kind: 'disconnect' };
      case 'malformed':
        return { kind: 'malformed' };
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0));
        break;
      case 'error-reply': {
        const code = typeof fault.code === 'number' ? fault.code : rpcErrorCode(fault.status ?? 500);
        return reply(call, errorFrame(code, fault.message ?? 'Internal Server Error', call.id ?? null));
      }
      case 'auth-failure':
        return reply(call, errorFrame(-32602, 'Unauthorized', call.id ?? null));
    }
  }
  const identity = ctx.connection ? ctx.connection.identity : ctx.identity;
  try {
    const result = await invoke(
      spec,
      { host, connection: ctx.connection, identity, transport: ctx.transport },
      call.params,
    );
    return reply(call, call.id === undefined ? undefined : resultFrame(result, call.id));
  } catch (error) {
    const frame =
      error instanceof MoonrakerError
        ? errorFrame(rpcErrorCode(error.status), error.message, call.id ?? null)
        : errorFrame(-31000, error instanceof Error ? error.message : String(error), call.id ?? null);
    return reply(call, frame);
  }
}

/** Notifications (no id) run, but are never answered. */
function reply(call: RpcCall, frame: RpcReplyFrame | undefined): CallOutcome {
  return call.id === undefined || !frame ? { kind: 'none' } : { kind: 'frame', frame };
}
