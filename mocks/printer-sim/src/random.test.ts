import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

const take = (seed: number, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(take(42, 20)).toEqual(take(42, 20));
    expect(take(42, 20)).not.toEqual(take(43, 20));
    expect(take(1, 5)).not.toEqual(take(2 ** 33 + 1, 5));
  });

  it('draws floats in [0, 1) spread over the range', () => {
    const values = take(7, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('int() is inclusive at both ends and hits every value', () => {
    const random = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(random.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(random.int(5, 5)).toBe(5);
    expect(() => random.int(2, 1)).toThrow(RangeError);
  });

  it('pick() returns items of the array and rejects an empty one', () => {
    const random = createRandom(9);
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set(Array.from({ length: 100 }, () => random.pick(items)));
    expect(seen).toEqual(new Set(items));
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('hex() and uuid() are well formed and reproducible', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    expect(a.hex(12)).toMatch(/^[0-9a-f]{12}$/);
    const uuid = a.uuid();
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    b.hex(12);
    expect(b.uuid()).toBe(uuid);
    expect(a.uuid()).not.toBe(uuid);
  });
});
