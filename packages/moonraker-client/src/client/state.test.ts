import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { KlipperStatus, StatusDiff } from '../protocol/wire.js';
import { deepMerge, StatusStore } from './state.js';

describe('deepMerge', () => {
  it('merges nested objects field by field and replaces arrays and scalars', () => {
    const target = { info: { total_layer: 10, current_layer: 1 }, position: [1, 2, 3, 4], state: 'printing' };
    const merged = deepMerge(target, { info: { current_layer: 2 }, position: [5, 6, 7, 8] });
    expect(merged).toEqual({
      info: { total_layer: 10, current_layer: 2 },
      position: [5, 6, 7, 8],
      state: 'printing',
    });
    expect(target.info.current_layer).toBe(1);
    expect(target.position).toEqual([1, 2, 3, 4]);
  });

  it('replaces an object by a scalar or null and a scalar by an object', () => {
    expect(deepMerge({ a: { b: 1 }, c: 1 }, { a: null, c: { d: 2 } })).toEqual({ a: null, c: { d: 2 } });
  });
});

describe('StatusStore', () => {
  const initial: StatusDiff = {
    print_stats: {
      filename: '',
      state: 'standby',
      info: { total_layer: null, current_layer: null },
    },
    toolhead: { position: [0, 0, 0, 0], homed_axes: '' },
    extruder: { temperature: 20, target: 0 },
  };

  it('deep-merges diffs: fields kept, nested objects merged, arrays replaced, never appended', () => {
    const store = new StatusStore();
    store.reset(initial, 1);
    store.apply(
      {
        print_stats: { state: 'printing', info: { current_layer: 3 } },
        toolhead: { position: [1, 2, 3, 4] },
      },
      2,
    );
    store.apply({ toolhead: { position: [5, 6, 7, 8] } }, 3);
    expect(store.state.print_stats).toEqual({
      filename: '',
      state: 'printing',
      info: { total_layer: null, current_layer: 3 },
    });
    expect(store.state.toolhead).toEqual({ position: [5, 6, 7, 8], homed_axes: '' });
    expect(store.state.extruder).toEqual({ temperature: 20, target: 0 });
    expect(store.eventtime).toBe(3);
  });

  it('delivers the merged state and the diff; unchanged objects keep their identity', () => {
    const store = new StatusStore();
    store.reset(initial);
    const before = store.state;
    const seen: Array<[KlipperStatus, StatusDiff, number | undefined]> = [];
    store.subscribe((diff, eventtime) => seen.push([store.state, diff, eventtime]));
    const diff = { extruder: { temperature: 25.5 } };
    store.apply(diff, 414.468);
    expect(seen).toHaveLength(1);
    const [state, delivered, eventtime] = seen[0]!;
    expect(delivered).toEqual(diff);
    expect(eventtime).toBe(414.468);
    expect(state.extruder).toEqual({ temperature: 25.5, target: 0 });
    expect(state).not.toBe(before);
    expect(state.toolhead).toBe(before.toolhead);
    expect(before.extruder).toEqual({ temperature: 20, target: 0 });
  });

  it('adds objects it has not seen and keeps untyped ones', () => {
    const store = new StatusStore();
    store.apply({ 'temperature_sensor chamber': { temperature: 30.1 } });
    store.apply({ 'temperature_sensor chamber': { measured_max_temp: 31 } });
    expect(store.state['temperature_sensor chamber']).toEqual({ temperature: 30.1, measured_max_temp: 31 });
  });

  it('coalesces diffs with flushIntervalMs and delivers them merged once per interval', async () => {
    vi.useFakeTimers();
    try {
      const store = new StatusStore({ flushIntervalMs: 100 });
      const diffs: StatusDiff[] = [];
      store.subscribe((diff) => diffs.push(diff));
      store.apply({ extruder: { temperature: 21 } });
      store.apply({ extruder: { temperature: 22, target: 200 } });
      store.apply({ heater_bed: { temperature: 40 } });
      expect(diffs).toEqual([]);
      expect(store.state.extruder).toEqual({ temperature: 22, target: 200 });
      await vi.advanceTimersByTimeAsync(100);
      expect(diffs).toEqual([
        { extruder: { temperature: 22, target: 200 }, heater_bed: { temperature: 40 } },
      ]);
      store.apply({ extruder: { temperature: 23 } });
      store.dispose();
      expect(diffs).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops delivering to a listener that unsubscribed, and survives a throwing listener', () => {
    vi.useFakeTimers();
    try {
      const store = new StatusStore();
      const good = vi.fn();
      const off = store.subscribe(() => {
        throw new Error('listener bug');
      });
      store.subscribe(good);
      store.apply({ fan: { speed: 0.5 } });
      expect(good).toHaveBeenCalledTimes(1);
      expect(() => vi.runAllTimers()).toThrow('listener bug');
      off();
      store.apply({ fan: { speed: 0.6 } });
      expect(good).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('StatusStore fast merge', () => {
  // The store merges flat objects with one spread and nested ones with deepMerge: whatever the diff,
  // the result must be what merging every diff with deepMerge gives, and earlier states never change.
  const key = fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor');
  const leaf = fc.oneof(
    fc.integer(),
    fc.string({ maxLength: 3 }),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
  );
  const fields = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 3 })), { maxKeys: 4 });
  const diff = fc.dictionary(fc.constantFrom('extruder', 'toolhead', '__proto__'), fields, { maxKeys: 3 });

  it('applyKnown gives the deepMerge of every diff and leaves earlier states untouched', () => {
    fc.assert(
      fc.property(fc.array(diff, { maxLength: 6 }), (diffs) => {
        const store = new StatusStore();
        const names = { extruder: {}, toolhead: {}, __proto__: {} } as unknown as StatusDiff;
        Object.defineProperty(names, '__proto__', {
          value: {},
          enumerable: true,
          writable: true,
          configurable: true,
        });
        store.reset(names);
        let expected: Record<string, unknown> = store.state as Record<string, unknown>;
        const snapshots: [KlipperStatus, string][] = [];
        for (const next of diffs) {
          snapshots.push([store.state, JSON.stringify(store.state)]);
          expect(store.applyKnown(next as StatusDiff)).toBeUndefined();
          const reference: Record<string, unknown> = { ...expected };
          for (const name of Object.keys(next)) {
            Object.defineProperty(reference, name, {
              value: deepMerge(
                expected[name] as Record<string, unknown>,
                (next as Record<string, Record<string, unknown>>)[name] ?? {},
              ),
              enumerable: true,
              writable: true,
              configurable: true,
            });
          }
          expected = reference;
          expect(JSON.stringify(store.state)).toBe(JSON.stringify(expected));
          expect(Object.getPrototypeOf(store.state)).toBe(Object.prototype);
        }
        for (const [state, text] of snapshots) expect(JSON.stringify(state)).toBe(text);
      }),
    );
  });
});

describe('StatusStore copy on write', () => {
  // Objects made since the last read take later diffs in place. Whatever the order of diffs and reads,
  // the store must hold what merging every diff with deepMerge gives, every state read stays as it
  // was read, unchanged objects keep their identity, and no diff is ever written to.
  const key = fc.constantFrom('a', 'b', '__proto__');
  const leaf = fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
  const fields = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 2 })), { maxKeys: 3 });
  const step = fc.oneof(
    fc.record({ read: fc.constant(true as const) }),
    fc.record({
      diff: fc.dictionary(fc.constantFrom('extruder', 'toolhead', 'fan'), fields, { maxKeys: 2 }),
    }),
  );

  it('matches deepMerge; states read and diffs given never change; untouched objects keep identity', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const store = new StatusStore();
        store.reset({ extruder: {}, toolhead: {}, fan: {} });
        let expected: Record<string, unknown> = { extruder: {}, toolhead: {}, fan: {} };
        const held: [unknown, string][] = [];
        let previous = store.state;
        let changedSinceRead = new Set<string>();
        for (const next of steps) {
          if ('read' in next) {
            const state = store.state;
            for (const name of ['extruder', 'toolhead', 'fan'])
              if (!changedSinceRead.has(name)) expect(state[name]).toBe(previous[name]);
            if (changedSinceRead.size === 0) expect(state).toBe(previous);
            else expect(state).not.toBe(previous);
            expect(JSON.stringify(state)).toBe(JSON.stringify(expected));
            held.push([state, JSON.stringify(state)]);
            previous = state;
            changedSinceRead = new Set();
            continue;
          }
          const diff = next.diff as StatusDiff;
          held.push([diff, JSON.stringify(diff)]);
          store.applyKnown(diff);
          for (const name of Object.keys(diff)) {
            changedSinceRead.add(name);
            expected = {
              ...expected,
              [name]: deepMerge(expected[name] as Record<string, unknown>, diff[name] ?? {}),
            };
          }
        }
        expect(JSON.stringify(store.state)).toBe(JSON.stringify(expected));
        for (const [value, text] of held) expect(JSON.stringify(value)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('applyKnown merges the objects it holds and leaves out unknown names and values that are not objects', () => {
    const store = new StatusStore();
    store.reset({ extruder: {}, heater_bed: {}, fan: {} });
    const listened: StatusDiff[] = [];
    store.subscribe((diff) => listened.push(diff));
    listened.length = 0;
    const leftOut = store.applyKnown({
      extruder: { temperature: 21 },
      chamber: { temperature: 30 },
      heater_bed: 60,
      fan: [0.5],
    });
    expect(leftOut).toEqual({
      unknown: ['chamber'],
      invalid: ['heater_bed', 'fan'],
      merged: { extruder: { temperature: 21 } },
    });
    expect(store.state).toEqual({ extruder: { temperature: 21 }, heater_bed: {}, fan: {} });
    expect(listened).toEqual([]); // the caller commits what was merged
    store.commit(leftOut?.merged ?? {}, 5);
    expect(listened).toEqual([{ extruder: { temperature: 21 } }]);
    expect(store.eventtime).toBe(5);
    expect(store.applyKnown({ chamber: { temperature: 31 } })).toEqual({
      unknown: ['chamber'],
      invalid: [],
      merged: undefined,
    });
  });

  it('finds each object whatever order diffs name them in, and forgets the old objects on reset', () => {
    const store = new StatusStore();
    store.reset({ extruder: {}, heater_bed: {} });
    store.applyKnown({ extruder: { temperature: 20 }, heater_bed: { temperature: 50 } });
    store.applyKnown({ heater_bed: { temperature: 51 }, extruder: { temperature: 21 } });
    expect(store.state).toEqual({ extruder: { temperature: 21 }, heater_bed: { temperature: 51 } });
    const before = store.state;
    store.reset({ extruder: { target: 200 }, heater_bed: {} });
    store.applyKnown({ heater_bed: { temperature: 52 }, extruder: { temperature: 22 } });
    expect(store.state).toEqual({
      extruder: { target: 200, temperature: 22 },
      heater_bed: { temperature: 52 },
    });
    expect(before).toEqual({ extruder: { temperature: 21 }, heater_bed: { temperature: 51 } });
  });

  it('merges no inherited key when Object.prototype has enumerable properties', () => {
    const store = new StatusStore();
    store.reset({ extruder: { temperature: 20 }, heater_bed: { temperature: 50 } });
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.power = 0.5;
    prototype.extruder = { target: 999 };
    try {
      // for-in over these (as JSON.parse makes them) also visits `power` and `extruder`.
      store.applyKnown(JSON.parse('{"heater_bed":{"temperature":51}}'));
      store.applyKnown(JSON.parse('{"extruder":{"temperature":21}}'));
      expect(Object.keys(store.state.extruder ?? {})).toEqual(['temperature']);
      expect(Object.keys(store.state.heater_bed ?? {})).toEqual(['temperature']);
      expect(store.state.extruder?.temperature).toBe(21);
    } finally {
      delete prototype.power;
      delete prototype.extruder;
    }
  });

  it('a state read before a diff is not changed by it, even when the object was made after a read', () => {
    const store = new StatusStore();
    store.reset({ extruder: { temperature: 20 } });
    store.applyKnown({ extruder: { temperature: 21 } }); // a new extruder object, nobody has it yet
    store.applyKnown({ extruder: { target: 200 } }); // written in place
    const first = store.state;
    expect(first.extruder).toEqual({ temperature: 21, target: 200 });
    store.applyKnown({ extruder: { temperature: 22 } });
    expect(first.extruder).toEqual({ temperature: 21, target: 200 });
    expect(store.state.extruder).toEqual({ temperature: 22, target: 200 });
    expect(store.state).not.toBe(first);
  });
});
