// Property tests (fast-check): whatever arrives on the printer's topics — arbitrary JSON, the real
// captures with any field mutated to any JSON type, prototype-named keys and state words — every
// decoder returns a value or a ProtocolError (never throws), the merged state takes it, and the status
// mapping gives a valid PrinterStatus (a PrinterState, finite non-negative numbers, 0..1 progress).
// Bounded: a fixed number of runs per property, with a fixed seed so a failure is reproducible.
import { isPrinterState, ProtocolError } from '@printkit/core-types';
import { statusProblems } from '@printkit/core-types/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mapStatus } from '../src/adapter/status.js';
import { applyReport, createInitialState } from '../src/client/state.js';
import { decodeMessage } from '../src/protocol/decode.js';
import { REPORT_STATES } from '../src/protocol/table.js';
import type { ReportType } from '../src/protocol/wire.js';
import { capture, topics } from './wire.js';

const RUNS = 1_500;
const SEED = 20_261_204;
const REPORT_TYPES = Object.keys(REPORT_STATES) as ReportType[];
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

let tried = 0;
let failures = 0;
afterAll(() => {
  console.info(`properties: ${tried} inputs tried, ${failures} failures`);
});

/** Runs a property, counting the inputs tried and failures. */
function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS): void {
  const result = fc.check(
    fc.property(arbitrary, (value) => {
      tried += 1;
      predicate(value);
    }),
    { numRuns: runs, seed: SEED },
  );
  if (result.failed) failures += 1;
  fc.assert(
    fc.property(arbitrary, (value) => predicate(value)),
    { numRuns: result.failed ? runs : 1, seed: SEED },
  );
}

/** Decodes one message on `topic`, merges it and maps the status; asserts every invariant. */
function pipeline(state: ReturnType<typeof createInitialState>, topic: string, payload: string): void {
  const decoded = decodeMessage(topics, topic, payload);
  expect(['report', 'ack', 'raw', 'error', 'foreign']).toContain(decoded.kind);
  if (decoded.kind === 'error') expect(ProtocolError.isInstance(decoded.error)).toBe(true);
  if (decoded.kind === 'report') applyReport(state, decoded.report, 1_700_000_000_000);
  expect(Object.getPrototypeOf(state.tempature)).toBe(Object.prototype);
  const { status, error } = mapStatus(state);
  expect(statusProblems(status)).toEqual([]);
  expect(isPrinterState(status.state)).toBe(true);
  if (status.message !== undefined) expect(typeof status.message).toBe('string');
  if (status.rawState !== undefined) expect(typeof status.rawState).toBe('string');
  if (error !== undefined) expect(ProtocolError.isInstance(error)).toBe(true);
}

const jsonText = fc.jsonValue().map((value) => JSON.stringify(value));
/** JSON values of every type, including numbers that overflow when scaled and prototype names. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -1, -5, 1e308, -1e308, 2 ** 53, 0.5, 101, 250),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string(),
  fc.constantFrom(...PROTO_NAMES),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...PROTO_NAMES)), fc.jsonValue(), { maxKeys: 3 }),
);

/** Every path (to inner objects and leaves) of a JSON value. */
function paths(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [[...prefix]];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [[...prefix], ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function withReplaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withReplaced(copy[head], rest, replacement);
  return copy;
}

const PRINT_CAPTURE = {
  taskid: '-1',
  filename: 'demo.gcode',
  progress: 42,
  curr_layer: 10,
  total_layers: 100,
  print_time: 12,
  remain_time: 30,
  curr_hotbed_temp: 60,
  curr_nozzle_temp: 210,
  settings: { target_hotbed_temp: 60, target_nozzle_temp: 210, fan_speed_pct: 100, print_speed_mode: 2 },
};

const CAPTURES: ReadonlyArray<{ type: ReportType; state: string; data: unknown }> = [
  { type: 'info', state: 'done', data: capture('info_report.json') },
  { type: 'light', state: 'done', data: capture('light_report.json') },
  { type: 'multiColorBox', state: 'done', data: capture('multicolorbox_full.json') },
  { type: 'multiColorBox', state: 'done', data: capture('multicolorbox_slim.json') },
  { type: 'print', state: 'printing', data: PRINT_CAPTURE },
];

function envelope(type: string, state: unknown, data: unknown): string {
  return JSON.stringify({
    type,
    action: 'report',
    timestamp: 1,
    msgid: 'm',
    state,
    code: 200,
    msg: 'done',
    data,
  });
}

describe('decoders and the status mapping, under arbitrary input', () => {
  it('arbitrary JSON on every report topic and the ack topic', () => {
    const topic = fc.oneof(
      fc.constantFrom(...REPORT_TYPES).map((type) => topics.report(type)),
      fc.constant(topics.response),
      fc.constant(`${topics.report('x').replace('/x/report', '')}/status`),
    );
    check(fc.tuple(topic, jsonText), ([where, payload]) => pipeline(createInitialState(), where, payload));
  });

  it('arbitrary data inside a well-formed envelope of every type and state', () => {
    const state = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(...PROTO_NAMES),
      fc.constantFrom(...Object.values(REPORT_STATES).flat()),
      fc.string(),
    );
    check(fc.tuple(fc.constantFrom(...REPORT_TYPES), state, anyJson), ([type, word, data]) =>
      pipeline(createInitialState(), topics.report(type), envelope(type, word, data)),
    );
  });

  it('every field of the real captures mutated to every JSON type', () => {
    const mutation = fc
      .constantFrom(...CAPTURES)
      .chain((source) => fc.tuple(fc.constant(source), fc.constantFrom(...paths(source.data)), anyJson));
    check(
      mutation,
      ([source, path, replacement]) => {
        const data = withReplaced(source.data, path, replacement);
        pipeline(createInitialState(), topics.report(source.type), envelope(source.type, source.state, data));
      },
      3_000,
    );
  });

  it('prototype-named keys anywhere, and as report types and state words', () => {
    const protoObject = fc.dictionary(fc.constantFrom(...PROTO_NAMES), anyJson, { minKeys: 1, maxKeys: 4 });
    check(
      fc.tuple(
        fc.constantFrom(...REPORT_TYPES, ...PROTO_NAMES),
        fc.constantFrom(...PROTO_NAMES),
        protoObject,
      ),
      ([type, word, data]) => {
        const where = topics.report(type);
        pipeline(createInitialState(), where, envelope(type, word, data));
        pipeline(
          createInitialState(),
          where,
          envelope(type, word, { project: data, temp: data, last_project: data }),
        );
      },
    );
  });

  it('a stream of mutated reports merged into one state stays mappable at every step', () => {
    const message = fc
      .constantFrom(...CAPTURES)
      .chain((source) => fc.tuple(fc.constant(source), fc.constantFrom(...paths(source.data)), anyJson))
      .map(([source, path, replacement]) =>
        envelope(source.type, source.state, withReplaced(source.data, path, replacement)),
      );
    check(
      fc.array(message, { minLength: 1, maxLength: 20 }),
      (stream) => {
        const state = createInitialState();
        for (const payload of stream) {
          const type = (JSON.parse(payload) as { type: string }).type;
          pipeline(state, topics.report(type), payload);
        }
      },
      300,
    );
  });
});
