import { describeIssue } from './describe-issue.js';
import { malformedResult } from './errors.js';
import { type MethodResult, type MoonrakerMethod, RESULT_SCHEMAS } from './methods.js';
import { RESULT_CHECKS, UNCHECKED } from './result-checks.js';

/**
 * Validates a method's result; a mismatch rejects the call with a `ProtocolError`. The frequent
 * results go through a hand-written check first (`result-checks.ts`); the schema has the last word.
 */
export function parseResult<M extends MoonrakerMethod>(method: M, raw: unknown): MethodResult<M> {
  const check = RESULT_CHECKS[method];
  if (check !== undefined) {
    const checked = check(raw);
    if (checked !== UNCHECKED) return checked as MethodResult<M>;
  }
  const parsed = RESULT_SCHEMAS[method].safeParse(raw);
  if (!parsed.success) throw malformedResult(method, raw, describeIssue(parsed.error));
  return parsed.data as MethodResult<M>;
}
