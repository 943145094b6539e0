/** Printer queue and download queue: `{planned_jobs, pager}`. */
import { z } from 'zod/mini';
import { nullableNumber, PagerSchema } from './common.js';

/** A job waiting in the queue. Shape only partly captured (the seed saw empty queues). */
export const PlannedJobSchema = z.looseObject({
  id: z.optional(z.number()),
  path: z.optional(z.nullable(z.string())),
  hash: z.optional(z.nullable(z.string())),
  team_id: z.optional(z.number()),
  position: z.optional(nullableNumber),
  set_ready: z.optional(z.boolean()),
  wait_until: z.optional(nullableNumber),
  state: z.optional(z.string()),
});
export type PlannedJob = z.infer<typeof PlannedJobSchema>;

export const QueueSchema = z.looseObject({
  planned_jobs: z.array(PlannedJobSchema),
  pager: z.optional(PagerSchema),
});
export type Queue = z.infer<typeof QueueSchema>;

/**
 * `POST /app/printers/{uuid}/queue`: a file on the printer (`path`) or in team storage
 * (`hash` + `team_id`); `position` 0 = front, -1 = end; `wait_until` Unix seconds.
 */
export type QueueAddBody = (
  | { path: string; hash?: never; team_id?: never }
  | { hash: string; team_id: number; path?: string }
) & {
  position?: number;
  set_ready?: boolean;
  wait_until?: number;
};

/** Reply of `POST .../queue`: not captured; kept as sent (may be empty). */
export const QueueAddReplySchema = z.optional(z.unknown());
