/**
 * The Moonraker method table: one entry per JSON-RPC method, mapping its wire name to its params
 * and result. `client.call(method, params, options)` is generic over it, both transports share it,
 * and every convenience method is a one-liner over `call`. Adding an endpoint is one entry here,
 * one schema in `RESULT_SCHEMAS` and one route in `http-routes.ts`.
 *
 * Params and results use wire names and wire units (seconds, °C, bytes, Unix times in seconds).
 */
import type * as z from 'zod/mini';
import type { KlipperStatus, ObjectsRequest } from './objects.js';
import {
  EndstopsResult,
  FileActionResult,
  FileListResult,
  FileMetadataResult,
  GcodeHelpResult,
  GcodeStoreResult,
  HistoryListResult,
  IdentifyResult,
  JobQueueStatusResult,
  ObjectsListResult,
  ObjectsStatusResult,
  OkResult,
  PrinterInfoResult,
  ServerInfoResult,
  SystemInfoResult,
  TemperatureStoreResult,
} from './schemas.js';

export type ClientType = 'web' | 'mobile' | 'desktop' | 'display' | 'bot' | 'agent' | 'other';

export interface IdentifyParams {
  client_name: string;
  version: string;
  type: ClientType;
  url: string;
  /** Sent only when set; never logged. */
  api_key?: string;
  /** A JWT from `/access/login`; sent only when set; never logged. */
  access_token?: string;
}

export interface ObjectsParams {
  objects: ObjectsRequest;
}

export interface HistoryListParams {
  limit?: number;
  start?: number;
  /** Unix time in seconds. */
  since?: number;
  /** Unix time in seconds. */
  before?: number;
  order?: 'asc' | 'desc';
}

/** The answer to a query or subscribe: Klipper's `eventtime` (seconds, monotonic) and the objects. */
export interface ObjectsStatus {
  eventtime: number;
  status: KlipperStatus;
}

export interface MoonrakerMethods {
  'printer.info': { params: undefined; result: z.output<typeof PrinterInfoResult> };
  'printer.emergency_stop': { params: undefined; result: string };
  'printer.restart': { params: undefined; result: string };
  'printer.firmware_restart': { params: undefined; result: string };
  'printer.objects.list': { params: undefined; result: z.output<typeof ObjectsListResult> };
  'printer.objects.query': { params: ObjectsParams; result: ObjectsStatus };
  /** WebSocket only. A new subscribe replaces the previous one; `{ objects: {} }` cancels. */
  'printer.objects.subscribe': { params: ObjectsParams; result: ObjectsStatus };
  'printer.query_endstops.status': { params: undefined; result: z.output<typeof EndstopsResult> };
  'printer.gcode.script': { params: { script: string }; result: string };
  'printer.gcode.help': { params: undefined; result: z.output<typeof GcodeHelpResult> };
  'printer.print.start': { params: { filename: string }; result: string };
  'printer.print.pause': { params: undefined; result: string };
  'printer.print.resume': { params: undefined; result: string };
  'printer.print.cancel': { params: undefined; result: string };
  /** WebSocket only; once per connection. */
  'server.connection.identify': { params: IdentifyParams; result: z.output<typeof IdentifyResult> };
  'server.info': { params: undefined; result: z.output<typeof ServerInfoResult> };
  'server.files.list': { params: { root?: string } | undefined; result: z.output<typeof FileListResult> };
  'server.files.metadata': { params: { filename: string }; result: z.output<typeof FileMetadataResult> };
  /** `path` includes the root: `gcodes/cube.gcode`. */
  'server.files.delete_file': { params: { path: string }; result: z.output<typeof FileActionResult> };
  'server.history.list': {
    params: HistoryListParams | undefined;
    result: z.output<typeof HistoryListResult>;
  };
  'server.job_queue.status': { params: undefined; result: z.output<typeof JobQueueStatusResult> };
  'server.gcode_store': { params: { count?: number } | undefined; result: z.output<typeof GcodeStoreResult> };
  'server.temperature_store': {
    params: { include_monitors?: boolean } | undefined;
    result: z.output<typeof TemperatureStoreResult>;
  };
  'machine.system_info': { params: undefined; result: z.output<typeof SystemInfoResult> };
}

export type MoonrakerMethod = keyof MoonrakerMethods;
export type MethodParams<M extends MoonrakerMethod> = MoonrakerMethods[M]['params'];
export type MethodResult<M extends MoonrakerMethod> = MoonrakerMethods[M]['result'];

/** Validates each method's result; the schema's output is the method's result type. */
export const RESULT_SCHEMAS: { [M in MoonrakerMethod]: z.ZodMiniType<unknown> } = {
  'printer.info': PrinterInfoResult,
  'printer.emergency_stop': OkResult,
  'printer.restart': OkResult,
  'printer.firmware_restart': OkResult,
  'printer.objects.list': ObjectsListResult,
  'printer.objects.query': ObjectsStatusResult,
  'printer.objects.subscribe': ObjectsStatusResult,
  'printer.query_endstops.status': EndstopsResult,
  'printer.gcode.script': OkResult,
  'printer.gcode.help': GcodeHelpResult,
  'printer.print.start': OkResult,
  'printer.print.pause': OkResult,
  'printer.print.resume': OkResult,
  'printer.print.cancel': OkResult,
  'server.connection.identify': IdentifyResult,
  'server.info': ServerInfoResult,
  'server.files.list': FileListResult,
  'server.files.metadata': FileMetadataResult,
  'server.files.delete_file': FileActionResult,
  'server.history.list': HistoryListResult,
  'server.job_queue.status': JobQueueStatusResult,
  'server.gcode_store': GcodeStoreResult,
  'server.temperature_store': TemperatureStoreResult,
  'machine.system_info': SystemInfoResult,
};

export const METHOD_NAMES = Object.keys(RESULT_SCHEMAS) as MoonrakerMethod[];

/** `{ signal?, timeoutMs? }` as in every printkit client; defaults come from the client options. */
export type { RequestOptions as CallOptions } from '@printkit/core-types';

/** The arguments of `call(method, ...)`: params are optional exactly when the method takes none. */
export type CallArgs<M extends MoonrakerMethod> =
  undefined extends MethodParams<M>
    ? [params?: MethodParams<M>, options?: import('@printkit/core-types').RequestOptions]
    : [params: MethodParams<M>, options?: import('@printkit/core-types').RequestOptions];
