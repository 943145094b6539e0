import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { ProtocolError } from '../errors.js';
import { compileUncached } from './fast-check.js';
import { codeGenerationAllowed } from './fast-check-object.js';
import { compileFastCheck, decodeWith, describeIssues, FieldGuard, lookupTable, ownValue } from './index.js';

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

const report = z.looseObject({
  state: z.string(),
  progress: z.optional(z.number()),
  temps: z.optional(z.record(z.string(), z.nullable(z.number()))),
  items: z.optional(z.array(z.union([z.string(), z.looseObject({ id: z.number() })]))),
});

describe('compileFastCheck', () => {
  it('agrees with zod on arbitrary JSON: "valid" only where safeParse succeeds with an equal value', () => {
    const check = compileFastCheck(report);
    expect(check).toBeDefined();
    const candidate = fc.oneof(
      fc.jsonValue(),
      fc.record(
        { state: fc.jsonValue(), progress: fc.jsonValue(), temps: fc.jsonValue(), items: fc.jsonValue() },
        {
          requiredKeys: [],
        },
      ),
    );
    fc.assert(
      fc.property(candidate, (value) => {
        const zod = report.safeParse(value);
        expect(check?.(value)).toBe(zod.success);
        if (zod.success) expect(zod.data).toEqual(value);
      }),
      { numRuns: 2_000 },
    );
  });

  it('declines schemas whose output differs from their input', () => {
    expect(compileFastCheck(z.object({ a: z.string() }))).toBeUndefined();
    expect(compileFastCheck(z.string().check(z.minLength(2)))).toBeUndefined();
    // A refinement on a wrapper of an object field declines the whole schema, generated or not.
    const refined = z.looseObject({ a: z.optional(z.string()).check(z.refine(() => false)) });
    expect(compileUncached(refined, true)).toBeUndefined();
    expect(compileUncached(refined, false)).toBeUndefined();
  });

  // Object fields: wrappers folded into flags, plain types inline, and (where allowed) generated code.
  const fields = z.looseObject({
    name: z.string(),
    count: z.optional(z.number()),
    ratio: z.nullable(z.number()),
    both: z.optional(z.nullable(z.boolean())),
    flipped: z.nullable(z.optional(z.string())),
    'odd "key"\\\n': z.optional(z.number()),
    nested: z.optional(z.nullable(report)),
    anything: z.unknown(),
    tag: z.optional(z.custom<string>((value) => value === 'a' || value === 'b')),
  });
  // Mostly valid field values with a wrong one mixed in now and then, so that valid objects, and objects
  // with exactly one bad field, both come up often.
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const validField: Record<keyof typeof fields.def.shape, fc.Arbitrary<unknown>> = {
    name: fc.string(),
    count: fc.option(finite, { nil: undefined }),
    ratio: fc.option(finite, { nil: null }),
    both: fc.constantFrom(undefined, null, true, false),
    flipped: fc.constantFrom(undefined, null, 'x'),
    'odd "key"\\\n': fc.option(fc.integer(), { nil: undefined }),
    nested: fc.constantFrom(
      undefined,
      null,
      { state: 'ok' },
      { state: 'ok', temps: { a: null, b: 2 }, items: ['x', { id: 1 }] },
    ),
    anything: fc.jsonValue(),
    tag: fc.constantFrom(undefined, 'a', 'b'),
  };
  const anyField = fc.oneof(
    fc.constantFrom(undefined, null, 'a', 'c', true, 0, 1.5, Number.NaN, Infinity),
    fc.jsonValue(),
  );
  const fieldCandidate = fc.record(
    Object.fromEntries(
      Object.entries(validField).map(([key, valid]) => [
        key,
        fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: anyField, weight: 1 }),
      ]),
    ),
    { requiredKeys: ['name', 'ratio', 'nested'] },
  );

  for (const generate of [true, false]) {
    it(`agrees with zod field by field, ${generate ? 'generated code' : 'without code generation'}`, () => {
      const check = compileUncached(fields, generate);
      expect(check).toBeDefined();
      const outcomes = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(fc.oneof({ arbitrary: fieldCandidate, weight: 9 }, fc.jsonValue()), (value) => {
          const zod = fields.safeParse(value);
          outcomes[zod.success ? 'valid' : 'invalid']++;
          expect(check?.(value)).toBe(zod.success);
          if (zod.success) expect(zod.data).toEqual(value);
        }),
        { numRuns: 3_000 },
      );
      // Both answers came up often enough for the agreement to mean something.
      expect(Math.min(outcomes.valid, outcomes.invalid)).toBeGreaterThan(500);
    });
  }

  it('generates code where the runtime allows it (Node does), and answers alike', () => {
    expect(codeGenerationAllowed()).toBe(true);
    const generated = compileUncached(fields, true);
    const looped = compileUncached(fields, false);
    expect(generated?.name).toBe('objectCheck');
    expect(looped?.name).not.toBe('objectCheck');
    const valid = { name: 'x', ratio: null, anything: 1, 'odd "key"\\\n': 2 };
    expect([generated?.(valid), looped?.(valid)]).toEqual([true, true]);
    const wrong = { ...valid, 'odd "key"\\\n': '2' };
    expect([generated?.(wrong), looped?.(wrong)]).toEqual([false, false]);
  });
});

