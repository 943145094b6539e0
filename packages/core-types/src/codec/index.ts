/**
 * Codec helpers shared by the vendor packages: validating wire values against their (zod/mini)
 * schemas, lenient enums, own-property lookups and per-field checks for status mapping. Exported as
 * `@printkit/core-types/codec` for printkit's vendor packages; app code rarely needs it.
 */
export { type DecodeContext, type Decoded, decodeWith } from './decode.js';
export { describeIssues } from './describe-issues.js';
export { compileFastCheck, type FastCheck } from './fast-check.js';
export { FieldGuard, type FieldProblem, type NumberRange } from './field-guard.js';
export { knownOr, lenientEnum, type WithLenientEnum } from './lenient-enum.js';
export { hasOwnKey, lookupTable, ownValue } from './own.js';
export type { SafeParseResult, SchemaIssue, SchemaIssues, SchemaLike, SchemaOutput } from './schema.js';
