/** The two-step upload: `POST /app/users/teams/{team}/uploads` then `PUT /app/teams/{team}/files/raw?upload_id=`. */
import * as z from 'zod/mini';
import { openEnum, PagerSchema } from './schemas.js';

export const UPLOAD_STATES = ['INITIATED', 'UPLOADING', 'FINISHED', 'ABORTED', 'FAILED'] as const;

/** An upload as Connect describes it. `size` in bytes. */
export const UploadSchema = z.looseObject({
  id: z.number(),
  team_id: z.optional(z.number()),
  name: z.optional(z.string()),
  size: z.optional(z.number()),
  hash: z.optional(z.nullable(z.string())),
  state: z.optional(openEnum(UPLOAD_STATES)),
  path: z.optional(z.nullable(z.string())),
  destination: z.optional(z.nullable(z.string())),
  printer_uuid: z.optional(z.nullable(z.string())),
});

export const UploadListSchema = z.looseObject({
  uploads: z.array(UploadSchema),
  pager: z.optional(PagerSchema),
});

/** Reply of step 2 (`PUT .../files/raw`): carries the stored file's `hash`. */
export const UploadedFileSchema = z.looseObject({
  hash: z.optional(z.nullable(z.string())),
  name: z.optional(z.string()),
  size: z.optional(z.number()),
  path: z.optional(z.nullable(z.string())),
  team_id: z.optional(z.number()),
});
