import { describeIssue } from './describe-issue.js';
import { malformedResult } from './errors.js';
import { type MethodResult, type MoonrakerMethod, RESULT_SCHEMAS } from './methods.js';

/** Validates a method's result against its schema; a mismatch rejects the call with a `ProtocolError`. */
export function parseResult<M extends MoonrakerMethod>(method: M, raw: unknown): MethodResult<M> {
  const parsed = RESULT_SCHEMAS[method].safeParse(raw);
  if (!parsed.success) throw malformedResult(method, raw, describeIssue(parsed.error));
  return parsed.data as MethodResult<M>;
}
