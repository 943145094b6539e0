/** Files on a printer, its storages, and team files. */
import * as z from 'zod/mini';
import { nullableNumber, PagerSchema } from './schemas.js';
import { JobFileSchema } from './schemas-jobs.js';

/** A file on a printer's storage (same shape as a job's file, plus whatever Connect adds). */
export const PrinterFileSchema = JobFileSchema;

/** `GET /app/printers/{uuid}/files?path&limit&offset`. Some clients saw a bare array; see the README. */
export const FileListSchema = z.looseObject({
  files: z.array(PrinterFileSchema),
  pager: z.optional(PagerSchema),
});

/** One storage; Connect spells its location `path` or `mountpoint`. `free_space` in bytes. */
export const StorageSchema = z.looseObject({
  path: z.optional(z.nullable(z.string())),
  mountpoint: z.optional(z.nullable(z.string())),
  name: z.optional(z.nullable(z.string())),
  type: z.optional(z.nullable(z.string())),
  free_space: z.optional(nullableNumber),
  read_only: z.optional(z.boolean()),
});

export const StorageListSchema = z.looseObject({ storages: z.array(StorageSchema) });

/** `GET /app/teams/{team}/files`: team storage (uploaded files), keyed by `hash`. */
export const TeamFileListSchema = z.looseObject({
  files: z.array(PrinterFileSchema),
  pager: z.optional(PagerSchema),
});
