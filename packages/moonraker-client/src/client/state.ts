/**
 * The merged Klipper status: every `notify_status_update` diff (and every query / subscribe
 * result) is deep-merged into it.
 *
 * - Objects merge field by field, at any depth (`print_stats.info.current_layer` alone keeps
 *   `total_layer`). Arrays and scalars are replaced, never appended to or merged, so the state
 *   cannot grow without bound.
 * - What readers get is immutable with structural sharing: a state once read (`state`) never changes;
 *   the next change yields a new top-level object and new objects for the changed Klipper objects,
 *   and untouched objects keep their identity (cheap equality checks for UI code).
 * - Copy on write, so that immutability costs per read, not per frame: objects made since the last
 *   read are nobody else's yet and take later diffs in place. A client that reads the status at its
 *   render rate while Moonraker pushes faster pays one copy per read; one that reads after every
 *   frame (a `status` listener) pays a copy per frame, as a plain immutable merge would.
 * - Keys are wire data: they are read as own properties and written with `defineProperty`, so a
 *   field named `__proto__` is a field, never the object's prototype. The diffs themselves are
 *   never written to (listeners get them as they arrived).
 * - Listeners get the diff; they read `state` when they need the merged status. With
 *   `flushIntervalMs` the diffs of one interval are merged and delivered together, at most once per
 *   interval.
 */
import { type Clock, systemClock } from '@printkit/core-types';
import type { KlipperStatus, StatusDiff } from '../protocol/wire.js';

/** Told what changed; reads `store.state` if it needs the merged status (that read is what costs a copy). */
export type StatusListener = (diff: StatusDiff, eventtime: number | undefined) => void;

export interface StatusStoreOptions {
  /** Deliver merged diffs at most once per this many ms. Default 0: every diff at once. */
  flushIntervalMs?: number;
  /** The flush timer's clock. Default: the system clock. */
  clock?: Clock;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `record[key] = value` as an own data property, even for `__proto__`. */
function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** A shallow copy keeping every own key, `__proto__` included (spread would too, but keep it explicit). */
function copyOf(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    setOwn(copy, key, record[key]);
  }
  return copy;
}

/** `target` with `source` deep-merged in; `target` is left untouched. */
export function deepMerge(
  target: Record<string, unknown> | undefined,
  source: Record<string, unknown>,
): Record<string, unknown> {
  const result = target === undefined ? {} : copyOf(target);
  mergeInto(result, source);
  return result;
}

/**
 * `source` deep-merged into `target`, which the caller owns: objects field by field (nested ones
 * copied by `deepMerge`, since they may be shared), arrays and scalars replaced.
 */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const next = source[key];
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    setOwn(target, key, isPlainObject(next) && isPlainObject(current) ? deepMerge(current, next) : next);
  }
}

/**
 * True when for-in over an object `JSON.parse` made (its prototype is `Object.prototype`, at every
 * depth) visits its own keys only: nothing has made a property of `Object.prototype` enumerable.
 * The merge then skips the own-key check per key (~7 ns each, a dozen per frame); this costs
 * ~3 ns, once per frame.
 */
