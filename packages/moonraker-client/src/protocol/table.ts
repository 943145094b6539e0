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
  DatabaseItem,
  DatabaseList,
  Directory,
  Endstops,
  FileAction,
  FileList,
  FileMetadata,
  FileMove,
  FileRoot,
  GcodeHelp,
  GcodeStore,
  HistoryJob,
  HistoryList,
  HistoryTotals,
  Identified,
  JobQueueStatus,
  ObjectsList,
  ObjectsRequest,
  ObjectsStatus,
  PrinterInfo,
  ServerInfo,
  SystemInfo,
  TemperatureStore,
  Thumbnail,
  Webcam,
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
  'server.files.roots': { params: undefined; result: FileRoot[] };
  /** `path` includes the root (`gcodes/parts`), default `gcodes`; `extended` adds each file's metadata. */
  'server.files.get_directory': {
    params: { path?: string; extended?: boolean } | undefined;
    result: Directory;
  };
  /** `filename` relative to `gcodes`; each `thumbnail_path` is relative to `gcodes` too. */
  'server.files.thumbnails': { params: { filename: string }; result: Thumbnail[] };
  'server.files.post_directory': { params: { path: string }; result: FileAction };
  /** `force: true` deletes a directory that is not empty. */
  'server.files.delete_directory': { params: { path: string; force?: boolean }; result: FileAction };
  /** Paths include their root (`gcodes/a.gcode`); also renames. */
  'server.files.move': { params: { source: string; dest: string }; result: FileMove };
  'server.files.copy': { params: { source: string; dest: string }; result: FileAction };
  'server.history.get_job': { params: { uid: string }; result: { job: HistoryJob } };
  'server.history.totals': { params: undefined; result: HistoryTotals };
  'server.webcams.list': { params: undefined; result: { webcams: Webcam[] } };
  /** By `uid` (`name` is deprecated in Moonraker's docs). */
  'server.webcams.get_item': { params: { uid: string } | { name: string }; result: { webcam: Webcam } };
  /** Adds a webcam, or updates the one with this `uid` (only the fields given); not `config` ones. */
  'server.webcams.post_item': {
    params: Partial<Omit<Webcam, 'source'>> & { name?: string };
    result: { webcam: Webcam };
  };
  'server.webcams.delete_item': { params: { uid: string }; result: { webcam: Webcam } };
  'server.database.list': { params: undefined; result: DatabaseList };
  /** `key` omitted: the whole namespace as `value`; nested keys are dotted (`settings.theme`). */
  'server.database.get_item': {
    params: { namespace: string; key?: string | string[] };
    result: DatabaseItem;
  };
  'server.database.post_item': {
    params: { namespace: string; key: string | string[]; value: unknown };
    result: DatabaseItem;
  };
  'server.database.delete_item': {
    params: { namespace: string; key: string | string[] };
    result: DatabaseItem;
  };
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
