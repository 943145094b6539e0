/**
 * The compiled reply check must agree with zod: it may only answer "valid" where `safeParse` succeeds
 * (and then the value is returned as is), otherwise zod's verdict and issues are used.
 */
import { ProtocolError } from '@printkit/core-types';
import { compileFastCheck } from '@printkit/core-types/codec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { answeringTransport, CAPTURE_CASES, capture, rejectionOf, UUID } from '../../test/helpers.js';
import { createPrusaConnectClient } from '../index.js';
import { ENDPOINTS } from './table.js';

/** A seeded generator (mulberry32), so a failing mutation can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container (object or array) inside `value`, with the keys it holds. */
function containers(value: Json, out: Array<Json[] | { [key: string]: Json }> = []) {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

const REPLACEMENTS: Json[] = [null, 'text', 42, -1.5, true, [], {}, [1, 'a'], { a: 1 }];

/** A copy of `value` with one value somewhere replaced by another type, or one key removed. */
function mutate(value: Json, random: () => number): Json {
  const copy = structuredClone(value);
  const all = containers(copy);
  const target = all[Math.floor(random() * all.length)];
  if (!target) return REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)] ?? null;
  const keys = Object.keys(target);
  if (keys.length === 0) return copy;
  const key = keys[Math.floor(random() * keys.length)] as string;
  const replacement = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)] ?? null;
  if (Array.isArray(target)) target[Number(key)] = replacement;
  else if (random() < 0.2) delete target[key];
  else target[key] = replacement;
  return copy;
}

describe('compiled reply checks', () => {
  it('compile for every JSON endpoint of the table (none falls back to zod alone)', () => {
    for (const [name, definition] of Object.entries(ENDPOINTS)) {
      if (definition.reply.kind !== 'json') continue;
      expect(compileFastCheck(definition.reply.schema), name).toBeTypeOf('function');
    }
  });

  it('decline what they cannot mirror exactly: refinements, stripping objects, transforms', () => {
    expect(compileFastCheck(z.string().check(z.minLength(2)))).toBeUndefined();
    expect(compileFastCheck(z.object({ a: z.string() }))).toBeUndefined();
    expect(compileFastCheck(z.looseObject({ a: z.pipe(z.string(), z.transform(Number)) }))).toBeUndefined();
  });

  for (const [file, schema] of CAPTURE_CASES) {
    it(`agree with zod on ${file} and 400 type-changing mutations of it`, () => {
      const check = compileFastCheck(schema);
      if (!check) throw new Error('expected a compiled check');
      const raw = capture(file) as Json;
      expect(check(raw)).toBe(true);
      const random = seeded(file.length);
      let rejected = 0;
      for (let i = 0; i < 400; i++) {
        const mutated = mutate(raw, random);
        const verdict = schema.safeParse(mutated).success;
        expect(check(mutated), `mutation ${i}: ${JSON.stringify(mutated).slice(0, 200)}`).toBe(verdict);
        if (!verdict) rejected += 1;
      }
      // The mutations must actually exercise the rejecting side too.
      expect(rejected).toBeGreaterThan(10);
    });
  }

  it('the client still rejects a malformed printer detail with a ProtocolError naming the field', async () => {
    const detail = capture('printer_detail.json') as Record<string, unknown>;
    const body = JSON.stringify({ ...detail, temp: { temp_nozzle: 'hot' } });
    const client = createPrusaConnectClient({ token: 't', transport: answeringTransport(body) });
    const error = await rejectionOf(client.printers.get(UUID));
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/temp\.temp_nozzle/);
    await client.close();
  });
});
