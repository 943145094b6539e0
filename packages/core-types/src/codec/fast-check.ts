/**
 * A fast yes/no check of a reply against its zod schema, for the common case: a reply that is valid.
 *
 * Validating a printer detail (~2.5 KB, the polled endpoint) with `safeParse` cost ~30 µs per call —
 * more than the JSON parse — because zod builds a full copy of the value and an issue list as it goes.
 * This module walks the schema's definition once (`schema._zod.def`, zod's introspection API) and
 * compiles it into plain closures that only answer "valid?" and copy nothing (loose objects, where the
 * time goes, are checked as fast-check-object.ts says). The zod schema stays the
 * single source of truth: a reply the check accepts is returned as parsed (which is exactly what zod
 * would have returned, since every schema here only checks types and keeps unknown fields), and a
 * reply it rejects goes through `safeParse` for the precise issues of the `ProtocolError`.
 *
 * Only the constructs whose zod output deep-equals their input are compiled: loose objects, arrays,
 * string-keyed records, unions, optional, nullable, string/number/boolean without refinements,
 * unknown, and `z.custom` predicates. Anything else (a refinement, a transform, a default, a strict or
 * stripping object...) makes `compileFastCheck` return undefined, and that schema keeps using zod alone.
 */
import { codeGenerationAllowed, type FieldPlan, objectCheck } from './fast-check-object.js';
import type { SchemaLike } from './schema.js';

export type FastCheck = (value: unknown) => boolean;

/** The part of a zod definition this module reads (see zod's "for library authors" docs). */
interface Definition {
  readonly type: string;
  readonly checks?: readonly unknown[];
  readonly shape?: Readonly<Record<string, SchemaLike>>;
  readonly catchall?: SchemaLike;
  readonly element?: SchemaLike;
  readonly keyType?: SchemaLike;
  readonly valueType?: SchemaLike;
  readonly options?: readonly SchemaLike[];
  readonly innerType?: SchemaLike;
  readonly fn?: (value: unknown) => unknown;
}

const definitionOf = (schema: SchemaLike): Definition => schema._zod.def as unknown as Definition;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Thrown inside the compiler when a construct is not supported; never escapes `compileFastCheck`. */
class NotCompilable extends Error {}

const hasChecks = (def: Definition): boolean => def.checks !== undefined && def.checks.length > 0;

function compile(schema: SchemaLike, generate: boolean): FastCheck {
  const def = definitionOf(schema);
  // Refinements (`.check(...)`) could reject what the type alone accepts: leave those to zod.
  if (hasChecks(def)) throw new NotCompilable(def.type);
  switch (def.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      // zod's number rejects NaN and ±Infinity.
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'unknown':
      return () => true;
    case 'custom': {
      const { fn } = def;
      if (typeof fn !== 'function') throw new NotCompilable('custom without a predicate');
      return (value) => Boolean(fn(value));
    }
    case 'optional': {
      const inner = compile(required(def.innerType), generate);
      return (value) => value === undefined || inner(value);
    }
    case 'nullable': {
      const inner = compile(required(def.innerType), generate);
      return (value) => value === null || inner(value);
    }
    case 'array': {
      const element = compile(required(def.element), generate);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
        return true;
      };
    }
    case 'union': {
      const options = (def.options ?? []).map((option) => compile(option, generate));
      if (options.length === 0) throw new NotCompilable('empty union');
      return (value) => options.some((option) => option(value));
    }
    case 'record': {
      const keyDef = definitionOf(required(def.keyType));
      // Only `record(string, X)`: other key types can reject or demand keys.
      if (keyDef.type !== 'string' || hasChecks(keyDef)) throw new NotCompilable('record key');
      const valueCheck = compile(required(def.valueType), generate);
      return (value) => {
        if (!isPlainObject(value)) return false;
        for (const item of Object.values(value)) if (!valueCheck(item)) return false;
        return true;
      };
    }
    case 'object': {
      // Only loose objects: a plain `object` strips unknown keys, so its output differs from its input.
      if (!def.catchall || definitionOf(def.catchall).type !== 'unknown') throw new NotCompilable('object');
      const fields = Object.entries(def.shape ?? {}).map(([key, field]) => planField(key, field, generate));
      return objectCheck(fields, generate);
    }
    default:
      throw new NotCompilable(def.type);
  }
}

/**
 * A field's `optional`/`nullable` wrappers as flags, then its base: a plain type checked inline or a
 * compiled check. The same answers as `compile(field)`: a wrapper with refinements is compiled (and so
 * declined) as before.
 */
function planField(key: string, field: SchemaLike, generate: boolean): FieldPlan {
  let allowUndefined = false;
  let allowNull = false;
  let base = field;
  let def = definitionOf(base);
  while ((def.type === 'optional' || def.type === 'nullable') && !hasChecks(def)) {
    if (def.type === 'optional') allowUndefined = true;
    else allowNull = true;
    base = required(def.innerType);
    def = definitionOf(base);
  }
  if (!hasChecks(def) && (def.type === 'string' || def.type === 'number' || def.type === 'boolean')) {
    return { key, allowUndefined, allowNull, kind: def.type, check: undefined };
  }
  return { key, allowUndefined, allowNull, kind: 'check', check: compile(base, generate) };
}

function required(schema: SchemaLike | undefined): SchemaLike {
  if (!schema) throw new NotCompilable('incomplete definition');
  return schema;
}

const compiled = new WeakMap<SchemaLike, FastCheck | null>();

/**
 * The compiled check of `schema` (cached), or undefined when the schema uses something this module
 * does not compile. A `true` answer means zod would accept the value and return an equal one.
 */
export function compileFastCheck(schema: SchemaLike): FastCheck | undefined {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compileUncached(schema, codeGenerationAllowed()) ?? null;
    compiled.set(schema, check);
  }
  return check ?? undefined;
}

/**
 * `compileFastCheck` without the cache, with or without generated code (`generate: false` is what a
 * runtime that forbids code generation gets). For tests; not exported from the package.
 */
export function compileUncached(schema: SchemaLike, generate: boolean): FastCheck | undefined {
  try {
    return compile(schema, generate);
  } catch (error) {
    if (!(error instanceof NotCompilable)) throw error;
    return undefined;
  }
}
