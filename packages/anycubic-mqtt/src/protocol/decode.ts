/**
 * Decoding what arrives on the printer's public topics into typed reports.
 *
 * Dispatch is on the envelope's `type`, then `state` (see `REPORT_STATES`). A report of a known type
 * with an unknown `state` keeps its data and gets `state: 'unknown'` plus `rawState`; a report of an
 * unknown type becomes a raw message. Anything that is not a valid envelope, or whose `data` does not
 * match its type, is a `ProtocolError`. Never throws.
 */
import { ProtocolError, redactUrl } from '@printkit/core-types';
import { compileFastCheck, decodeWith, type SchemaLike } from '@printkit/core-types/codec';
import { salvage } from './salvage.js';
import {
  ackSchema,
  aiSettingsDataSchema,
  axisDataSchema,
  envelopeSchema,
  extfilboxDataSchema,
  fanDataSchema,
  fileDataSchema,
  infoDataSchema,
  lightReportSchema,
  multiColorBoxDataSchema,
  noDataSchema,
  peripherieDataSchema,
  printDataSchema,
  temperatureSchema,
  videoDataSchema,
} from './schemas.js';
import { isReportType, REPORT_STATES } from './table.js';
import type { Topics } from './topics.js';
import type { Ack, AnyReport, RawMessage, ReportDataMap, ReportState, ReportType } from './wire.js';

const DATA_SCHEMAS: { readonly [T in ReportType]: SchemaLike<ReportDataMap[T]> } = {
  info: infoDataSchema,
  print: printDataSchema,
  status: noDataSchema,
  lastWill: noDataSchema,
  tempature: temperatureSchema,
  fan: fanDataSchema,
  light: lightReportSchema,
  video: videoDataSchema,
  file: fileDataSchema,
  peripherie: peripherieDataSchema,
  multiColorBox: multiColorBoxDataSchema,
  axis: axisDataSchema,
  aiSettings: aiSettingsDataSchema,
  extfilbox: extfilboxDataSchema,
};

export type Decoded =
  /** `error`: fields that were dropped so the rest of the report could be used. */
  | { kind: 'report'; report: AnyReport; raw?: RawMessage; error?: ProtocolError }
  | { kind: 'ack'; ack: Ack }
  | { kind: 'raw'; raw: RawMessage }
  | { kind: 'error'; error: ProtocolError }
  /** Not for this client: another printer's topic, or noise the notes say to ignore. */
  | { kind: 'foreign' };

function isKnownState<T extends ReportType>(type: T, state: string): state is ReportState<T> {
  return (REPORT_STATES[type] as readonly string[]).includes(state);
}

/**
 * Whether a report's `code` means success: 200 and 0 both do (notes, "More wire facts"); absent counts
 * as success (status and lastWill have none).
 */
export function isOkCode(code: number | string | undefined): boolean {
  return code === undefined || code === 200 || code === '200' || code === 0 || code === '0';
}

const decoder = new TextDecoder();

/**
 * The payload an error keeps, as text with secrets masked: an info report carries the upload URL whose
 * `s` query is a credential (and LAN mode's answers a token and a password), and
 * `JSON.stringify(error)` shows the payload. Whole URLs go through `redactUrl`; what is left of a
 * cut-short payload (`?s=…`, `"password":"…"`) is masked by pattern.
 */
function redactPayload(text: string): string {
  return text
    .replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url))
    .replace(/([?&](?:s|token|sign|password|key)=)[^&"'\s]+/gi, '$1***')
    .replace(/("(?:password|token|sign|fileUploadurl|info)"\s*:\s*")[^"]*/gi, '$1***');
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/**
 * Checks `value` against `schema`: valid values, the common case, take the compiled fast check
 * without building the error context (`what` names what was decoded, made only for a failure).
 * The error is re-made with a redacted payload (the check keeps the value as parsed).
 */
function checked<T>(schema: SchemaLike<T>, value: unknown, text: string, what: () => string): Checked<T> {
  if (compileFastCheck(schema)?.(value)) return { ok: true, value: value as T };
  const result = decodeWith(schema, value, { what: what() });
  if (result.ok) return result;
  return {
    ok: false,
    error: new ProtocolError(result.error.message, { payload: redactPayload(text), operation: 'decode' }),
  };
}

function parseJson(topic: string, text: string): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return {
      ok: false,
      error: new ProtocolError(`The printer sent a payload that is not JSON on ${topic}`, {
        cause,
        payload: redactPayload(text),
        operation: 'decode',
      }),
    };
  }
}

