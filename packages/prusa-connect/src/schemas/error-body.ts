import { z } from 'zod/mini';
import { openEnum } from './common.js';

/** Error codes seen in Connect's error bodies (the protocol notes); others are kept as sent. */
export const CONNECT_ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'NOT_FOUND_PRINTER',
  'NOT_FOUND_ENDPOINT',
  'NOT_FOUND_CAMERA',
  'NOT_FOUND_TEAM',
  'NOT_FOUND',
  'CONFLICT_COMMAND',
  'CONFLICT',
] as const;

/** `{"code": "...", "message": "...", "reason"?: "..."}` — the body of every Connect error reply. */
export const ConnectErrorBodySchema = z.looseObject({
  code: openEnum(CONNECT_ERROR_CODES),
  message: z.optional(z.string()),
  reason: z.optional(z.nullable(z.string())),
});
export type ConnectErrorBody = z.infer<typeof ConnectErrorBodySchema>;
