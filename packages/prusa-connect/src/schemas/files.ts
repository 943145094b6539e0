/** Files on a printer, its storages, and team files. */
import { z } from 'zod/mini';
import { nullableNumber, PagerSchema } from './common.js';
import { JobFileSchema } from './jobs.js';

/** A file on a printer's storage (same shape as a job's file, plus whatever Connect adds). */
export const PrinterFileSchema = JobFileSchema;
export type PrinterFileEntry = z.infer<typeof PrinterFileSchema>;

/** `GET /app/printers/{uuid}/files?path&limit&offset`. Some clients saw a bare array; see the README. */
export const FileListSchema = z.looseObject({
  files: z.array(PrinterFileSchema),
  pager: z.optional(PagerSchema),
});
export type FileList = z.infer<typeof FileListSchema>;

export interface FilesQuery {
  /** Folder to list, e.g. `/usb`. */
  path?: string;
  limit?: number;
  offset?: number;
}

/** `DELETE /app/printers/{uuid}/files` body. */
export interface DeleteFilesBody {
  files: readonly string[];
}

/** One storage; Connect spells its location `path` or `mountpoint`. `free_space` in bytes. */
export const StorageSchema = z.looseObject({
  path: z.optional(z.nullable(z.string())),
  mountpoint: z.optional(z.nullable(z.string())),
  name: z.optional(z.nullable(z.string())),
  type: z.optional(z.nullable(z.string())),
  free_space: z.optional(nullableNumber),
  read_only: z.optional(z.boolean()),
});
export type Storage = z.infer<typeof StorageSchema>;

export const StorageListSchema = z.looseObject({ storages: z.array(StorageSchema) });
export type StorageList = z.infer<typeof StorageListSchema>;

/** `GET /app/teams/{team}/files`: team storage (uploaded files), keyed by `hash`. */
export const TeamFileListSchema = z.looseObject({
  files: z.array(PrinterFileSchema),
  pager: z.optional(PagerSchema),
});
export type TeamFileList = z.infer<typeof TeamFileListSchema>;
