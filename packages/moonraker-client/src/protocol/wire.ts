/**
 * Moonraker's wire payloads as types (Klipper `docs/Status_Reference.md`, Moonraker
 * `docs/external_api/`; real payloads in the protocol notes). Wire names and units are kept:
 * temperatures in °C, durations in seconds, `progress` 0..1, positions in mm, Unix times in seconds.
 * Every object field is optional because a `notify_status_update` diff carries only what changed and
 * Klipper versions differ. Objects that are not typed here stay available untyped.
 *
 * The types come from the (internal) schemas in `schemas.ts`; the enum value lists live here because
 * they are wire facts a caller may want (`'unknown'` + `<field>_raw` stands for any other value).
 */
import type { WithLenientEnum } from '@printkit/core-types/codec';
import type * as z from 'zod/mini';
import type * as schemas from './schemas.js';

export const KLIPPY_STATES = ['ready', 'startup', 'error', 'shutdown'] as const;
/** `server.info`'s `klippy_state` adds `disconnected` (Klippy not connected to Moonraker). */
export const SERVER_KLIPPY_STATES = ['disconnected', 'startup', 'ready', 'error', 'shutdown'] as const;
export const PRINT_STATS_STATES = [
  'standby',
  'printing',
  'paused',
  'complete',
  'cancelled',
  'error',
] as const;
export const IDLE_TIMEOUT_STATES = ['Idle', 'Ready', 'Printing'] as const;
export const JOB_STATUSES = [
  'in_progress',
  'completed',
  'cancelled',
  'error',
  'klippy_shutdown',
  'klippy_disconnect',
  'interrupted',
] as const;
export const JOB_QUEUE_STATES = ['ready', 'loading', 'starting', 'paused'] as const;
export const FILELIST_ACTIONS = [
  'create_file',
  'create_dir',
  'delete_file',
  'delete_dir',
  'move_file',
  'move_dir',
  'modify_file',
  'root_update',
] as const;
export const JOB_QUEUE_ACTIONS = ['state_changed', 'jobs_added', 'jobs_removed', 'job_loaded'] as const;

// ---------------------------------------------------------------- Klipper objects

export type Webhooks = z.infer<typeof schemas.WebhooksWire>;
export type PrintStats = z.infer<typeof schemas.PrintStatsWire>;
export type VirtualSdcard = z.infer<typeof schemas.VirtualSdcardWire>;
export type Extruder = z.infer<typeof schemas.ExtruderWire>;
export type HeaterBed = z.infer<typeof schemas.HeaterBedWire>;
export type Toolhead = z.infer<typeof schemas.ToolheadWire>;
export type GcodeMove = z.infer<typeof schemas.GcodeMoveWire>;
export type DisplayStatus = z.infer<typeof schemas.DisplayStatusWire>;
export type IdleTimeout = z.infer<typeof schemas.IdleTimeoutWire>;
export type Fan = z.infer<typeof schemas.FanWire>;

/** Any Klipper object, typed or not: field name → wire value. */
export type KlipperObject = Record<string, unknown>;

/** The typed objects, by their Klipper name. */
export interface KnownKlipperObjects {
  webhooks: Webhooks;
  print_stats: PrintStats;
  virtual_sdcard: VirtualSdcard;
  extruder: Extruder;
  heater_bed: HeaterBed;
  toolhead: Toolhead;
  gcode_move: GcodeMove;
  display_status: DisplayStatus;
  idle_timeout: IdleTimeout;
  fan: Fan;
}

/** Klipper status as it arrives: typed objects where known, any other object (`"heater_generic x"`) untyped. */
export type KlipperStatus = { [K in keyof KnownKlipperObjects]?: KnownKlipperObjects[K] } & {
  [name: string]: KlipperObject | undefined;
};

/** Which fields of which objects to query or subscribe: `null` means every field. */
export type ObjectsRequest = {
  [K in keyof KnownKlipperObjects]?: (keyof KnownKlipperObjects[K] & string)[] | null;
} & {
  [name: string]: string[] | null | undefined;
};

/** Object name → changed fields, as in `notify_status_update`. */
export type StatusDiff = Record<string, Record<string, unknown>>;

/** The answer to a query or subscribe: Klipper's `eventtime` (seconds, monotonic) and the objects. */
export interface ObjectsStatus {
  eventtime: number;
  status: KlipperStatus;
}

// ---------------------------------------------------------------- results

export type ServerInfo = WithLenientEnum<
  z.output<typeof schemas.ServerInfoWire>,
  'klippy_state',
  (typeof SERVER_KLIPPY_STATES)[number]
>;
export type PrinterInfo = WithLenientEnum<
  z.output<typeof schemas.PrinterInfoWire>,
  'state',
  (typeof KLIPPY_STATES)[number]
>;
export type ObjectsList = z.output<typeof schemas.ObjectsListResult>;
export type Endstops = z.output<typeof schemas.EndstopsResult>;
export type GcodeHelp = z.output<typeof schemas.GcodeHelpResult>;
export type Identified = z.output<typeof schemas.IdentifyResult>;
export type FileList = z.output<typeof schemas.FileListResult>;
export type FileMetadata = z.output<typeof schemas.FileMetadataResult>;
export type FileAction = z.output<typeof schemas.FileActionResult>;
export type UploadResult = z.output<typeof schemas.UploadResult>;
export type HistoryJob = z.output<typeof schemas.HistoryJob>;
export type HistoryList = z.output<typeof schemas.HistoryListResult>;
export type JobQueueStatus = z.output<typeof schemas.JobQueueStatusResult>;
export type GcodeStore = z.output<typeof schemas.GcodeStoreResult>;
export type TemperatureStore = z.output<typeof schemas.TemperatureStoreResult>;
export type SystemInfo = z.output<typeof schemas.SystemInfoResult>;
export type FileRoot = z.output<typeof schemas.FileRootsResult>[number];
export type Directory = z.output<typeof schemas.DirectoryResult>;
export type Thumbnail = z.output<typeof schemas.ThumbnailsResult>[number];
export type FileMove = z.output<typeof schemas.FileMoveResult>;
export type HistoryTotals = z.output<typeof schemas.HistoryTotalsResult>;
export type Webcam = z.output<typeof schemas.WebcamItemResult>['webcam'];
export type DatabaseList = z.output<typeof schemas.DatabaseListResult>;
export type DatabaseItem = z.output<typeof schemas.DatabaseItemResult>;

// ---------------------------------------------------------------- notification params

export type ProcStat = z.output<typeof schemas.ProcStatParams>[0];
export type HistoryChanged = z.output<typeof schemas.HistoryChangedParams>[0];
export type FilelistChanged = z.output<typeof schemas.FilelistChangedParams>[0];
export type JobQueueChanged = z.output<typeof schemas.JobQueueChangedParams>[0];

/** A typed object after validation: enum fields narrowed, unknown values as `'unknown'` + `<field>_raw`. */
export type ParsedKlipperObject<K extends keyof KnownKlipperObjects> = z.output<
  (typeof schemas.OBJECT_PARSERS)[K]
>;
