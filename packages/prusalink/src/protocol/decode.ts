/**
 * Reply bodies → values: JSON text → the endpoint's validated value (unknown enum values mapped to
 * `'unknown'` + `<field>_raw`), or a `ProtocolError`.
 */
import { ProtocolError } from '@printkit/core-types';
import { decodeWith, lenientEnum } from '@printkit/core-types/codec';
import type * as z from 'zod/mini';
import {
  CameraListSchema,
  ErrorBodySchema,
  FileInfoSchema,
  InfoSchema,
  JobSchema,
  LegacyFilesSchema,
  LegacyJobSchema,
  LegacyPrinterSchema,
  StatusSchema,
  StorageListSchema,
  TransferSchema,
  VersionSchema,
} from './schemas.js';
import {
  type Camera,
  type ErrorBody,
  FILE_TYPES,
  type FileEntry,
  type FileInfo,
  type Info,
  JOB_STATE_NAMES,
  type Job,
  type LegacyFiles,
  type LegacyJob,
  type LegacyPrinter,
  PRINTER_STATE_NAMES,
  STORAGE_TYPES,
  type Status,
  type StorageList,
  TRANSFER_TYPES,
  type Transfer,
  type Version,
} from './wire.js';

/** Parses a JSON body; a `ProtocolError` when it is not JSON. */
export function parseJson(text: string, operation: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ProtocolError(`${operation} answered with a body that is not JSON`, {
      operation,
      payload: text,
      cause,
    });
  }
}

function check<S extends z.ZodMiniType>(schema: S, json: unknown, operation: string): z.output<S> {
  const decoded = decodeWith(schema, json, { what: `reply of ${operation}`, operation });
  if (!decoded.ok) throw decoded.error;
  return decoded.value as z.output<S>;
}

export type Decoder<T> = (json: unknown, operation: string) => T;

export const decodeVersion: Decoder<Version> = (json, op) => check(VersionSchema, json, op);
export const decodeInfo: Decoder<Info> = (json, op) => check(InfoSchema, json, op);

export const decodeStatus: Decoder<Status> = (json, op) => {
  const status = check(StatusSchema, json, op);
  return { ...status, printer: lenientEnum(status.printer, 'state', PRINTER_STATE_NAMES) } as Status;
};

export const decodeJob: Decoder<Job> = (json, op) =>
  lenientEnum(check(JobSchema, json, op), 'state', JOB_STATE_NAMES);

export const decodeStorageList: Decoder<StorageList> = (json, op) => {
  const list = check(StorageListSchema, json, op);
  return { ...list, storage_list: list.storage_list.map((s) => lenientEnum(s, 'type', STORAGE_TYPES)) };
};

export const decodeTransfer: Decoder<Transfer> = (json, op) =>
  lenientEnum(check(TransferSchema, json, op), 'type', TRANSFER_TYPES);

export const decodeFileInfo: Decoder<FileInfo> = (json, op) => {
  const info = check(FileInfoSchema, json, op);
  const children = info.children?.map((child) => lenientEnum(child, 'type', FILE_TYPES) as FileEntry);
  return { ...lenientEnum(info, 'type', FILE_TYPES), children } as FileInfo;
};

export const decodeCameras: Decoder<Camera[]> = (json, op) => check(CameraListSchema, json, op);
export const decodeLegacyPrinter: Decoder<LegacyPrinter> = (json, op) => check(LegacyPrinterSchema, json, op);
export const decodeLegacyJob: Decoder<LegacyJob> = (json, op) => check(LegacyJobSchema, json, op);
export const decodeLegacyFiles: Decoder<LegacyFiles> = (json, op) => check(LegacyFilesSchema, json, op);

/** The spec's `Error` object, or undefined when the body is not one (plain text, HTML). */
export function decodeErrorBody(text: string): ErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const decoded = decodeWith(ErrorBodySchema, json, { what: 'error body' });
  return decoded.ok ? decoded.value : undefined;
}
