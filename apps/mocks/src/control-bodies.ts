/** Request bodies the control API accepts, validated at the boundary. */
import type { FaultRule } from '@printkit/printer-sim';
import { z } from 'zod';

const FAULT_KINDS = ['delay', 'drop', 'disconnect', 'malformed', 'error-reply', 'auth-failure'] as const;

/** A printer-sim FaultRule as JSON: `times` may be the string "Infinity" (JSON has no Infinity). */
const faultRuleSchema = z.strictObject({
  operation: z.string().min(1),
  kind: z.enum(FAULT_KINDS),
  times: z.union([z.number().int().min(1), z.literal('Infinity')]).optional(),
  delayMs: z.number().min(0).optional(),
  status: z.number().int().min(100).max(599).optional(),
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  probability: z.number().min(0).max(1).optional(),
});

const printBodySchema = z.strictObject({ file: z.string().min(1).optional() });
const heaterErrorBodySchema = z.strictObject({ heater: z.enum(['nozzle', 'bed']).optional() });

export class BodyError extends Error {
  override readonly name = 'BodyError';
}

/** `times: expected int, received string` style lines, one per problem. */
function explain(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join('; ');
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new BodyError(explain(result.error));
  return result.data;
}

export function parseFaultRule(body: unknown): FaultRule {
  const input = parse(faultRuleSchema, body);
  // Copy only the fields that are present: FaultRule's optional fields do not take `undefined`.
  const rule: FaultRule = { operation: input.operation, kind: input.kind };
  if (input.times !== undefined)
    rule.times = input.times === 'Infinity' ? Number.POSITIVE_INFINITY : input.times;
  if (input.delayMs !== undefined) rule.delayMs = input.delayMs;
  if (input.status !== undefined) rule.status = input.status;
  if (input.code !== undefined) rule.code = input.code;
  if (input.message !== undefined) rule.message = input.message;
  if (input.retryAfterSeconds !== undefined) rule.retryAfterSeconds = input.retryAfterSeconds;
  if (input.probability !== undefined) rule.probability = input.probability;
  return rule;
}

export function parsePrintBody(body: unknown): { file?: string } {
  const input = parse(printBodySchema, body);
  return input.file === undefined ? {} : { file: input.file };
}

export function parseHeaterErrorBody(body: unknown): { heater: 'nozzle' | 'bed' } {
  return { heater: parse(heaterErrorBodySchema, body).heater ?? 'nozzle' };
}
