/**
 * The gkapi envelope (protocol notes, "Every message"): `{ type, action, timestamp, msgid, data }`;
 * reports add `state`, `code` (200 = OK) and `msg`.
 */

export interface CommandMessage {
  readonly type: string;
  readonly action: string;
  readonly msgid: string | undefined;
  readonly timestamp: number | undefined;
  /** `null` for commands without data (video, info). */
  readonly data: Record<string, unknown> | null;
}

export interface ReportMessage {
  type: string;
  action: string;
  timestamp: number;
  msgid: string;
  state: string;
  code: number;
  msg: string;
  data: unknown;
}

export type CommandParseResult =
  | { ok: true; command: CommandMessage }
  | { ok: false; reason: string; msgid?: string };

/** Parses an inbound command; anything that is not a JSON object with string `type`/`action` is refused. */
export function parseCommand(payload: Uint8Array): CommandParseResult {
  let value: unknown;
  try {
    // A view, not a copy, of the payload's bytes.
    value = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  if (!isRecord(value)) return { ok: false, reason: 'payload is not a JSON object' };
  const msgid = typeof value.msgid === 'string' && value.msgid.length > 0 ? value.msgid : undefined;
  const refuse = (reason: string): CommandParseResult =>
    msgid === undefined ? { ok: false, reason } : { ok: false, reason, msgid };
  if (typeof value.type !== 'string' || value.type.length === 0) return refuse('missing "type"');
  if (typeof value.action !== 'string' || value.action.length === 0) return refuse('missing "action"');
  const data = value.data;
  if (data !== undefined && data !== null && !isRecord(data)) return refuse('"data" is not an object');
  return {
    ok: true,
    command: {
      type: value.type,
      action: value.action,
      msgid,
      timestamp: typeof value.timestamp === 'number' ? value.timestamp : undefined,
      data: data ?? null,
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own field of wire data: a key like `constructor` never reaches the object prototype. */
function ownField(data: Record<string, unknown> | null, key: string): unknown {
  return data !== null && Object.hasOwn(data, key) ? data[key] : undefined;
}

/** A finite number field, or undefined (wrong types count as missing). */
export function numberField(data: Record<string, unknown> | null, key: string): number | undefined {
  const value = ownField(data, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringField(data: Record<string, unknown> | null, key: string): string | undefined {
  const value = ownField(data, key);
  return typeof value === 'string' ? value : undefined;
}

export function recordField(
  data: Record<string, unknown> | null,
  key: string,
): Record<string, unknown> | null {
  const value = ownField(data, key);
  return isRecord(value) ? value : null;
}
