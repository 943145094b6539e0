/**
 * Decoding what arrives on the printer's public topics into typed reports.
 *
 * Dispatch is on the envelope's `type`, then `state` (the notes: a report's `action` varies between
 * firmware and cannot be trusted alone). A report of a known type with an unknown `state` keeps its
 * data and gets `state: 'unknown'` plus `rawState`; a report of an unknown type becomes a raw message.
 * Anything that is not a valid envelope, or whose `data` does not match its type, is a `ProtocolError`.
 */
import { ProtocolError } from '@printkit/core-types';
import type { z } from 'zod';
import {
  type Ack,
  ackSchema,
  axisDataSchema,
  type Envelope,
  envelopeSchema,
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
import type { Topics } from './topics.js';

const DONE = ['done', 'failed'] as const;

/** Every report type the notes describe, with the `state` values each one is seen with. */
export const REPORT_STATES = {
  info: DONE,
  print: [
    'downloading',
    'checking',
    'preheating',
    'auto_leveling',
    'vibrating',
    'flow_calibrating',
    'printing',
    'finished',
    'failed',
    'stoped',
    'pausing',
    'paused',
    'resuming',
    'resumed',
    'stopping',
    'updated',
  ],
  status: ['free', 'busy'],
  lastWill: ['online', 'offline'],
  tempature: DONE,
  fan: DONE,
  light: DONE,
  video: ['initSuccess', 'pushStopped', 'done', 'failed'],
  file: DONE,
  peripherie: DONE,
  multiColorBox: DONE,
  axis: DONE,
} as const satisfies Record<string, readonly string[]>;

export type ReportType = keyof typeof REPORT_STATES;
export type ReportState<T extends ReportType> = (typeof REPORT_STATES)[T][number];

const DATA_SCHEMAS = {
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
} as const satisfies Record<ReportType, z.ZodType>;

export type ReportDataMap = { [T in ReportType]: z.infer<(typeof DATA_SCHEMAS)[T]> };

export interface Report<T extends ReportType = ReportType> {
  type: T;
  /** Varies by firmware (query/report/refresh/workReport/start/pause/...). */
  action: string;
  state: ReportState<T> | 'unknown';
  /** The state as sent, also when it is known. */
  rawState: string | undefined;
  /** 200 = OK; anything else is a firmware error code (e.g. 10101). */
  code: number | string | undefined;
  msg: string | undefined;
  msgid: string | undefined;
  /** The printer's own timestamp (ms; on some firmware ms since boot). */
  timestamp: number | undefined;
  /** `null` when the printer sent none (status, lastWill, some acks). */
  data: ReportDataMap[T] | null;
  topic: string;
}

/** A report of any known type, narrowed by `report.type`. */
export type AnyReport = { [T in ReportType]: Report<T> }[ReportType];

/** Something on the printer's topics this client does not understand; passed on as is. */
export interface RawMessage {
  topic: string;
  reason: 'unknown-type' | 'unknown-state' | 'unknown-topic';
  envelope: Envelope;
}

export type Decoded =
  | { kind: 'report'; report: AnyReport; raw?: RawMessage }
  | { kind: 'ack'; ack: Ack }
  | { kind: 'raw'; raw: RawMessage }
  | { kind: 'error'; error: ProtocolError }
  | { kind: 'foreign' };

export function isReportType(type: string): type is ReportType {
  return Object.hasOwn(REPORT_STATES, type);
}

function isKnownState<T extends ReportType>(type: T, state: string): state is ReportState<T> {
  return (REPORT_STATES[type] as readonly string[]).includes(state);
}

/** Whether a report's `code` means success (absent counts as success: status and lastWill have none). */
export function isOkCode(code: number | string | undefined): boolean {
  return code === undefined || code === 200 || code === '200';
}

const decoder = new TextDecoder();

function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function parseJson(
  topic: string,
  text: string,
): { ok: true; value: unknown } | { ok: false; error: ProtocolError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return {
      ok: false,
      error: new ProtocolError(`The printer sent a payload that is not JSON on ${topic}`, {
        cause,
        payload: text,
        operation: 'decode',
      }),
    };
  }
}

/** Decodes one MQTT message from the printer's topics. Never throws. */
export function decodeMessage(topics: Topics, topic: string, payload: Uint8Array | string): Decoded {
  const where = topics.parse(topic);
  if (where.kind === 'foreign') return { kind: 'foreign' };
  const text = typeof payload === 'string' ? payload : decoder.decode(payload);
  const json = parseJson(topic, text);
  if (!json.ok) return { kind: 'error', error: json.error };

  if (where.kind === 'response') {
    const ack = ackSchema.safeParse(json.value);
    if (!ack.success) {
      return {
        kind: 'error',
        error: new ProtocolError(`Malformed ack on ${topic}: ${describeIssues(ack.error)}`, {
          payload: text,
          operation: 'decode',
        }),
      };
    }
    return { kind: 'ack', ack: ack.data };
  }

  const envelope = envelopeSchema.safeParse(json.value);
  if (!envelope.success) {
    return {
      kind: 'error',
      error: new ProtocolError(`Malformed report on ${topic}: ${describeIssues(envelope.error)}`, {
        payload: text,
        operation: 'decode',
      }),
    };
  }
  const message = envelope.data;
  const { type } = message;
  if (!isReportType(type)) {
    return {
      kind: 'raw',
      raw: { topic, reason: where.kind === 'other' ? 'unknown-topic' : 'unknown-type', envelope: message },
    };
  }

  let data: ReportDataMap[ReportType] | null = null;
  if (message.data !== null && message.data !== undefined) {
    const parsed = DATA_SCHEMAS[type].safeParse(message.data);
    if (!parsed.success) {
      return {
        kind: 'error',
        error: new ProtocolError(`Malformed ${type} report on ${topic}: ${describeIssues(parsed.error)}`, {
          payload: text,
          operation: 'decode',
        }),
      };
    }
    data = parsed.data;
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
  if (state === 'unknown' && rawState !== undefined) {
    return { kind: 'report', report, raw: { topic, reason: 'unknown-state', envelope: message } };
  }
  return { kind: 'report', report };
}