/**
 * Checks `value`; when it fails, drops the fields that are wrong and uses the rest (each field on its
 * own), noting them in `dropped`. Refused as a whole only when nothing can be saved.
 */
function leniently<T>(
  schema: SchemaLike<T>,
  value: unknown,
  text: string,
  what: () => string,
  dropped: string[],
  prefix: string,
): Checked<T> {
  const result = checked(schema, value, text, what);
  if (result.ok) return result;
  const saved = salvage(schema, value);
  if (!saved) return result;
  dropped.push(...saved.dropped.map((path) => `${prefix}${path}`));
  return { ok: true, value: saved.value };
}

/** An ack with an empty msgid, or a one-key object without a msgid. */
function isNoise(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (record.msgid === '') return true;
  return !Object.hasOwn(record, 'msgid') && Object.keys(record).length <= 1;
}

/**
 * Decodes one MQTT message from the printer's topics. Never throws. `foreign` means "not for this
 * client": another printer's topic, or noise the notes say to ignore.
 */
export function decodeMessage(topics: Topics, topic: string, payload: Uint8Array | string): Decoded {
  const where = topics.parse(topic);
  if (where.kind === 'foreign') return { kind: 'foreign' };
  const text = typeof payload === 'string' ? payload : decoder.decode(payload);
  const json = parseJson(topic, text);
  if (!json.ok) return { kind: 'error', error: json.error };

  if (where.kind === 'response') {
    // Bare `{"msgid":""}` acks and one-key messages on `response` say nothing (notes): not an error.
    if (isNoise(json.value)) return { kind: 'foreign' };
    const ack = checked(ackSchema, json.value, text, () => `ack on ${topic}`);
    return ack.ok ? { kind: 'ack', ack: ack.value } : { kind: 'error', error: ack.error };
  }

  const dropped: string[] = [];
  const envelope = leniently(envelopeSchema, json.value, text, () => `report on ${topic}`, dropped, '');
  if (!envelope.ok) return { kind: 'error', error: envelope.error };
  const message = envelope.value;
  const { type } = message;
  // A Kobra X sends ~240 empty-`type` messages in two minutes while printing (notes): ignored.
  if (type === '') return { kind: 'foreign' };
  if (!isReportType(type)) {
    return {
      kind: 'raw',
      raw: { topic, reason: where.kind === 'other' ? 'unknown-topic' : 'unknown-type', envelope: message },
    };
  }

  let data: ReportDataMap[ReportType] | null = null;
  if (message.data !== null && message.data !== undefined) {
    const schema: SchemaLike<ReportDataMap[ReportType]> = DATA_SCHEMAS[type];
    const what = () => `${type} report on ${topic}`;
    const parsed = leniently(schema, message.data, text, what, dropped, 'data.');
    if (!parsed.ok) return { kind: 'error', error: parsed.error };
    data = parsed.value;
  }

  const rawState = message.state ?? undefined;
  const state = rawState !== undefined && isKnownState(type, rawState) ? rawState : 'unknown';
  const report = {
    type,
    action: message.action ?? '',
    state,
    rawState,
    code: message.code ?? undefined,
    msg: message.msg ?? undefined,
    msgid: message.msgid ?? undefined,
    timestamp: message.timestamp ?? undefined,
    data,
    topic,
  } as AnyReport;
  // A missing state is normal on some reports (info pushes); only a state we do not know is news.
  const error =
    dropped.length === 0
      ? undefined
      : new ProtocolError(
          `Dropped unusable fields of the ${type} report on ${topic}: ${dropped.join(', ')}`,
          {
            payload: redactPayload(text),
            operation: 'decode',
          },
        );
  const decoded: Decoded = { kind: 'report', report };
  if (state === 'unknown' && rawState !== undefined) {
    decoded.raw = { topic, reason: 'unknown-state', envelope: message };
  }
  if (error !== undefined) decoded.error = error;
  return decoded;
}
