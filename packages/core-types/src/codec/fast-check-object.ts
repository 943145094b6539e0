/**
 * The fast check of a loose object — where nearly all of a reply check's time goes (a printer detail
 * is ~30 fields, each optional and most of them a plain string/number/boolean).
 *
 * A field's `optional`/`nullable` wrappers are folded into two flags and a plain type is tested inline,
 * so most fields cost no call at all. Where the runtime allows it (not under a CSP without
 * `unsafe-eval`; zod makes the same choice for its own parsers), the per-field steps are written out
 * once as one function per object schema: each field read is then a named property load with its own
 * inline cache instead of a megamorphic keyed load in a shared loop, ~10× faster on that detail. The
 * generated text holds nothing but fixed code and the schema's own key names (as JSON string
 * literals); wire data never reaches it. Without code generation the same plan runs as a loop.
 */

import type { FastCheck as ValueCheck } from './fast-check.js';

/** How one field is checked: `undefined`/`null` when a wrapper allows them, then its base type. */
export interface FieldPlan {
  readonly key: string;
  readonly allowUndefined: boolean;
  readonly allowNull: boolean;
  /** A plain type tested inline, or `check` for anything else (a nested object, an array...). */
  readonly kind: 'string' | 'number' | 'boolean' | 'check';
  readonly check: ValueCheck | undefined;
}

const UNDEFINED_OK = 1;
const NULL_OK = 2;
const KIND_CHECK = 0;
const KIND_STRING = 1;
const KIND_NUMBER = 2;
const KIND_BOOLEAN = 3;
const KIND_CODES = { check: KIND_CHECK, string: KIND_STRING, number: KIND_NUMBER, boolean: KIND_BOOLEAN };

/** The plan run as a loop (no code generation). */
function loopCheck(fields: readonly FieldPlan[]): ValueCheck {
  const keys = fields.map((field) => field.key);
  const flags = Int32Array.from(
    fields,
    (field) => (field.allowUndefined ? UNDEFINED_OK : 0) | (field.allowNull ? NULL_OK : 0),
  );
  const kinds = Int32Array.from(fields, (field) => KIND_CODES[field.kind]);
  const checks = fields.map((field) => field.check);
  const count = keys.length;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (let i = 0; i < count; i++) {
      const item = record[keys[i] as string];
      const flag = flags[i] as number;
      if (item === undefined) {
        if ((flag & UNDEFINED_OK) !== 0) continue;
        // zod: a key that is not optional must be there, even when its schema takes undefined.
        if (!((keys[i] as string) in record)) return false;
      } else if (item === null && (flag & NULL_OK) !== 0) continue;
      switch (kinds[i]) {
        case KIND_STRING:
          if (typeof item !== 'string') return false;
          break;
        case KIND_NUMBER:
          // zod's number rejects NaN and ±Infinity.
          if (typeof item !== 'number' || !Number.isFinite(item)) return false;
          break;
        case KIND_BOOLEAN:
          if (typeof item !== 'boolean') return false;
          break;
        default:
          if (!(checks[i] as ValueCheck)(item)) return false;
      }
    }
    return true;
  };
}

/** When `item` fails its field's base type (the generated text of one kind). */
const failsKind = (field: FieldPlan, index: number): string => {
  switch (field.kind) {
    case 'string':
      return 'typeof item !== "string"';
    case 'number':
      return '(typeof item !== "number" || !isFinite(item))';
    case 'boolean':
      return 'typeof item !== "boolean"';
    default:
      return `!checks[${index}](item)`;
  }
};

/** The plan written out as one function (see the module comment); the same answers as `loopCheck`. */
function generatedCheck(fields: readonly FieldPlan[]): ValueCheck {
  const lines = [
    'if (typeof value !== "object" || value === null || isArray(value)) return false;',
    'let item;',
  ];
  fields.forEach((field, index) => {
    // JSON.stringify makes any key a valid, inert string literal.
    const key = JSON.stringify(field.key);
    lines.push(`item = value[${key}];`);
    // zod: a key that is not optional must be there, even when its schema takes undefined (a plain
    // type never does, so only other checks need this).
    if (!field.allowUndefined && field.kind === 'check') {
      lines.push(`if (item === undefined && !(${key} in value)) return false;`);
    }
    const fails = [failsKind(field, index)];
    if (field.allowNull) fails.unshift('item !== null');
    if (field.allowUndefined) fails.unshift('item !== undefined');
    lines.push(`if (${fails.join(' && ')}) return false;`);
  });
  lines.push('return true;');
  const make = new Function(
    'checks',
    'isArray',
    'isFinite',
    `"use strict"; return function objectCheck(value) {\n${lines.join('\n')}\n};`,
  ) as (checks: readonly (ValueCheck | undefined)[], isArray: unknown, finite: unknown) => ValueCheck;
  return make(
    fields.map((field) => field.check),
    Array.isArray,
    Number.isFinite,
  );
}

let generationAllowed: boolean | undefined;

/** Whether this runtime lets code be generated (a CSP without `unsafe-eval` forbids it). */
export function codeGenerationAllowed(): boolean {
  if (generationAllowed === undefined) {
    try {
      generationAllowed = new Function('return true')() === true;
    } catch {
      generationAllowed = false;
    }
  }
  return generationAllowed;
}

/** The check of a loose object with these fields (unknown keys are allowed and kept). */
export function objectCheck(fields: readonly FieldPlan[], generate: boolean): ValueCheck {
  if (generate) {
    try {
      return generatedCheck(fields);
    } catch {
      // Refused at run time after all (a CSP): the loop gives the same answers.
    }
  }
  return loopCheck(fields);
}
