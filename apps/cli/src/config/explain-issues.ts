/**
 * zod issues as short lines that point at the bad field: `printers[1].port: expected a number, got "7125"`.
 */
import type { z } from 'zod';

type PathKey = PropertyKey;

export function formatPath(path: readonly PathKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text.length === 0 ? String(key) : `.${String(key)}`;
  }
  return text;
}

function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function explainIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path);
  const prefix = where.length > 0 ? `${where}: ` : '';
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'array' ? 'list' : issue.expected;
      if (value === undefined) return `${prefix}missing (expected ${withArticle(expected)})`;
      return `${prefix}expected ${withArticle(expected)}, got ${describeValue(value)}`;
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`).join('; ');
    case 'invalid_union': {
      // A discriminated union names its discriminator and the values it knows.
      const known = (issue as { options?: unknown }).options;
      if (Array.isArray(known))
        return `${prefix}expected one of ${known.join(', ')}, got ${describeValue(value)}`;
      return `${prefix}${issue.message}`;
    }
    case 'invalid_value':
      return `${prefix}expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(value)}`;
    case 'too_small':
    case 'too_big':
      return `${prefix}${issue.message.replace(/^Too (small|big): /, '')}`;
    default:
      return `${prefix}${issue.message}`;
  }
}

export function explainIssues(error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => explainIssue(issue, input));
}
