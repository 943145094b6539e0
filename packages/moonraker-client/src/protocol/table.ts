/**
 * The Moonraker method table: one entry per JSON-RPC method, mapping its wire name to its params
 * and result. `client.call(method, params, options)` is generic over it, both transports share it,
 * and every convenience method is a one-liner over `call`. Adding an endpoint is one entry here,
 * one decoder in `decode.ts` and one route in `transport/http-routes.ts`.
 *
 * Params and results use wire names and wire units (seconds, °C, bytes, Unix times in seconds).
 */
import type { RequestOptions } from '@printkit/core-types';
import type {
  Endstops,
  FileAction,
  FileList,
  FileMetadata,
  GcodeHelp,
  GcodeStore,
  HistoryList,
  Identified,
  JobQueueStatus,
  ObjectsList,
  ObjectsRequest,
  ObjectsStatus,
  PrinterInfo,
  ServerInfo,
  SystemInfo,
  TemperatureStore,
} from './wire.js';

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

export interface MoonrakerMethods {
  'printer.info': { params: undefined; result: PrinterInfo };
  'printer.emergency_stop': { params: undefined; result: string };
  'printer.restart': { params: undefined; result: string };
  'printer.firmware_restart': { params: undefined; result: string };
  'printer.objects.list': { params: undefined; result: ObjectsList };
  'printer.objects.query': { params: ObjectsParams; result: ObjectsStatus };
  /** WebSocket only. A new subscribe replaces the previous one; `{ objects: {} }` cancels. */
  'printer.objects.subscribe': { params: ObjectsParams; result: ObjectsStatus };
  'printer.query_endstops.status': { params: undefined; result: Endstops };
  'printer.gcode.script': { params: { script: string }; result: string };
  'printer.gcode.help': { params: undefined; result: GcodeHelp };
  'printer.print.start': { params: { filename: string }; result: string };
  'printer.print.pause': { params: undefined; result: string };
  'printer.print.resume': { params: undefined; result: string };
  'printer.print.cancel': { params: undefined; result: string };
  /** WebSocket only; once per connection. */
  'server.connection.identify': { params: IdentifyParams; result: Identified };
  'server.info': { params: undefined; result: ServerInfo };
  'server.files.list': { params: { root?: string } | undefined; result: FileList };
  'server.files.metadata': { params: { filename: string }; result: FileMetadata };
  /** `path` includes the root: `gcodes/cube.gcode`. */
  'server.files.delete_file': { params: { path: string }; result: FileAction };
  'server.history.list': {
    params: HistoryListParams | undefined;
    result: HistoryList;
  };
  'server.job_queue.status': { params: undefined; result: JobQueueStatus };
  'server.gcode_store': { params: { count?: number } | undefined; result: GcodeStore };
  'server.temperature_store': {
    params: { include_monitors?: boolean } | undefined;
    result: TemperatureStore;
  };
  'machine.system_info': { params: undefined; result: SystemInfo };
}

export type MoonrakerMethod = keyof MoonrakerMethods;
export type MethodParams<M extends MoonrakerMethod> = MoonrakerMethods[M]['params'];
export type MethodResult<M extends MoonrakerMethod> = MoonrakerMethods[M]['result'];

/** `{ signal?, timeoutMs? }` as in every printkit client; defaults come from the client options. */
export type CallOptions = RequestOptions;

/** The arguments of `call(method, ...)`: params are optional exactly when the method takes none. */
export type CallArgs<M extends MoonrakerMethod> =
  undefined extends MethodParams<M>
    ? [params?: MethodParams<M>, options?: RequestOptions]
    : [params: MethodParams<M>, options?: RequestOptions];
