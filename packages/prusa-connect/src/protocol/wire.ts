/**
 * Wire payload types: what Connect sends and takes, with its field names and units. The reply types
 * are `z.infer` of the internal schemas (one source of truth); the request and query types and the
 * command table are written by hand from the captures and the protocol notes.
 */
import type { WithLenientEnum } from '@printkit/core-types/codec';
import type * as z from 'zod/mini';
import type { ConnectErrorBodySchema, PagerSchema } from './schemas.js';
import type { CameraListSchema, CameraSchema } from './schemas-cameras.js';
import type {
  COMMAND_STATES,
  CommandArgSpecSchema,
  CommandRecordSchema,
  CommandSyncReplySchema,
  SupportedCommandSchema,
  SupportedCommandsSchema,
} from './schemas-commands.js';
import type { EVENT_NAMES, EventListSchema, PrinterEventSchema } from './schemas-events.js';
import type {
  FileListSchema,
  PrinterFileSchema,
  StorageListSchema,
  StorageSchema,
  TeamFileListSchema,
} from './schemas-files.js';
import type {
  CancelableObjectSchema,
  JOB_FAILURE_TAGS,
  JobFileSchema,
  JobListSchema,
  JobSchema,
} from './schemas-jobs.js';
import type {
  AppConfigSchema,
  InvitationsSchema,
  PrinterTypeListSchema,
  TeamSchema,
  UnseenNotificationsSchema,
  VersionSchema,
} from './schemas-misc.js';
import type {
  JOB_STATES,
  JobInfoSchema,
  PRINTER_STATES,
  PrinterListSchema,
  PrinterSchema,
  TelemetryPointSchema,
  TelemetrySchema,
  TransferListSchema,
  TransferSchema,
} from './schemas-printer.js';
import type { PlannedJobSchema, QueueSchema } from './schemas-queue.js';
import type {
  JobsSuccessSchema,
  MaterialQuantitySchema,
  PlannedTasksSchema,
  PrintingNotPrintingSchema,
} from './schemas-stats.js';
import type { UPLOAD_STATES, UploadedFileSchema, UploadListSchema, UploadSchema } from './schemas-uploads.js';

/**
 * The commands Connect relays to a printer, typed by their `kwargs` (wire names, wire units).
 * From the supported-commands capture of a real CORE One and the protocol notes; a printer may
 * support fewer or more — ask `client.commands.supported(uuid)`. Any other name goes through the
 * generic `client.command(uuid, name, kwargs)`.
 */

/** Commands without arguments take `{}`. */
export type NoKwargs = Record<never, never>;

/** `kwargs` of each known command. */
export interface KnownCommands {
  SET_PRINTER_READY: NoKwargs;
  CANCEL_PRINTER_READY: NoKwargs;
  /** `path` on the printer, e.g. `/usb/cube.bgcode`. */
  START_PRINT: { path: string; tool_mapping?: Record<string, unknown> };
  PAUSE_PRINT: NoKwargs;
  RESUME_PRINT: NoKwargs;
  STOP_PRINT: NoKwargs;
  /** `object_id` = `cancelable.objects[].id` of the job detail. */
  CANCEL_OBJECT: { object_id: number };
  /** Relative move; `feedrate` mm/min, distances mm. */
  MOVE: { feedrate: number; x?: number; y?: number; z?: number };
  MOVE_Z: { feedrate: number; distance: number };
  MOVE_E: { feedrate: number; length: number };
  /** °C */
  SET_NOZZLE_TEMPERATURE: { nozzle_temperature: number };
  /** °C */
  SET_HEATBED_TEMPERATURE: { bed_temperature: number };
  /** % of the sliced speed, 10–300 on a CORE One. */
  SET_SPEED: { speed: number };
  /** % flow, 10–150 on a CORE One. */
  SET_FLOW: { flow: number };
  /** Any combination of `X`, `Y`, `Z`; default `XYZ`. */
  HOME: { axis?: string };
  DISABLE_STEPPERS: NoKwargs;
  LOAD_FILAMENT: { filament?: string };
  UNLOAD_FILAMENT: { tool?: number };
  RESET_PRINTER: NoKwargs;
  SEND_INFO: NoKwargs;
  SEND_JOB_INFO: { job_id: number };
  SEND_FILE_INFO: { path: string };
  DELETE_FILE: { path: string };
  DELETE_FOLDER: { path: string };
  CREATE_FOLDER: { path: string };
  DIALOG_ACTION: { dialog_id: number; button: string };
  START_CONNECT_DOWNLOAD: { team_id: number; hash: string; path: string; filename?: string };
  FLASH: { path?: string };
  BEEP: NoKwargs;
  MESH_BED_LEVELING: NoKwargs;
  SEND_GCODE: { gcode: string };
}

