/**
 * Property tests (fast-check, bounded runs): whatever JSON arrives, every decoder answers with a value
 * or a `ProtocolError` (never another throw), the compiled reply check never accepts what zod rejects,
 * and the status mapping always yields a well-formed `PrinterStatus`. Inputs: arbitrary JSON, objects
 * with prototype-named keys, and every field of the real captures mutated to every JSON type.
 */
import { isPrinterState, type PrinterStatus, ProtocolError } from '@printkit/core-types';
import { compileFastCheck } from '@printkit/core-types/codec';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toPrinterStatus } from '../src/adapter/status.js';
import { decodeErrorBody, decodeJson, decodeReply } from '../src/protocol/decode.js';
import { errorFromReply } from '../src/protocol/errors.js';
import { ENDPOINTS } from '../src/protocol/table.js';
import { capture } from './helpers.js';

const RUNS = 300;
const counts: Record<string, { tried: number; failures: number }> = {};
const count = (name: string, failed = false) => {
  const entry = counts[name] ?? { tried: 0, failures: 0 };
  counts[name] = entry;
  entry.tried += 1;
  if (failed) entry.failures += 1;
};
afterAll(() => {
  const total = Object.values(counts).reduce((sum, c) => sum + c.tried, 0);
  console.info(`properties: ${total} inputs tried`, JSON.stringify(counts));
});

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  'isPrototypeOf',
];
/** JSON values, including objects whose keys are Object.prototype names (as JSON.parse would make them). */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.5, '', 'x'),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.constantFrom(...PROTO_KEYS, 'OFFLINE', 'PRINTING', 'ATTENTION', 'FIN_OK'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 })), tie('value')), {
        maxLength: 5,
      })
      .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown)
      .chain((object) =>
        // Re-parse with a prototype-named own key, as a server's JSON would produce it.
        fc.constant(
          JSON.parse(`{"__proto__": {"state": "constructor"}, "x": ${JSON.stringify(object)}}`) as unknown,
        ),
      ),
  ),
})).value;

const identity = (text: string) => text;

function checkStatus(status: PrinterStatus): void {
  expect(isPrinterState(status.state)).toBe(true);
  expect(typeof status.state).toBe('string');
  expect(Number.isFinite(status.updatedAt)).toBe(true);
  if (status.rawState !== undefined) expect(typeof status.rawState).toBe('string');
  if (status.message !== undefined) expect(typeof status.message).toBe('string');
  for (const reading of Object.values(status.temperatures)) {
    expect(Number.isFinite(reading?.actual)).toBe(true);
    expect(Number.isFinite(reading?.target)).toBe(true);
  }
  expect(Object.keys(status.temperatures).every((key) => ['nozzle', 'bed', 'chamber'].includes(key))).toBe(
    true,
  );
  if (status.job) {
    expect(typeof status.job.file).toBe('string');
    expect(status.job.progress).toBeGreaterThanOrEqual(0);
    expect(status.job.progress).toBeLessThanOrEqual(1);
    for (const seconds of [status.job.elapsedSeconds, status.job.remainingSeconds]) {
      if (seconds !== undefined) expect(Number.isFinite(seconds) && seconds >= 0).toBe(true);
    }
  }
}

const JSON_ENDPOINTS = Object.entries(ENDPOINTS).flatMap(([name, { reply }]) =>
  reply.kind === 'json' ? [[name, reply.schema, 'finish' in reply ? reply.finish : undefined] as const] : [],
);

/** Decodes `value` with each endpoint's schema; only values or ProtocolErrors may come out. */
function decodeEverywhere(value: unknown, property: string, endpoints = JSON_ENDPOINTS): void {
  for (const [name, schema, finish] of endpoints) {
    let failed = false;
    try {
      const decoded = decodeReply(schema, value, name, identity);
      // The lenient-enum step runs on every validated value and only ever narrows enum fields.
      if (finish && typeof decoded === 'object' && decoded !== null) finish(decoded);
      const check = compileFastCheck(schema);
      // The fast check may only say yes where zod says yes.
      if (check?.(value))
        expect(schema.safeParse(value).success, `${name}: ${JSON.stringify(value).slice(0, 200)}`).toBe(true);
    } catch (error) {
      failed = !ProtocolError.isInstance(error);
      if (failed) throw error;
    } finally {
      count(property, failed);
    }
  }
}

