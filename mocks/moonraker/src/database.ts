/**
 * Moonraker's namespaced database (components/database.py, v0.10.0): namespaces of records, keys
 * as "a.b.c" or ["a", "b", "c"], protected namespaces (read-only to clients), forbidden ones
 * (hidden), and the errors in Moonraker's words. In memory by default; with a directory, every
 * change is written to `<dir>/database.json` and read back at start (Mainsail and Fluidd keep their
 * settings here, so a restarted fake remembers them).
 *
 * Records live in null-prototype objects and every step of a key path is an own-property lookup:
 * keys come from the wire (`__proto__`, `constructor`, ...) and must never reach a prototype.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MoonrakerError } from './errors.js';
import { pythonRepr } from './python-repr.js';

/** database.py L227-228 plus the namespaces core components register as local (protected). */
export const PROTECTED_NAMESPACES = ['moonraker', 'announcements', 'gcode_metadata'] as const;
export const FORBIDDEN_NAMESPACES = ['database'] as const;

const FILE_NAME = 'database.json';

type Namespace = Map<string, unknown>;

/** `key` as the client sent it: a dotted string or a list of path elements. */
export type DatabaseKey = string | readonly string[];

export class MoonrakerDatabase {
  readonly #namespaces = new Map<string, Namespace>();
  readonly #directory: string | undefined;

