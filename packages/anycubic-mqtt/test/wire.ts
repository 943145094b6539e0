// Test helpers: real captures and wire envelopes, decoded through the client's own decoder.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { decodeMessage } from '../src/protocol/decode.js';
import { createTopics } from '../src/protocol/topics.js';
import type { AnyReport, ReportType } from '../src/protocol/wire.js';

export const DEVICE_ID = '0123456789abcdef0123456789abcdef';
export const topics = createTopics({ modelId: 20024, deviceId: DEVICE_ID });

/** The `data` object of a real capture in test/fixtures/anycubic. */
export function capture(name: string): Record<string, unknown> {
  const url = new URL(`./fixtures/anycubic/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

export function envelope(type: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type,
    action: 'report',
    timestamp: 1_000,
    msgid: 'm-1',
    state: 'done',
    code: 200,
    msg: 'done',
    data: null,
    ...fields,
  });
}

/** Decodes a report published on `<type>/report`; fails the test if it is not a report. */
export function decodeReport<T extends ReportType>(type: T, fields: Record<string, unknown> = {}) {
  const decoded = decodeMessage(topics, topics.report(type), envelope(type, fields));
  if (decoded.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(decoded)}`);
  expect(decoded.report.type).toBe(type);
  return decoded.report as Extract<AnyReport, { type: T }>;
}
