/**
 * Answers one JSON-RPC text frame (websocket, or the body of `POST /server/jsonrpc`): envelope
 * checks, batches, faults from the simulator's fault plan, and Moonraker's error-code mapping.
 *
 * The common case — one request, no fault, a synchronous handler — is answered synchronously, and
 * the reply text is built around the result's JSON (cached for the methods that allow it) instead of
 * serializing a whole frame object; anything asynchronous (a G-code wait, a delay fault) returns a
 * promise. Replies are byte-for-byte what `JSON.stringify` of the frame object gives.
 */
import type { Identity } from './auth.js';
import type { Connection } from './connection.js';
import { MoonrakerError, rpcErrorCode } from './errors.js';
import type { MoonrakerHost } from './host.js';
import { cachedResultJson, invoke, methodFor } from './invoke.js';
import {
  encode,
  errorFrame,
  type JsonRpcId,
  PARSE_ERROR_FRAME,
  parseFrame,
  type RpcCall,
  readEnvelope,
  resultFrame,
} from './jsonrpc.js';
import type { MethodContext, MethodSpec } from './methods/types.js';

/** What the transport should do with the frame. */
export type DispatchOutcome =
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'none' }
  /** A `malformed` fault: send a frame that is not JSON. */
  | { readonly kind: 'malformed' }
  /** A `disconnect` fault: close the connection without a reply. */
  | { readonly kind: 'disconnect' };

export interface DispatchContext {
  readonly host: MoonrakerHost;
  readonly connection: Connection | undefined;
  /** Over HTTP: who the request's headers say it is. Over a websocket the connection knows. */
  readonly identity: Identity | undefined;
  readonly transport: 'websocket' | 'http';
}

export const MALFORMED_FRAME = '{"jsonrpc":"2.0","result":';

const NONE: DispatchOutcome = { kind: 'none' };
const MALFORMED: DispatchOutcome = { kind: 'malformed' };
const DISCONNECT: DispatchOutcome = { kind: 'disconnect' };
const PARSE_ERROR: DispatchOutcome = { kind: 'reply', text: PARSE_ERROR_FRAME };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The outcome, or a promise of it when something on the way is asynchronous. */
export function dispatchText(text: string, ctx: DispatchContext): DispatchOutcome | Promise<DispatchOutcome> {
  const parsed = parseFrame(text);
  if (parsed.kind === 'parse-error') return PARSE_ERROR;
  const known = (name: string) => methodFor(ctx.host, name, ctx.transport) !== undefined;
  if (parsed.kind === 'single') {
    const envelope = readEnvelope(parsed.item, known);
    if (!envelope || envelope.kind === 'silent') return NONE;
    if (envelope.kind === 'error') return { kind: 'reply', text: encode(envelope.frame) };
    return runCall(envelope.call, ctx);
  }
  return dispatchBatch(parsed.items, ctx, known);
}

/** A batch: processed in order; one non-object anywhere and nothing at all is sent back. */
async function dispatchBatch(
  items: readonly unknown[],
  ctx: DispatchContext,
  known: (name: string) => boolean,
): Promise<DispatchOutcome> {
  const replies: string[] = [];
  for (const item of items) {
    const envelope = readEnvelope(item, known);
    if (!envelope) return NONE;
    if (envelope.kind === 'silent') continue;
    if (envelope.kind === 'error') {
      replies.push(encode(envelope.frame));
      continue;
    }
    const outcome = await runCall(envelope.call, ctx);
    if (outcome.kind === 'reply') replies.push(outcome.text);
    else if (outcome.kind !== 'none') return outcome;
  }
  // Each element is a compact frame, so joining them is what serializing the array would give.
  return replies.length > 0 ? { kind: 'reply', text: `[${replies.join(',')}]` } : NONE;
}

function runCall(call: RpcCall, ctx: DispatchContext): DispatchOutcome | Promise<DispatchOutcome> {
  const { host } = ctx;
  const spec = methodFor(host, call.method, ctx.transport);
  if (!spec) return errorReply(call, -32601, 'Method not found');
  const fault = host.sim.faults.take(call.method);
  if (fault) {
    switch (fault.kind) {
      case 'drop':
        return NONE;
      case 'disconnect':
        return DISCONNECT;
      case 'malformed':
        return MALFORMED;
      case 'delay':
        return new Promise<void>((resolve) => setTimeout(resolve, fault.delayMs ?? 0)).then(() =>
          execute(call, spec, ctx),
        );
      case 'error-reply': {
        const code = typeof fault.code === 'number' ? fault.code : rpcErrorCode(fault.status ?? 500);
        return errorReply(call, code, fault.message ?? 'Internal Server Error');
      }
      case 'auth-failure':
        return errorReply(call, -32602, 'Unauthorized');
    }
  }
  return execute(call, spec, ctx);
}

function execute(
  call: RpcCall,
  spec: MethodSpec,
  ctx: DispatchContext,
): DispatchOutcome | Promise<DispatchOutcome> {
  const methodCtx: MethodContext = {
    host: ctx.host,
    connection: ctx.connection,
    identity: ctx.connection ? ctx.connection.identity : ctx.identity,
    transport: ctx.transport,
  };
  let result: unknown;
  try {
    const json = cachedResultJson(call.method, spec, methodCtx, call.params);
    if (json !== undefined) return call.id === undefined ? NONE : resultReply(json, call.id);
    result = invoke(spec, methodCtx, call.params);
  } catch (error) {
    return failure(call, error);
  }
  if (isThenable(result)) {
    return Promise.resolve(result).then(
      (value) => success(call, value),
      (error: unknown) => failure(call, error),
    );
  }
  return success(call, result);
}

function success(call: RpcCall, result: unknown): DispatchOutcome {
  if (call.id === undefined) return NONE;
  const json = JSON.stringify(result);
  // `undefined` has no JSON: the frame object would drop the key, so let encode do exactly that.
  return json === undefined
    ? { kind: 'reply', text: encode(resultFrame(result, call.id)) }
    : resultReply(json, call.id);
}

function resultReply(resultJson: string, id: JsonRpcId): DispatchOutcome {
  return { kind: 'reply', text: `{"jsonrpc":"2.0","result":${resultJson},"id":${JSON.stringify(id)}}` };
}

function failure(call: RpcCall, error: unknown): DispatchOutcome {
  return error instanceof MoonrakerError
    ? errorReply(call, rpcErrorCode(error.status), error.message)
    : errorReply(call, -31000, error instanceof Error ? error.message : String(error));
}

/** Notifications (no id) run, but are never answered. */
function errorReply(call: RpcCall, code: number, message: string): DispatchOutcome {
  return call.id === undefined ? NONE : { kind: 'reply', text: encode(errorFrame(code, message, call.id)) };
}
