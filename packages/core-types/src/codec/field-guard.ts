import { ProtocolError } from '../errors.js';

/** A wire field that could not be used, and why. */
export interface FieldProblem {
  readonly field: string;
  readonly expected: string;
  readonly value: unknown;
}

export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Checks the values a status mapping takes from the wire, one field at a time: a field of the wrong
 * type, not finite, or out of range is dropped (the getter returns undefined) and remembered, so the
 * rest of the report is still used and the caller can report every problem in one `ProtocolError`.
 * An absent field (`undefined` or `null`) is not a problem: printers omit what they do not know.
 */
export class FieldGuard {
  readonly problems: FieldProblem[] = [];

  /** A finite number within `range`, or undefined. */
  number(field: string, value: unknown, range: NumberRange = {}): number | undefined {
    if (value === undefined || value === null) return undefined;
    const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = range;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
    return this.reject(field, describeRange(min, max), value);
  }

  /** `value × factor` when that is a finite number within `range` (unit conversions overflow: 1e308 × 60). */
  scaled(field: string, value: unknown, factor: number, range: NumberRange = {}): number | undefined {
    const number = this.number(field, value);
    if (number === undefined) return undefined;
    return this.number(field, number * factor, range);
  }

  /** A string, or undefined. */
  string(field: string, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    return this.reject(field, 'a string', value);
  }

  /** One `ProtocolError` naming every dropped field, or undefined when all were usable. */
  toError(what: string, operation?: string): ProtocolError | undefined {
    if (this.problems.length === 0) return undefined;
    const fields = this.problems.map((problem) => `${problem.field} (expected ${problem.expected})`);
    return new ProtocolError(`Dropped unusable fields of ${what}: ${fields.join(', ')}`, {
      payload: Object.fromEntries(this.problems.map((problem) => [problem.field, problem.value])),
      ...(operation === undefined ? {} : { operation }),
    });
  }

  private reject(field: string, expected: string, value: unknown): undefined {
    this.problems.push({ field, expected, value });
    return undefined;
  }
}

function describeRange(min: number, max: number): string {
  if (min === Number.NEGATIVE_INFINITY && max === Number.POSITIVE_INFINITY) return 'a finite number';
  if (max === Number.POSITIVE_INFINITY) return `a finite number >= ${min}`;
  if (min === Number.NEGATIVE_INFINITY) return `a finite number <= ${max}`;
  return `a number in ${min}..${max}`;
}