  constructor(options: { directory?: string | undefined; seed?: Record<string, Record<string, unknown>> }) {
    this.#directory = options.directory;
    const stored = this.#directory === undefined ? undefined : readStore(this.#directory);
    for (const [name, records] of Object.entries(stored ?? options.seed ?? {})) {
      this.#namespaces.set(name, new Map(Object.entries(records).map(([k, v]) => [k, cloneJson(v)])));
    }
    // A stored database keeps Moonraker's own namespace even if it was written without one.
    if (stored !== undefined && options.seed) {
      for (const [name, records] of Object.entries(options.seed)) {
        if (!this.#namespaces.has(name))
          this.#namespaces.set(name, new Map(Object.entries(records).map(([k, v]) => [k, cloneJson(v)])));
      }
    }
  }

  /** Namespaces that hold at least one record, without the forbidden ones. */
  namespaces(): string[] {
    return [...this.#namespaces.keys()].filter((name) => !isForbidden(name));
  }

  /** A whole namespace (`key` omitted) or the value at a key path. */
  get(namespace: string, key: DatabaseKey | undefined): unknown {
    const records = this.#namespaces.get(namespace);
    if (key === undefined) {
      if (!records) throw new MoonrakerError(`Namespace ${namespace} not found`, 404);
      return Object.fromEntries([...records].map(([k, v]) => [k, cloneJson(v)]));
    }
    const path = parseKey(key);
    const notFound = () =>
      new MoonrakerError(`Key '${keyText(key)}' in namespace '${namespace}' not found`, 404);
    const [first, ...rest] = path as [string, ...string[]];
    if (!records?.has(first)) throw notFound();
    let value = records.get(first);
    for (const part of rest) {
      if (!isRecord(value) || !Object.hasOwn(value, part)) throw notFound();
      value = value[part];
    }
    return cloneJson(value);
  }

  /** Inserts or replaces the value at a key path, creating objects on the way. */
  insert(namespace: string, key: DatabaseKey, value: unknown): void {
    const path = parseKey(key);
    const [first, ...rest] = path as [string, ...string[]];
    const records = this.#namespaces.get(namespace) ?? new Map<string, unknown>();
    const stored = cloneJson(value);
    if (rest.length === 0) {
      records.set(first, stored);
    } else {
      const existing = records.get(first);
      // database.py overwrites a non-object top-level record with an object.
      const record: Record<string, unknown> = isRecord(existing) ? existing : Object.create(null);
      let item: unknown = record;
      for (const part of rest.slice(0, -1)) {
        if (!isRecord(item)) throw new MoonrakerError(`Cannot reduce a value of type ${pythonType(item)}`);
        if (!Object.hasOwn(item, part)) item[part] = Object.create(null);
        item = item[part];
      }
      if (!isRecord(item)) {
        throw new MoonrakerError(
          `Item at key '${path.slice(0, -1).join('.')}' in namespace '${namespace}'is not a dictionary object, cannot insert`,
        );
      }
      item[rest[rest.length - 1] as string] = stored;
      records.set(first, record);
    }
    this.#namespaces.set(namespace, records);
    this.#save();
  }

  /** Removes the value at a key path and returns it; an emptied namespace disappears. */
  delete(namespace: string, key: DatabaseKey): unknown {
    const path = parseKey(key);
    const [first, ...rest] = path as [string, ...string[]];
    const records = this.#namespaces.get(namespace);
    const notFound = () =>
      new MoonrakerError(`Key '${keyText(key)}' in namespace '${namespace}' not found`, 404);
    if (!records?.has(first))
      throw new MoonrakerError(`Key '${first}' in namespace '${namespace}' not found`, 404);
    const record = records.get(first);
    let removed: unknown;
    if (rest.length === 0) {
      removed = record;
      records.delete(first);
    } else {
      let item: unknown = record;
      for (const part of rest.slice(0, -1)) {
        if (!isRecord(item) || !Object.hasOwn(item, part)) throw notFound();
        item = item[part];
      }
      const last = rest[rest.length - 1] as string;
      if (!isRecord(item) || !Object.hasOwn(item, last)) throw notFound();
      removed = item[last];
      delete item[last];
      // An emptied top-level record is removed, as database.py does.
      if (isRecord(record) && Object.keys(record).length === 0) records.delete(first);
    }
    if (records.size === 0) this.#namespaces.delete(namespace);
    this.#save();
    return cloneJson(removed);
  }

  /** A copy of everything (backups). */
  dump(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [name, records] of this.#namespaces)
      out[name] = Object.fromEntries([...records].map(([k, v]) => [k, cloneJson(v)]));
    return out;
  }

  /** Replaces everything (restore). */
  load(data: Record<string, Record<string, unknown>>): void {
    this.#namespaces.clear();
    for (const [name, records] of Object.entries(data)) {
      this.#namespaces.set(name, new Map(Object.entries(records).map(([k, v]) => [k, cloneJson(v)])));
    }
    this.#save();
  }

  /** Approximate size in bytes (for compact's previous_size/new_size). */
  sizeBytes(): number {
    return Buffer.byteLength(JSON.stringify(this.dump()));
  }

  #save(): void {
    if (this.#directory === undefined) return;
    mkdirSync(this.#directory, { recursive: true });
    const target = join(this.#directory, FILE_NAME);
    const temporary = `${target}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.dump()));
    renameSync(temporary, target);
  }
}

export function isForbidden(namespace: string): boolean {
  return (FORBIDDEN_NAMESPACES as readonly string[]).includes(namespace);
}

export function isProtected(namespace: string): boolean {
  return (PROTECTED_NAMESPACES as readonly string[]).includes(namespace);
}

/** database.py `parse_namespace_key`: a dotted string or a list; no empty element. */
export function parseKey(key: DatabaseKey): string[] {
  const parts = typeof key === 'string' ? key.split('.') : [...key];
  if (parts.length === 0 || parts.some((part) => typeof part !== 'string' || part === '')) {
    throw new MoonrakerError(`Invalid Key Format: '${keyText(key)}'`);
  }
  return parts;
}

/** How Python's f-string prints the key: the string itself, or the list's repr. */
function keyText(key: DatabaseKey): string {
  return typeof key === 'string' ? key : pythonRepr(key);
}

export function pythonType(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (Array.isArray(value)) return "<class 'list'>";
  switch (typeof value) {
    case 'string':
      return "<class 'str'>";
    case 'boolean':
      return "<class 'bool'>";
    case 'number':
      return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
    default:
      return "<class 'dict'>";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy with null-prototype objects, so a stored `__proto__` key is just data. */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isRecord(value)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) out[key] = cloneJson(value[key]);
    return out;
  }
  return value;
}

function readStore(directory: string): Record<string, Record<string, unknown>> | undefined {
  let text: string;
  try {
    text = readFileSync(join(directory, FILE_NAME), 'utf8');
  } catch {
    return undefined;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed))
    throw new Error(`${join(directory, FILE_NAME)}: expected a JSON object of namespaces`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, records] of Object.entries(parsed)) if (isRecord(records)) out[name] = records;
  return out;
}
