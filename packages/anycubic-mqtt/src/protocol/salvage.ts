/**
 * "Parse each field on its own: one bad value must not discard a whole report" (notes, "More wire
 * facts"). When a value fails its schema, the fields the issues point at are dropped (an object key
 * deleted, an array element removed) and the rest is checked again, a few rounds at most. A value
 * whose root is wrong (not an object at all) is still refused as a whole.
 */
import type { SchemaLike } from '@printkit/core-types/codec';

export interface Salvaged<T> {
  readonly value: T;
  /** Dotted paths of the dropped fields (`project.print_time`, `slots.2`). */
  readonly dropped: readonly string[];
}

const MAX_ROUNDS = 4;

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** A deep copy of plain JSON data (what JSON.parse made), own keys only. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isContainer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Never assign `__proto__` (it would set the prototype); define it as a plain own field instead.
    Object.defineProperty(out, key, {
      value: copy((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Removes the field at `path`; false when the path is the root or does not lead anywhere. */
function drop(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let parent: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(parent) || !Object.hasOwn(parent, key as string)) return false;
    parent = (parent as Record<string, unknown>)[key as string];
  }
  const last = path.at(-1) as string | number;
  if (Array.isArray(parent) && typeof last === 'number' && last < parent.length) {
    parent.splice(last, 1);
    return true;
  }
  if (isContainer(parent) && Object.hasOwn(parent, String(last))) {
    delete (parent as Record<string, unknown>)[String(last)];
    return true;
  }
  return false;
}

/** The value with its bad fields dropped, or undefined when it cannot be saved. */
export function salvage<T>(schema: SchemaLike<T>, value: unknown): Salvaged<T> | undefined {
  if (!isContainer(value) || Array.isArray(value)) return undefined;
  const working = copy(value);
  const dropped: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = schema.safeParse(working);
    if (parsed.success) return { value: parsed.data, dropped };
    // Deepest and last first, so removing an array element never shifts another issue's index.
    const paths = parsed.error.issues
      .map((issue) => issue.path)
      .sort(
        (a, b) =>
          b.length - a.length || String(b.at(-1)).localeCompare(String(a.at(-1)), 'en', { numeric: true }),
      );
    let progress = false;
    for (const path of paths) {
      if (drop(working, path)) {
        dropped.push(path.map(String).join('.'));
        progress = true;
      }
    }
    if (!progress) return undefined;
  }
  return undefined;
}