export type KnownCommandName = keyof KnownCommands;

/** `kwargs` for command `N`: typed for known commands, free-form for any other name. */
export type CommandKwargs<N extends string> = N extends KnownCommandName
  ? KnownCommands[N]
  : Record<string, unknown>;

/** Commands whose kwargs may be omitted. */
export type CommandsWithoutKwargs = {
  [N in KnownCommandName]: Partial<KnownCommands[N]> extends KnownCommands[N] ? N : never;
}[KnownCommandName];

// --- Shared ------------------------------------------------------------------------------------

export type Pager = z.infer<typeof PagerSchema>;

/** Query of every paged list. */
export interface PageQuery {
  limit?: number;
  offset?: number;
}

export type ConnectErrorBody = z.infer<typeof ConnectErrorBodySchema>;

/**
 * `T` with field `K` retyped (a nested value after its lenient enums were applied). A key remap, not
 * `Omit`, which would drop every known key of a loose object's type.
 */
type Replace<T, K extends keyof T & string, V> = {
  [P in keyof T as P extends K ? never : P]: T[P];
} & { [P in keyof Pick<T, K>]: V | Exclude<T[P], object> };

// --- Printers, telemetry, transfers ------------------------------------------------------------

export type PrinterStateValue = (typeof PRINTER_STATES)[number];

export type JobStateValue = (typeof JOB_STATES)[number];

export type JobInfo = WithLenientEnum<z.infer<typeof JobInfoSchema>, 'state', JobStateValue>;

export type Printer = WithLenientEnum<
  Replace<z.infer<typeof PrinterSchema>, 'job_info', JobInfo>,
  'state' | 'printer_state' | 'connect_state',
  PrinterStateValue
>;

export type PrinterList = Replace<z.infer<typeof PrinterListSchema>, 'printers', Printer[]>;

export interface PrintersQuery {
  limit?: number;
  offset?: number;
  team_id?: number;
}

export type TelemetryPoint = z.infer<typeof TelemetryPointSchema>;

export type Telemetry = z.infer<typeof TelemetrySchema>;

export interface TelemetryQuery {
  /** Unix seconds: only samples at or after it. */
  from?: number;
  /** Seconds per point (uncertain: inferred from third-party clients). */
  granularity?: number;
}

export type Transfer = z.infer<typeof TransferSchema>;

export type TransferList = z.infer<typeof TransferListSchema>;

// --- Jobs --------------------------------------------------------------------------------------

export type CancelableObject = z.infer<typeof CancelableObjectSchema>;

export type JobFile = z.infer<typeof JobFileSchema>;

export type Job = WithLenientEnum<z.infer<typeof JobSchema>, 'state', JobStateValue>;

export type JobList = Replace<z.infer<typeof JobListSchema>, 'jobs', Job[]>;

export interface JobsQuery {
  limit?: number;
  offset?: number;
  /** Repeated in the query string: `state=FIN_OK&state=FIN_ERROR`. */
  state?: ReadonlyArray<JobStateValue | (string & {})>;
}

export type JobFailureTag = (typeof JOB_FAILURE_TAGS)[number];

export interface JobReasonBody {
  reason: { tag: ReadonlyArray<JobFailureTag | (string & {})>; other?: string };
}

// --- Commands ----------------------------------------------------------------------------------

export type CommandArgSpec = z.infer<typeof CommandArgSpecSchema>;

export type SupportedCommand = z.infer<typeof SupportedCommandSchema>;

export type SupportedCommands = z.infer<typeof SupportedCommandsSchema>;

/** `CREATED`, `EMIT`, `ACCEPTED`, `FINISHED`, `REJECTED`, `FAILED`. */
export type CommandStateValue = (typeof COMMAND_STATES)[number];
export type CommandRecord = WithLenientEnum<z.infer<typeof CommandRecordSchema>, 'state', CommandStateValue>;

export type CommandSyncReply = Replace<
  Replace<z.infer<typeof CommandSyncReplySchema>, 'command', CommandRecord>,
  'event',
  PrinterEvent
>;

export type CommandQueuedReply = CommandSyncReply | CommandRecord;

/** Body of both command endpoints. */
export interface CommandBody {
  command: string;
  kwargs: Record<string, unknown>;
}

// --- Events ------------------------------------------------------------------------------------

export type EventName = (typeof EVENT_NAMES)[number];

