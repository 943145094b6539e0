/** Printer queue and download queue: `{planned_jobs, pager}`. */
import * as z from 'zod/mini';
import { nullableNumber, PagerSchema } from './schemas.js';

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

export const QueueSchema = z.looseObject({
  planned_jobs: z.array(PlannedJobSchema),
  pager: z.optional(PagerSchema),
});
