import type { SchemaIssues } from './schema.js';

/**
 * The first problems of a failed validation, briefly, for an error message:
 * `status.extruder: expected object; result.state: expected string`.
 */
export function describeIssues(error: SchemaIssues, max = 3): string {
  if (error.issues.length === 0) return 'invalid';
  const shown = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (+${more} more)` : shown.join('; ');
}
