import { describe, expect, it } from 'vitest';
import { SimError } from './errors.js';
import { FaultPlan } from './faults.js';
import { createRandom } from './random.js';

describe('FaultPlan', () => {
  it('returns undefined when nothing matches', () => {
    const plan = new FaultPlan();
    plan.add({ operation: 'server.info', kind: 'drop' });
    expect(plan.take('printer.objects.query')).toBeUndefined();
    expect(plan.peek('printer.objects.query')).toBeUndefined();
  });

  it('fires a rule `times` times (default once) and then removes it', () => {
    const plan = new FaultPlan();
    plan.add({ operation: 'print/start', kind: 'error-reply', status: 503, times: 2 });
    plan.add({ operation: 'print/stop', kind: 'drop' });
    expect(plan.take('print/start')).toMatchObject({ kind: 'error-reply', status: 503, times: 2 });
    expect(plan.take('print/start')).toMatchObject({ kind: 'error-reply', times: 1 });
    expect(plan.take('print/start')).toBeUndefined();
    expect(plan.take('print/stop')).toMatchObject({ kind: 'drop' });
    expect(plan.take('print/stop')).toBeUndefined();
    expect(plan.list()).toEqual([]);
  });

  it('fires an Infinity rule every time', () => {
    const plan = new FaultPlan();
    plan.add({
      operation: 'GET /app/printers/:uuid',
      kind: 'delay',
      delayMs: 200,
      times: Number.POSITIVE_INFINITY,
    });
    for (let i = 0; i < 100; i++) expect(plan.take('GET /app/printers/:uuid')?.delayMs).toBe(200);
    expect(plan.list()).toHaveLength(1);
  });

  it("prefers an exact rule over '*' and falls back to '*'", () => {
    const plan = new FaultPlan();
    plan.add({ operation: '*', kind: 'disconnect', times: Number.POSITIVE_INFINITY });
    plan.add({ operation: 'server.info', kind: 'malformed' });
    expect(plan.take('server.info')?.kind).toBe('malformed');
    expect(plan.take('server.info')?.kind).toBe('disconnect');
    expect(plan.take('anything')?.kind).toBe('disconnect');
  });

  it('peek does not consume; the remover removes; clear empties', () => {
    const plan = new FaultPlan();
    const remove = plan.add({ operation: 'x', kind: 'auth-failure', status: 401 });
    expect(plan.peek('x')?.kind).toBe('auth-failure');
    expect(plan.peek('x')?.kind).toBe('auth-failure');
    expect(plan.list()).toHaveLength(1);
    remove();
    expect(plan.take('x')).toBeUndefined();
    plan.add({ operation: 'y', kind: 'drop' });
    plan.clear();
    expect(plan.list()).toEqual([]);
  });

  it('gives rules increasing ids and returns frozen copies', () => {
    const plan = new FaultPlan();
    plan.add({ operation: 'a', kind: 'drop' });
    plan.add({ operation: 'b', kind: 'drop' });
    const [a, b] = plan.list();
    expect(b!.id).toBeGreaterThan(a!.id);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('draws probabilities from the seeded Random, reproducibly', () => {
    const outcomes = (seed: number) => {
      const plan = new FaultPlan({ random: createRandom(seed) });
      plan.add({ operation: 'op', kind: 'drop', probability: 0.3, times: Number.POSITIVE_INFINITY });
      return Array.from({ length: 1000 }, () => plan.take('op') !== undefined);
    };
    const first = outcomes(11);
    expect(outcomes(11)).toEqual(first);
    expect(outcomes(12)).not.toEqual(first);
    const hits = first.filter(Boolean).length;
    expect(hits).toBeGreaterThan(240);
    expect(hits).toBeLessThan(360);
  });

  it('keeps the uses of a rule whose draw missed and tries the next candidate', () => {
    const plan = new FaultPlan();
    plan.add({ operation: 'op', kind: 'drop', probability: 0 });
    plan.add({ operation: '*', kind: 'malformed' });
    expect(plan.take('op')?.kind).toBe('malformed');
    expect(plan.list().map((f) => f.kind)).toEqual(['drop']);
  });

  it('rejects invalid rules', () => {
    const plan = new FaultPlan();
    expect(() => plan.add({ operation: '', kind: 'drop' })).toThrow(SimError);
    expect(() => plan.add({ operation: 'a', kind: 'drop', times: 0 })).toThrow(SimError);
    expect(() => plan.add({ operation: 'a', kind: 'drop', times: 1.5 })).toThrow(SimError);
    expect(() => plan.add({ operation: 'a', kind: 'drop', probability: 2 })).toThrow(SimError);
    expect(plan.list()).toEqual([]);
  });
});