describe('decodeWith', () => {
  it('returns valid values as they are and names the problem of invalid ones', () => {
    const value = { state: 'printing', extra: [1] };
    const ok = decodeWith(report, value, { what: 'print report' });
    expect(ok).toEqual({ ok: true, value });
    const bad = decodeWith(report, { state: 5 }, { what: 'print report', operation: 'print/report' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(ProtocolError.isInstance(bad.error)).toBe(true);
    expect(bad.error.message).toBe('Malformed print report: state: Invalid input');
    expect(bad.error.operation).toBe('print/report');
    expect(bad.error.payload).toEqual({ state: 5 });
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = decodeWith(report, value, { what: 'x' });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('describeIssues', () => {
  it('lists the first problems and counts the rest', () => {
    const issues = [1, 2, 3, 4, 5].map((n) => ({ path: ['a', n], message: `bad ${n}` }));
    expect(describeIssues({ issues })).toBe('a.1: bad 1; a.2: bad 2; a.3: bad 3 (+2 more)');
    expect(describeIssues({ issues: [{ path: [], message: 'nope' }] })).toBe('(root): nope');
    expect(describeIssues({ issues: [] })).toBe('invalid');
  });
});

describe('own-property lookups', () => {
  it('never reach Object.prototype, whatever key the wire sends', () => {
    const table = { printing: 'printing', idle: 'idle' };
    const frozen = lookupTable(table);
    for (const key of PROTOTYPE_KEYS) {
      expect(ownValue(table, key)).toBeUndefined();
      expect(frozen[key]).toBeUndefined();
    }
    expect(ownValue(table, 'idle')).toBe('idle');
    expect(frozen.printing).toBe('printing');
  });
});

describe('FieldGuard', () => {
  it('drops wrong types, non-finite and out-of-range values, and keeps the others', () => {
    const guard = new FieldGuard();
    expect(guard.number('progress', 50, { min: 0, max: 100 })).toBe(50);
    expect(guard.number('elapsed', -5, { min: 0 })).toBeUndefined();
    expect(guard.number('nozzle', '210')).toBeUndefined();
    expect(guard.scaled('print_time', 1e308, 60, { min: 0 })).toBeUndefined();
    expect(guard.scaled('print_time', 2, 60, { min: 0 })).toBe(120);
    expect(guard.string('message', { text: 'x' })).toBeUndefined();
    expect(guard.string('message', 'hello')).toBe('hello');
    expect(guard.number('absent', undefined)).toBeUndefined();
    expect(guard.string('absent', null)).toBeUndefined();
    expect(guard.problems.map((problem) => problem.field)).toEqual([
      'elapsed',
      'nozzle',
      'print_time',
      'message',
    ]);
    const error = guard.toError('status report', 'status');
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect(error?.message).toBe(
      'Dropped unusable fields of status report: elapsed (expected a finite number >= 0), nozzle (expected a finite number), print_time (expected a finite number >= 0), message (expected a string)',
    );
  });

  it('only ever returns finite numbers in range', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.double(), (value, factor) => {
        const guard = new FieldGuard();
        const result = guard.scaled('x', value, factor, { min: 0, max: 1e9 });
        if (result !== undefined) expect(Number.isFinite(result) && result >= 0 && result <= 1e9).toBe(true);
        else if (value !== null && value !== undefined) expect(guard.problems.length).toBe(1);
      }),
      { numRuns: 2_000 },
    );
  });
});
