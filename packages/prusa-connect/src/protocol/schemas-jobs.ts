/** Job history: `GET /app/printers/{uuid}/jobs`, `GET .../jobs/{id}`, `PATCH .../jobs/{id}`. */
import * as z from 'zod/mini';
import { nullableNumber, openEnum, PagerSchema } from './schemas.js';
import { jobState } from './schemas-printer.js';

/** One object of the running job that `CANCEL_OBJECT {object_id: id}` can skip. */
export const CancelableObjectSchema = z.looseObject({
  id: z.number(),
  name: z.optional(z.nullable(z.string())),
  polygon: z.optional(z.array(z.unknown())),
  canceled: z.optional(z.boolean()),
});

/**
 * A file as jobs (and file lists) describe it. `size` in bytes. The modification time (Unix seconds)
 * is spelled `m_time` in the captured job files and `m_timestamp` in one SDK's file model: both are
 * read; use `fileModifiedAt()` to get whichever is there.
 */
export const JobFileSchema = z.looseObject({
  type: z.optional(z.string()),
  name: z.optional(z.string()),
  path: z.optional(z.nullable(z.string())),
  display_name: z.optional(z.nullable(z.string())),
  size: z.optional(nullableNumber),
  m_time: z.optional(nullableNumber),
  m_timestamp: z.optional(nullableNumber),
  hash: z.optional(z.nullable(z.string())),
  team_id: z.optional(z.number()),
  meta: z.optional(z.nullable(z.looseObject({}))),
  preview_url: z.optional(z.nullable(z.string())),
  preview_mimetype: z.optional(z.nullable(z.string())),
});

/** A file's modification time in Unix seconds, from `m_time` or `m_timestamp`; undefined if neither. */
export function fileModifiedAt(file: {
  m_time?: number | null | undefined;
  m_timestamp?: number | null | undefined;
}): number | undefined {
  const value = file.m_time ?? file.m_timestamp;
  return typeof value === 'number' ? value : undefined;
}

/**
 * A job of the history or the detail. `progress` is 0–100; times in seconds; `start`/`end` and
 * `ts_started`/`ts_ended` are Unix seconds (both spellings were captured).
 */
export const JobSchema = z.looseObject({
  id: z.number(),
  state: z.optional(jobState),
  progress: z.optional(nullableNumber),
  origin_id: z.optional(z.number()),
  printer_uuid: z.optional(z.string()),
  path: z.optional(z.nullable(z.string())),
  hash: z.optional(z.nullable(z.string())),
  team_id: z.optional(z.number()),
  time_printing: z.optional(nullableNumber),
  time_remaining: z.optional(nullableNumber),
  print_height: z.optional(nullableNumber),
  start: z.optional(nullableNumber),
  end: z.optional(nullableNumber),
  ts_started: z.optional(nullableNumber),
  ts_ended: z.optional(nullableNumber),
  source: z.optional(z.string()),
  mode: z.optional(z.string()),
  file: z.optional(z.nullable(JobFileSchema)),
  files: z.optional(z.array(JobFileSchema)),
  data: z.optional(z.nullable(z.looseObject({}))),
  cancelable: z.optional(z.nullable(z.looseObject({ objects: z.optional(z.array(CancelableObjectSchema)) }))),
  reason: z.optional(z.unknown()),
});

export const JobListSchema = z.looseObject({
  jobs: z.array(JobSchema),
  pager: z.optional(PagerSchema),
});

/** Failure tags of `PATCH .../jobs/{id}` (every value the seed captured). */
export const JOB_FAILURE_TAGS = [
  'CLOGGED_NOZZLE',
  'NON_ADHERENT_BED',
  'UNDER_EXTRUSION',
  'OVER_EXTRUSION',
  'STRINGING_OR_OOZING',
  'GAPS_IN_THIN_WALLS',
  'OVERHEATING',
  'LAYER_SHIFTING',
  'SPAGHETTI_MONSTER',
  'LAYER_SEPARATION',
  'WARPING',
  'POOR_BRIDGING',
  'OTHER',
] as const;
export const jobFailureTag = openEnum(JOB_FAILURE_TAGS);