export type PrinterEvent = WithLenientEnum<
  WithLenientEnum<z.infer<typeof PrinterEventSchema>, 'event', EventName>,
  'state',
  PrinterStateValue
>;

export type EventList = Replace<z.infer<typeof EventListSchema>, 'events', PrinterEvent[]>;

export interface EventsQuery {
  limit?: number;
  offset?: number;
  /** Only events of these names (repeated in the query string). */
  event?: ReadonlyArray<EventName | (string & {})>;
}

// --- Files and storages ------------------------------------------------------------------------

export type PrinterFileEntry = z.infer<typeof PrinterFileSchema>;

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

export type Storage = z.infer<typeof StorageSchema>;

export type StorageList = z.infer<typeof StorageListSchema>;

export type TeamFileList = z.infer<typeof TeamFileListSchema>;

// --- Queue -------------------------------------------------------------------------------------

export type PlannedJob = z.infer<typeof PlannedJobSchema>;

export type Queue = z.infer<typeof QueueSchema>;

/**
 * `POST /app/printers/{uuid}/queue`: a file on the printer (`path`) or in team storage
 * (`hash` + `team_id`); `position` 0 = front, -1 = end; `wait_until` Unix seconds.
 */
export type QueueAddBody = (
  | { path: string; hash?: never; team_id?: never }
  | { hash: string; team_id: number; path?: string }
) & {
  position?: number;
  set_ready?: boolean;
  wait_until?: number;
};

// --- Uploads -----------------------------------------------------------------------------------

export type Upload = z.infer<typeof UploadSchema>;

/** Body of step 1. `destination` is the folder on the printer (e.g. `/usb/`), `size` in bytes. */
export interface CreateUploadBody {
  destination: string;
  filename: string;
  size: number;
  printer_uuid?: string;
}

export type UploadList = z.infer<typeof UploadListSchema>;

export interface UploadsQuery {
  state?: (typeof UPLOAD_STATES)[number] | (string & {});
  limit?: number;
  offset?: number;
}

export type UploadedFile = z.infer<typeof UploadedFileSchema>;

// --- Cameras -----------------------------------------------------------------------------------

export type Camera = z.infer<typeof CameraSchema>;

export type CameraList = z.infer<typeof CameraListSchema>;

// --- Version, printer types, config, account ---------------------------------------------------

export type Version = z.infer<typeof VersionSchema>;

export type PrinterTypeList = z.infer<typeof PrinterTypeListSchema>;

export type AppConfig = z.infer<typeof AppConfigSchema>;

export type Invitations = z.infer<typeof InvitationsSchema>;

export type UnseenNotifications = z.infer<typeof UnseenNotificationsSchema>;

/** `GET /app/users/teams/{team}` */
export type Team = z.infer<typeof TeamSchema>;

/** `POST /app/teams/{team}/add-user`: invites a user by e-mail with the given rights. */
export interface AddTeamUserBody {
  email: string;
  rights_ro?: boolean;
  rights_use?: boolean;
  rights_rw?: boolean;
}

// --- Statistics ---------------------------------------------------------------------------------------

/** Query of every statistics endpoint: the range in Unix seconds (Connect's default: the last 7 days). */
export interface StatsQuery {
  from?: number;
  to?: number;
}
export type PrintingNotPrinting = z.infer<typeof PrintingNotPrintingSchema>;
export type MaterialQuantity = z.infer<typeof MaterialQuantitySchema>;
export type PlannedTasks = z.infer<typeof PlannedTasksSchema>;
export type JobsSuccess = z.infer<typeof JobsSuccessSchema>;

// --- The camera side ---------------------------------------------------------------------------------

/**
 * `PUT /c/info` (`camera_request` of Prusa's camera OpenAPI 0.22.0): what a camera says about itself.
 * `config.name` is required by Connect; everything else is optional.
 */
export interface CameraInfoBody {
  config: {
    name: string | null;
    path?: string;
    driver?: string;
    camera_id?: string;
    firmware?: string;
    manufacturer?: string;
    model?: string;
    trigger_scheme?:
      | 'TEN_SEC'
      | 'THIRTY_SEC'
      | 'SIXTY_SEC'
      | 'TEN_MIN'
      | 'EACH_LAYER'
      | 'FIFTH_LAYER'
      | 'MANUAL';
    resolution?: { width: number; height: number };
    network_info?: Record<string, unknown>;
  };
  options?: { available_resolutions?: Array<{ width: number; height: number }> };
  capabilities?: Array<'trigger_scheme' | 'imaging' | 'resolution' | 'focus'>;
}
