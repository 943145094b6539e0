/**
 * Wire → value | ProtocolError, for everything Moonraker sends: method results, notification params
 * and the typed Klipper objects. Built on core-types/codec `decodeWith`: a valid payload (the common
 * case) takes the compiled fast check and is returned as is; anything else gets zod's verdict and a
 * `ProtocolError` naming the first problems. Lookups by method name read own properties only, so a
 * name such as `constructor` or `__proto__` is just an unknown name.
 */
import { ProtocolError } from '@printkit/core-types';
import {
  compileFastCheck,
  type Decoded,
  decodeWith,
  describeIssues,
  lenientEnum,
  ownValue,
} from '@printkit/core-types/codec';
import type * as z from 'zod/mini';
import {
  DatabaseItemResult,
  DatabaseListResult,
  DirectoryResult,
  EndstopsResult,
  FileActionResult,
  FileListResult,
  FilelistChangedParams,
  FileMetadataResult,
  FileMoveResult,
  FileRootsResult,
  GcodeHelpResult,
  GcodeResponseParams,
  GcodeStoreResult,
  HistoryChangedParams,
  HistoryJobResult,
  HistoryListResult,
  HistoryTotalsResult,
  IdentifyResult,
  JobQueueChangedParams,
  JobQueueStatusResult,
  OBJECT_PARSERS,
  ObjectsListResult,
  ObjectsStatusResult,
  OkResult,
  PrinterInfoWire,
  ProcStatParams,
  ServerInfoWire,
  SystemInfoResult,
  TemperatureStoreResult,
  ThumbnailsResult,
  WebcamItemResult,
  WebcamListResult,
} from './schemas.js';
import type { MethodResult, MoonrakerMethod, MoonrakerMethods } from './table.js';
import {
  KLIPPY_STATES,
  type KnownKlipperObjects,
  type ParsedKlipperObject,
  SERVER_KLIPPY_STATES,
} from './wire.js';

interface ResultDecoder {
  /** Type checks only (fast-checkable where possible). */
  schema: z.ZodMiniType<unknown>;
  /** Lenient enum fields, applied after the check (kept out of the schema so it stays fast). */
  finish?: (value: never) => unknown;
}

/** Every method's result decoder; the decoded value is the method's result type. */
const RESULTS: { [M in MoonrakerMethod]: ResultDecoder } = {
  'printer.info': {
    schema: PrinterInfoWire,
    finish: (v: Record<string, unknown>) => lenientEnum(v, 'state', KLIPPY_STATES),
  },
  'printer.emergency_stop': { schema: OkResult },
  'printer.restart': { schema: OkResult },
  'printer.firmware_restart': { schema: OkResult },
  'printer.objects.list': { schema: ObjectsListResult },
  'printer.objects.query': { schema: ObjectsStatusResult },
  'printer.objects.subscribe': { schema: ObjectsStatusResult },
  'printer.query_endstops.status': { schema: EndstopsResult },
  'printer.gcode.script': { schema: OkResult },
  'printer.gcode.help': { schema: GcodeHelpResult },
  'printer.print.start': { schema: OkResult },
  'printer.print.pause': { schema: OkResult },
  'printer.print.resume': { schema: OkResult },
  'printer.print.cancel': { schema: OkResult },
  'server.connection.identify': { schema: IdentifyResult },
  'server.info': {
    schema: ServerInfoWire,
    finish: (v: Record<string, unknown>) => lenientEnum(v, 'klippy_state', SERVER_KLIPPY_STATES),
  },
  'server.files.list': { schema: FileListResult },
  'server.files.metadata': { schema: FileMetadataResult },
  'server.files.delete_file': { schema: FileActionResult },
  'server.history.list': { schema: HistoryListResult },
  'server.job_queue.status': { schema: JobQueueStatusResult },
  'server.gcode_store': { schema: GcodeStoreResult },
  'server.temperature_store': { schema: TemperatureStoreResult },
  'machine.system_info': { schema: SystemInfoResult },
  'server.files.roots': { schema: FileRootsResult },
  'server.files.get_directory': { schema: DirectoryResult },
  'server.files.thumbnails': { schema: ThumbnailsResult },
  'server.files.post_directory': { schema: FileActionResult },
  'server.files.delete_directory': { schema: FileActionResult },
  'server.files.move': { schema: FileMoveResult },
  'server.files.copy': { schema: FileActionResult },
  'server.history.get_job': { schema: HistoryJobResult },
  'server.history.totals': { schema: HistoryTotalsResult },
  'server.webcams.list': { schema: WebcamListResult },
  'server.webcams.get_item': { schema: WebcamItemResult },
  'server.webcams.post_item': { schema: WebcamItemResult },
  'server.webcams.delete_item': { schema: WebcamItemResult },
  'server.database.list': { schema: DatabaseListResult },
  'server.database.get_item': { schema: DatabaseItemResult },
  'server.database.post_item': { schema: DatabaseItemResult },
  'server.database.delete_item': { schema: DatabaseItemResult },
};