function mapStatus(value: unknown, property: string): void {
  let failed = true;
  try {
    const { status, error } = toPrinterStatus(value, 1_700_000_000_000);
    checkStatus(status);
    if (error !== undefined) expect(ProtocolError.isInstance(error)).toBe(true);
    failed = false;
  } finally {
    count(property, failed);
  }
}

describe('arbitrary JSON', () => {
  it('every decoder answers with a value or a ProtocolError', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(json, (value) => decodeEverywhere(value, 'decoders: arbitrary JSON')),
      { numRuns: RUNS, seed: 1 },
    );
  });

  it('the status mapping always yields a well-formed status', () => {
    fc.assert(
      fc.property(json, (value) => mapStatus(value, 'status: arbitrary JSON')),
      { numRuns: RUNS * 3, seed: 2 },
    );
  });

  it('a printer detail with arbitrary values under every status-relevant key maps to a well-formed status', () => {
    const keys = [
      'state',
      'printer_state',
      'connect_state',
      'state_raw',
      'connect_state_raw',
      'state_reason',
      'last_online',
      'temp',
      'tools',
      'chamber',
      'job_info',
      'dialog_info',
    ];
    const detail = fc.dictionary(fc.constantFrom(...keys, ...PROTO_KEYS), json, { maxKeys: 8 });
    fc.assert(
      fc.property(detail, (value) => mapStatus(value, 'status: detail-shaped')),
      { numRuns: RUNS * 3, seed: 3 },
    );
  });

  it('JSON text, error bodies and error replies never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          json.map((v) => JSON.stringify(v) ?? ''),
        ),
        fc.integer({ min: 100, max: 599 }),
        (text, status) => {
          let failed = true;
          try {
            try {
              decodeJson(text, 'GET /x', identity);
            } catch (error) {
              expect(ProtocolError.isInstance(error)).toBe(true);
            }
            decodeErrorBody(text);
            const error = errorFromReply(status, text, 'GET /x');
            expect(error).toBeInstanceOf(Error);
            expect(error.message.length).toBeLessThan(1_200);
            failed = false;
          } finally {
            count('decodeJson/errorFromReply: text', failed);
          }
        },
      ),
      { numRuns: RUNS * 3, seed: 4 },
    );
  });
});

/** Every path in `value` to a field or an array element. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [
    [...prefix, key],
    ...paths((value as Record<string | number, unknown>)[key], [...prefix, key]),
  ]);
}

/** A copy of `value` with the field at `path` replaced (or removed when `replacement` is REMOVE). */
const REMOVE = Symbol('remove');
function mutated(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  // Removing an array element splices it: `delete` would leave a hole, which JSON can never carry.
  if (replacement === REMOVE) {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else target[last] = replacement;
  return copy;
}

const EVERY_TYPE: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  '',
  'constructor',
  'x',
  [],
  [1, 'a'],
  {},
  { constructor: 1 },
  REMOVE,
];

describe('every field of the real captures mutated to every JSON type', () => {
  const ENDPOINT_OF: Record<string, string> = {
    'printer_detail.json': 'printers.get',
    'printers.json': 'printers.list',
    'jobs.json': 'jobs.list',
    'supported_commands.json': 'commands.supported',
  };
  for (const [file, endpoint] of Object.entries(ENDPOINT_OF)) {
    it(`${file}: its decoder and (for printer details) the status mapping`, { timeout: 60_000 }, () => {
      const raw = capture(file);
      const own = JSON_ENDPOINTS.filter(([name]) => name === endpoint);
      expect(own).toHaveLength(1);
      const every = paths(raw);
      expect(every.length).toBeGreaterThan(10);
      // At most ~120 fields per capture (an even spread): a supported-commands mutation costs ~1.7 ms.
      const stride = Math.ceil(every.length / 120);
      const all = every.filter((_, index) => index % stride === 0);
      for (const path of all) {
        for (const replacement of EVERY_TYPE) {
          const value = mutated(raw, path, replacement);
          decodeEverywhere(value, `decoder: mutated ${file}`, own);
          if (file === 'printer_detail.json') mapStatus(value, 'status: mutated printer_detail.json');
          if (file === 'printers.json') {
            const list = (value as { printers?: unknown }).printers;
            for (const printer of Array.isArray(list) ? list : []) {
              mapStatus(printer, 'status: mutated printers.json');
            }
          }
        }
      }
    });
  }
});