function parsedObjectsHaveOwnKeysOnly(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/**
 * `fields` merged into `target`, which only this store holds. Klipper's diffs are mostly flat
 * (numbers, strings, arrays), so fields are stored as they are met, in one pass; a nested object,
 * or `__proto__` (a plain store would call the prototype setter), sends the whole diff down
 * `mergeInto` instead, which may store again what this pass stored already: the same values, so
 * the result is the same. `ownKeysOnly`: for-in visits own keys only
 * (`parsedObjectsHaveOwnKeysOnly`), so the own-key check can go. This runs for every changed
 * object of every frame.
 */
function assignFields(
  target: Record<string, unknown>,
  fields: Record<string, unknown>,
  ownKeysOnly: boolean,
): void {
  // for-in rather than Object.keys: no array per object.
  for (const key in fields) {
    const value = fields[key];
    if (key === '__proto__' || isPlainObject(value) || (!ownKeysOnly && !Object.hasOwn(fields, key))) {
      mergeInto(target, fields);
      return;
    }
    target[key] = value;
  }
}

/** One object's fields merged into a copy of its current value (the reader may hold `current`). */
function mergeFields(
  current: Record<string, unknown> | undefined,
  fields: Record<string, unknown>,
  ownKeysOnly: boolean,
): Record<string, unknown> {
  // Spread defines own data properties, so a `__proto__` key of `current` stays a field.
  const copy = current === undefined ? {} : { ...current };
  assignFields(copy, fields, ownKeysOnly);
  return copy;
}

/** An empty list of names, shared. */
const NONE: readonly string[] = Object.freeze([]);

/** What `applyKnown` left out of a diff. */
export interface LeftOut {
  /** Names of objects the subscription does not hold. */
  readonly unknown: readonly string[];
  /** Names whose value is not an object (a diff maps object names to changed fields). */
  readonly invalid: readonly string[];
  /** The part of the diff that was merged, or undefined when nothing was. */
  readonly merged: StatusDiff | undefined;
}

/** One Klipper object as the store holds it. */
interface Entry {
  record: Record<string, unknown>;
  /** The read generation the record was made in: equal to the store's → no reader has it yet. */
  generation: number;
}

export class StatusStore {
  /** Object name → its entry: the working state, looked up once per object per frame. */
  #entries = new Map<string, Entry>();
  /** The state last handed out (never changed after that). */
  #state: KlipperStatus = {};
  /** Bumped whenever the state is handed out: every record made before is a reader's too from then on. */
  #generation = 0;
  /** Names changed since the state was last handed out (reused, never shrunk: no allocation per read). */
  readonly #changed: string[] = [];
  #changedCount = 0;
  #eventtime: number | undefined;
  readonly #listeners = new Set<StatusListener>();
  readonly #flushIntervalMs: number;
  #pendingDiff: StatusDiff | undefined;
  #timer: unknown;
  readonly #clock: Clock;

  constructor(options: StatusStoreOptions = {}) {
    this.#flushIntervalMs = options.flushIntervalMs ?? 0;
    this.#clock = options.clock ?? systemClock;
  }

  /** The merged status. Never changed after it is read: a change after a read makes a new object. */
  get state(): KlipperStatus {
    if (this.#changedCount > 0) {
      // Spread keeps every own key as an own data property, `__proto__` included.
      const next: Record<string, unknown> = { ...this.#state };
      for (let i = 0; i < this.#changedCount; i++) {
        const name = this.#changed[i] as string;
        setOwn(next, name, (this.#entries.get(name) as Entry).record);
      }
      this.#state = next as KlipperStatus;
      this.#changedCount = 0;
      this.#generation++;
    }
    return this.#state;
  }

  /** Klipper's monotonic `eventtime` of the last update, in seconds. */
  get eventtime(): number | undefined {
    return this.#eventtime;
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: StatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Merges one diff: objects merged field by field, arrays and scalars replaced. */
  apply(diff: StatusDiff, eventtime?: number): void {
    const names = Object.keys(diff);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const fields = diff[name];
      if (fields === undefined) continue;
      const entry = this.#entries.get(name);
      if (entry === undefined) this.#add(name, fields);
      else this.#merge(name, entry, fields, false);
    }
    this.commit(diff, eventtime);
  }

  /**
   * Merges a `notify_status_update` diff, limited to the objects the state already holds: Moonraker
   * pushes only subscribed objects, and the subscribe answer lists every one of them (even unknown
   * ones, as `{}`), so a diff naming any other object is not Moonraker's — a server inventing new
   * names in every frame must not grow the state without bound. A name whose value is not an object
   * is left out too; the rest of the diff is merged. Listeners are not told: the caller hands what
   * was merged to `commit` (after its own events). Returns undefined when the whole diff was merged.
   * One pass over the diff: this runs for every frame. `diff` is what `JSON.parse` made of the frame
   * (its objects inherit from `Object.prototype` only).
   */
  applyKnown(diff: Record<string, unknown>): LeftOut | undefined {
    const ownKeysOnly = parsedObjectsHaveOwnKeysOnly();
    let unknown: string[] | undefined;
    let invalid: string[] | undefined;
    let merged = 0;
    // for-in: no array per frame; an inherited key it may visit is skipped by the own-key check.
    for (const name in diff) {
      if (!ownKeysOnly && !Object.hasOwn(diff, name)) continue;
      const entry = this.#entries.get(name);
      const fields = diff[name];
      if (entry === undefined) {
        unknown ??= [];
        unknown.push(name);
      } else if (!isPlainObject(fields)) {
        invalid ??= [];
        invalid.push(name);
      } else {
        this.#merge(name, entry, fields, ownKeysOnly);
        merged++;
      }
    }
    if (unknown === undefined && invalid === undefined) return undefined;
    let mergedDiff: StatusDiff | undefined;
    if (merged > 0) {
      mergedDiff = {};
      for (const name of Object.keys(diff)) {
        const fields = diff[name];
        if (isPlainObject(fields) && this.#entries.has(name)) setOwn(mergedDiff, name, fields);
      }
    }
    return { unknown: unknown ?? NONE, invalid: invalid ?? NONE, merged: mergedDiff };
  }

  /**
   * Tells the listeners about a merged diff (now, or with the next flush) and records its
   * `eventtime`: `apply` does it itself, `applyKnown`'s caller does it for what was merged.
   */
  commit(diff: StatusDiff, eventtime: number | undefined): void {
    if (eventtime !== undefined) this.#eventtime = eventtime;
    if (this.#flushIntervalMs <= 0) {
      this.#emit(diff);
      return;
    }
    this.#pendingDiff =
      this.#pendingDiff === undefined ? diff : (deepMerge(this.#pendingDiff, diff) as StatusDiff);
    this.#timer ??= this.#clock.setTimeout(() => this.flush(), this.#flushIntervalMs);
  }

  #add(name: string, fields: Record<string, unknown>): void {
    this.#entries.set(name, { record: mergeFields(undefined, fields, false), generation: this.#generation });
    this.#changed[this.#changedCount++] = name;
  }

  /** One object's fields merged in: in place if no reader has the record yet, else into a copy. */
  #merge(name: string, entry: Entry, fields: Record<string, unknown>, ownKeysOnly: boolean): void {
    if (entry.generation === this.#generation) {
      assignFields(entry.record, fields, ownKeysOnly);
      return;
    }
    entry.record = mergeFields(entry.record, fields, ownKeysOnly);
    entry.generation = this.#generation;
    this.#changed[this.#changedCount++] = name;
  }

  /** Delivers the diffs waiting for the next flush now. */
  flush(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    const diff = this.#pendingDiff;
    this.#pendingDiff = undefined;
    if (diff !== undefined) this.#emit(diff);
  }

  /**
   * Replaces the whole state, e.g. with the answer to a new subscription after Klippy restarted
   * (objects may have come or gone). Listeners get the new state as the diff.
   */
  reset(status: StatusDiff, eventtime?: number): void {
    this.#replaceState();
    this.#pendingDiff = undefined;
    this.apply(status, eventtime);
  }

  /** Forgets everything (e.g. when the objects Klipper offers may have changed). */
  clear(): void {
    this.#replaceState();
    this.#eventtime = undefined;
    this.#pendingDiff = undefined;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Stops any pending flush timer and removes the listeners. */
  dispose(): void {
    this.flush();
    this.#listeners.clear();
  }

  /** A new, empty state (the old one may be held by readers). */
  #replaceState(): void {
    this.#entries = new Map();
    this.#state = {};
    this.#changedCount = 0;
    this.#generation++;
  }

  #emit(diff: StatusDiff): void {
    if (this.#listeners.size === 0) return;
    for (const listener of this.#listeners.size === 1 ? this.#listeners : [...this.#listeners]) {
      try {
        listener(diff, this.#eventtime);
      } catch (error) {
        // A broken listener must not stop the others or the socket; report it like a DOM listener.
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  }
}