/** The method names of the table, in table order. */
export const METHOD_NAMES = Object.keys(RESULTS) as MoonrakerMethod[];

/** Whether `method` is in the table (own keys only: `constructor` is not a method). */
export function isKnownMethod(method: string): method is MoonrakerMethod {
  return Object.hasOwn(RESULTS, method);
}

/** Turns a method's raw result into its checked value; throws a `ProtocolError` when it is malformed. */
type ResultParser = (raw: unknown) => unknown;

/**
 * One parser per method, made once: the compiled fast check is looked up here rather than on every
 * answer, and a valid result (the common case) costs that check and nothing else — no wrapper
 * object, no closure per call. Anything the fast check does not accept gets zod's full verdict
 * (`decodeWith`), so the guarantee is the same as decoding every result with zod.
 */
function makeParser(method: string, decoder: ResultDecoder): ResultParser {
  const fast = compileFastCheck(decoder.schema);
  const finish = decoder.finish as ((value: unknown) => unknown) | undefined;
  const context = { what: `${method} result`, operation: method };
  const slow: ResultParser = (raw) => {
    const decoded = decodeWith(decoder.schema, raw, context);
    if (!decoded.ok) throw decoded.error;
    return finish ? finish(decoded.value) : decoded.value;
  };
  if (fast === undefined) return slow;
  if (finish === undefined) return (raw) => (fast(raw) ? raw : slow(raw));
  return (raw) => (fast(raw) ? finish(raw) : slow(raw));
}

/** Method name → its parser (a Map: names come from callers and are never looked up on a prototype). */
const PARSERS: ReadonlyMap<string, ResultParser> = new Map(
  Object.entries(RESULTS as Record<string, ResultDecoder>).map(([method, decoder]) => [
    method,
    makeParser(method, decoder),
  ]),
);

/** A method's result, checked; throws a `ProtocolError` when it does not match the documented shape. */
export function decodeResult<M extends MoonrakerMethod>(method: M, raw: unknown): MethodResult<M> {
  const parse = PARSERS.get(method);
  // Not in the table (a JavaScript caller naming a method this client has no type for): as sent.
  return (parse === undefined ? raw : parse(raw)) as MethodResult<M>;
}

/** The peer's per-method parser (made once per method); `undefined` for a method not in the table. */
export function resultDecoder(method: string): ResultParser | undefined {
  return PARSERS.get(method);
}

/** For tests: the schema behind a method's result. */
export function resultSchema(method: keyof MoonrakerMethods): z.ZodMiniType<unknown> {
  return RESULTS[method].schema;
}

// ---------------------------------------------------------------- typed Klipper objects

export type ParseObjectResult<K extends keyof KnownKlipperObjects> =
  | { success: true; data: ParsedKlipperObject<K> }
  | { success: false; error: string };

/** Validates one typed object (for example the merged `print_stats` from the status store). */
export function parseKlipperObject<K extends keyof KnownKlipperObjects>(
  name: K,
  value: unknown,
): ParseObjectResult<K> {
  const result = (OBJECT_PARSERS[name] as z.ZodMiniType<unknown>).safeParse(value ?? {});
  if (result.success) return { success: true, data: result.data as ParsedKlipperObject<K> };
  return { success: false, error: describeIssues(result.error) };
}

// ---------------------------------------------------------------- notifications

/** The notifications with typed params, and their schemas (the first param is the event's value). */
const NOTIFICATION_SCHEMAS: Readonly<Record<string, z.ZodMiniType<unknown[]>>> = {
  notify_gcode_response: GcodeResponseParams,
  notify_proc_stat_update: ProcStatParams,
  notify_history_changed: HistoryChangedParams,
  notify_filelist_changed: FilelistChangedParams,
  notify_job_queue_changed: JobQueueChangedParams,
};

/** Whether the notification has a typed first param. */
export function hasTypedParams(method: string): boolean {
  return Object.hasOwn(NOTIFICATION_SCHEMAS, method);
}

/**
 * A notification's params (an array, as Moonraker sends them) and, for the typed ones, the checked
 * first param.
 */
export function decodeNotification(
  method: string,
  params: unknown,
): Decoded<{ list: unknown[]; first: unknown }> {
  const list = Array.isArray(params) ? params : params === undefined ? [] : undefined;
  if (list === undefined) {
    return {
      ok: false,
      error: new ProtocolError(`${method}: notification params must be an array`, { payload: params }),
    };
  }
  const schema = ownValue(NOTIFICATION_SCHEMAS, method);
  if (schema === undefined) return { ok: true, value: { list, first: list[0] } };
  const decoded = decodeWith(schema, list, { what: `${method} params`, operation: method });
  if (!decoded.ok) return decoded;
  return { ok: true, value: { list, first: decoded.value[0] } };
}
