/**
 * The two-step upload PrusaSlicer uses:
 * 1. `POST /app/users/teams/{team}/uploads` `{destination, filename, size, printer_uuid?}` → an upload id;
 * 2. `PUT /app/teams/{team}/files/raw?upload_id={id}` with the raw bytes, streamed as given, with
 *    `Content-Type` and `Upload-Size` (bytes) → the stored file (with its `hash`).
 * If step 2 fails, the upload is aborted (`POST /app/uploads/{id}/abort`) before the error is thrown,
 * so no half-written upload lingers in the team's list. Neither step is ever retried on its own.
 */

import { InvalidArgumentError } from '@printkit/core-types';
import type { Upload, UploadedFile } from '../protocol/wire.js';
import type { HttpBody } from './http.js';
import type { CallOptions, Requester } from './request.js';

/** Default deadline of the byte transfer (step 2): ten minutes; pass `timeoutMs` for larger files. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 600_000;

/** The upload data: bytes (size known), or a stream (a Node `Readable`, any async iterable) with its size. */
export type UploadData =
  | { data: Uint8Array; size?: number }
  | { data: AsyncIterable<Uint8Array>; size: number };

export type PutUploadOptions = CallOptions & {
  /** Default `text/x.gcode` for G-code, `application/octet-stream` for anything else (bgcode). */
  contentType?: string;
} & UploadData;

export type UploadFileOptions = PutUploadOptions & {
  teamId: number;
  filename: string;
  /** Folder on the printer's storage. Default `/usb/`. */
  destination?: string;
  /** Makes Connect send the file on to this printer. */
  printerUuid?: string;
};

export interface UploadFileResult {
  upload: Upload;
  /** Step 2's reply (the stored file, with its `hash`), when Connect sent one. */
  file: UploadedFile | undefined;
  /** Where the file lands on the printer (`upload.path`, else destination + filename): what START_PRINT takes. */
  path: string;
}

export function defaultContentType(filename: string): string {
  return /\.(gcode|gco|g)$/i.test(filename) ? 'text/x.gcode' : 'application/octet-stream';
}

function sizeOf(upload: UploadData): number {
  if (upload.size !== undefined) return upload.size;
  if (upload.data instanceof Uint8Array) return upload.data.byteLength;
  throw new InvalidArgumentError('A streamed upload needs its size in bytes (Upload-Size)', {
    argument: 'size',
  });
}

export function putUpload(
  request: Requester,
  teamId: number,
  uploadId: number,
  options: PutUploadOptions & { filename?: string },
): Promise<UploadedFile | undefined> {
  const size = sizeOf(options);
  return request(
    'uploads.put',
    {
      path: { teamId },
      query: { upload_id: uploadId },
      body: options.data as HttpBody,
      headers: {
        'content-type': options.contentType ?? defaultContentType(options.filename ?? ''),
        'upload-size': String(size),
      },
    },
    { ...options, timeoutMs: options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS },
  );
}

export async function uploadFile(request: Requester, options: UploadFileOptions): Promise<UploadFileResult> {
  const { teamId, filename } = options;
  const destination = options.destination ?? '/usb/';
  const size = sizeOf(options);
  const upload = await request(
    'uploads.create',
    {
      path: { teamId },
      body: {
        destination,
        filename,
        size,
        ...(options.printerUuid ? { printer_uuid: options.printerUuid } : {}),
      },
    },
    { signal: options.signal },
  );
  let file: UploadedFile | undefined;
  try {
    file = await putUpload(request, teamId, upload.id, { ...options, size });
  } catch (error) {
    // Best effort: the PUT's error is what the caller needs, not the abort's.
    await request('uploads.abort', { path: { uploadId: upload.id } }, { timeoutMs: 5_000 }).catch(() => {});
    throw error;
  }
  const path = upload.path ?? file?.path ?? `${destination.replace(/\/?$/, '/')}${filename}`;
  return { upload, file, path };
}
