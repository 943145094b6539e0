/**
 * Wire types: what PrusaLink sends, field names as on the wire (`temp_nozzle`, `time_remaining`,
 * `m_timestamp`), units as the spec gives them (temperatures °C, times s, `progress` in percent,
 * `m_timestamp` in s since the epoch). Enum-like fields hold a known value or `'unknown'`, with the
 * wire value in `<field>_raw`.
 */
import type { WithLenientEnum } from '@printkit/core-types/codec';
import type * as z from 'zod/mini';
import type {
  CameraSchema,
  ErrorBodySchema,
  FileEntrySchema,
  FileInfoSchema,
  InfoSchema,
  JobFileSchema,
  JobSchema,
  LegacyFilesSchema,
  LegacyJobSchema,
  LegacyPrinterSchema,
  StatusJobSchema,
  StatusPrinterSchema,
  StatusSchema,
  StatusStorageSchema,
  StatusTransferSchema,
  StorageSchema,
  TransferSchema,
  VersionSchema,
} from './schemas.js';

/** `/api/v1/status` `printer.state` (spec StatusPrinter; READY is set from Prusa Connect). */
export const PRINTER_STATE_NAMES = [
  'IDLE',
  'BUSY',
  'PRINTING',
  'PAUSED',
  'FINISHED',
  'STOPPED',
  'ERROR',
  'ATTENTION',
  'READY',
] as const;
export type PrinterStateName = (typeof PRINTER_STATE_NAMES)[number];

/** `/api/v1/job` `state`. */
export const JOB_STATE_NAMES = ['PRINTING', 'PAUSED', 'FINISHED', 'STOPPED', 'ERROR'] as const;
export type JobStateName = (typeof JOB_STATE_NAMES)[number];

export const STORAGE_TYPES = ['LOCAL', 'SDCARD', 'USB'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

export const FILE_TYPES = ['PRINT_FILE', 'FIRMWARE', 'FILE', 'FOLDER'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const TRANSFER_TYPES = [
  'NO_TRANSFER',
  'FROM_WEB',
  'FROM_CONNECT',
  'FROM_PRINTER',
  'FROM_SLICER',
  'FROM_CLIENT',
  'TO_CONNECT',
  'TO_CLIENT',
] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

/** `T` with `K` replaced by `V` (not `Omit`, which drops every known key of a loose object type). */
type Replace<T, K extends string, V> = { [P in keyof T as P extends K ? never : P]: T[P] } & { [P in K]: V };

export type Version = z.infer<typeof VersionSchema>;
export type Info = z.infer<typeof InfoSchema>;
export type StatusPrinter = WithLenientEnum<z.infer<typeof StatusPrinterSchema>, 'state', PrinterStateName>;
export type StatusJob = z.infer<typeof StatusJobSchema>;
export type StatusTransfer = z.infer<typeof StatusTransferSchema>;
export type StatusStorage = z.infer<typeof StatusStorageSchema>;
export type Status = Replace<z.infer<typeof StatusSchema>, 'printer', StatusPrinter>;
export type JobFile = z.infer<typeof JobFileSchema>;
export type Job = WithLenientEnum<z.infer<typeof JobSchema>, 'state', JobStateName>;
export type Storage = WithLenientEnum<z.infer<typeof StorageSchema>, 'type', StorageType>;
export interface StorageList {
  storage_list: Storage[];
}
export type Transfer = WithLenientEnum<z.infer<typeof TransferSchema>, 'type', TransferType>;
export type FileEntry = WithLenientEnum<z.infer<typeof FileEntrySchema>, 'type', FileType>;
export type FileInfo = Replace<
  WithLenientEnum<z.infer<typeof FileInfoSchema>, 'type', FileType>,
  'children',
  FileEntry[] | null | undefined
>;
export type Camera = z.infer<typeof CameraSchema>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export type LegacyPrinter = z.infer<typeof LegacyPrinterSchema>;
export type LegacyJob = z.infer<typeof LegacyJobSchema>;
export type LegacyFiles = z.infer<typeof LegacyFilesSchema>;

/** `HEAD /api/v1/files/{storage}/{path}`: the spec's two headers. */
export interface FileHead {
  readOnly: boolean | undefined;
  currentlyPrinted: boolean | undefined;
}

/** A camera snapshot (`/api/v1/cameras/snap`): the image bytes as sent, or `undefined` on 204. */
export interface Snapshot {
  contentType: string;
  data: Uint8Array;
}

/** Body of the legacy `POST /api/job` (OctoPrint's job command). */
export type LegacyJobCommand =
  | { command: 'pause'; action: 'pause' | 'resume' }
  | { command: 'cancel' }
  | { command: 'start' };

/** Which API a printer speaks: `v1` (`/api/v1/...`) or `legacy` (OctoPrint-like, PrusaLink 0.9). */
export type Dialect = 'v1' | 'legacy';
