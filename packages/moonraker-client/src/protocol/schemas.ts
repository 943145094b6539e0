/**
 * INTERNAL: the zod/mini schemas of Moonraker's payloads. Never exported from the package entry points
 * (exporting them would tie printkit's semver to zod's); callers get the types in `wire.ts`.
 *
 * Validation at the boundary: every result and notification from Moonraker is checked here before
 * the rest of the client sees it. Unknown extra fields pass through (`looseObject`); unknown enum
 * values become `'unknown'` + `<field>_raw` (core-types/codec `lenientEnum`).
 *
 * The one hot path, `notify_status_update`, is checked by hand (`isStatusEnvelope`, then each object
 * where it is merged): a zod parse of a typical diff measured ~2.5 µs on this machine, half of the
 * 5 µs budget a frame has at the 200,000 frames/s target. The typed objects are validated on demand
 * instead (`parseKlipperObject`).
 */
import { lenientEnum } from '@printkit/core-types/codec';
import * as z from 'zod/mini';
import {
  FILELIST_ACTIONS,
  IDLE_TIMEOUT_STATES,
  JOB_QUEUE_ACTIONS,
  JOB_QUEUE_STATES,
  JOB_STATUSES,
  KLIPPY_STATES,
  PRINT_STATS_STATES,
} from './wire.js';

const num = z.optional(z.number());
const str = z.optional(z.string());

// ---------------------------------------------------------------- Klipper objects

const nullableNum = z.optional(z.nullable(z.number()));
const bool = z.optional(z.boolean());
const numbers = z.optional(z.array(z.number()));

export const WebhooksWire = z.looseObject({ state: str, state_message: str });
export const PrintStatsWire = z.looseObject({
  filename: str,
  total_duration: num,
  print_duration: num,
  filament_used: num,
  state: str,
  message: str,
  info: z.optional(z.looseObject({ total_layer: nullableNum, current_layer: nullableNum })),
});
export const VirtualSdcardWire = z.looseObject({
  file_path: z.optional(z.nullable(z.string())),
  progress: num,
  is_active: bool,
  file_position: num,
  file_size: num,
});
export const ExtruderWire = z.looseObject({
  temperature: num,
  target: num,
  power: num,
  can_extrude: bool,
  pressure_advance: num,
  smooth_time: num,
  motion_queue: z.optional(z.nullable(z.string())),
});
export const HeaterBedWire = z.looseObject({ temperature: num, target: num, power: num });
export const ToolheadWire = z.looseObject({
  homed_axes: str,
  axis_minimum: numbers,
  axis_maximum: numbers,
  print_time: num,
  stalls: num,
  estimated_print_time: num,
  extruder: str,
  position: numbers,
  max_velocity: num,
  max_accel: num,
  minimum_cruise_ratio: num,
  square_corner_velocity: num,
});
export const GcodeMoveWire = z.looseObject({
  speed_factor: num,
  speed: num,
  extrude_factor: num,
  absolute_coordinates: bool,
  absolute_extrude: bool,
  homing_origin: numbers,
  position: numbers,
  gcode_position: numbers,
});
export const DisplayStatusWire = z.looseObject({
  message: z.optional(z.nullable(z.string())),
  progress: num,
});
export const IdleTimeoutWire = z.looseObject({ state: str, printing_time: num, idle_timeout: num });
export const FanWire = z.looseObject({ speed: num, rpm: nullableNum });

/** One parser per typed object: the wire schema, then the lenient enum fields. */
export const OBJECT_PARSERS = {
  webhooks: z.pipe(
    WebhooksWire,
    z.transform((v) => lenientEnum(v, 'state', KLIPPY_STATES)),
  ),
  print_stats: z.pipe(
    PrintStatsWire,
    z.transform((v) => lenientEnum(v, 'state', PRINT_STATS_STATES)),
  ),
  virtual_sdcard: VirtualSdcardWire,
  extruder: ExtruderWire,
  heater_bed: HeaterBedWire,
  toolhead: ToolheadWire,
  gcode_move: GcodeMoveWire,
  display_status: DisplayStatusWire,
  idle_timeout: z.pipe(
    IdleTimeoutWire,
    z.transform((v) => lenientEnum(v, 'state', IDLE_TIMEOUT_STATES)),
  ),
  fan: FanWire,
};

// ---------------------------------------------------------------- results

/** Action methods answer the string `"ok"`. */
export const OkResult = z.string();

/** Lenient `klippy_state` is applied by `decode.ts`, so this stays a plain (fast-checkable) object. */
export const ServerInfoWire = z.looseObject({
  klippy_connected: z.boolean(),
  klippy_state: z.string(),
  components: z.optional(z.array(z.string())),
  failed_components: z.optional(z.array(z.string())),
  registered_directories: z.optional(z.array(z.string())),
  warnings: z.optional(z.array(z.string())),
  websocket_count: num,
  moonraker_version: str,
  api_version: z.optional(z.array(z.number())),
  api_version_string: str,
});

/** Lenient `state` is applied by `decode.ts`. */
export const PrinterInfoWire = z.looseObject({
  state: z.string(),
  state_message: z.string(),
  hostname: str,
  klipper_path: str,
  python_path: str,
  process_id: num,
  user_id: num,
  group_id: num,
  log_file: str,
  config_file: str,
  software_version: str,
  cpu_info: str,
});

export const ObjectsListResult = z.looseObject({ objects: z.array(z.string()) });

const objectStatus = z.record(z.string(), z.record(z.string(), z.unknown()));
export const ObjectsStatusResult = z.looseObject({ eventtime: z.number(), status: objectStatus });

export const EndstopsResult = z.record(z.string(), z.string());
export const GcodeHelpResult = z.record(z.string(), z.string());
export const IdentifyResult = z.looseObject({ connection_id: z.number() });

const fileItem = z.looseObject({
  path: z.string(),
  root: str,
  modified: num,
  size: num,
  permissions: str,
});
export const FileListResult = z.array(
  z.looseObject({ path: z.string(), modified: z.number(), size: z.number(), permissions: str }),
);

export const FileMetadataResult = z.looseObject({
  filename: z.string(),
  size: num,
  modified: num,
  uuid: str,
  slicer: str,
  slicer_version: str,
  gcode_start_byte: num,
  gcode_end_byte: num,
  layer_count: num,
  object_height: num,
  estimated_time: num,
  nozzle_diameter: num,
  layer_height: num,
  first_layer_height: num,
  first_layer_extr_temp: num,
  first_layer_bed_temp: num,
  chamber_temp: num,
  filament_name: str,
  filament_type: str,
  filament_total: num,
  filament_weight_total: num,
  thumbnails: z.optional(
    z.array(z.looseObject({ width: num, height: num, size: num, relative_path: str, thumbnail_path: str })),
  ),
  print_start_time: z.optional(z.nullable(z.number())),
  job_id: z.optional(z.nullable(z.string())),
});

export const FileActionResult = z.looseObject({ item: fileItem, action: z.string() });

export const UploadResult = z.looseObject({
  item: fileItem,
  action: z.string(),
  print_started: z.optional(z.boolean()),
  print_queued: z.optional(z.boolean()),
});

export const HistoryJob = z.pipe(
  z.looseObject({
    job_id: z.string(),
    filename: z.string(),
    status: z.string(),
    start_time: num,
    end_time: z.optional(z.nullable(z.number())),
    print_duration: num,
    total_duration: num,
    filament_used: num,
    exists: z.optional(z.boolean()),
    user: z.optional(z.nullable(z.string())),
    metadata: z.optional(z.record(z.string(), z.unknown())),
  }),
  z.transform((v) => lenientEnum(v, 'status', JOB_STATUSES)),
);

export const HistoryListResult = z.looseObject({ count: z.number(), jobs: z.array(HistoryJob) });

const queuedJob = z.looseObject({
  filename: z.string(),
  job_id: z.string(),
  time_added: num,
  time_in_queue: num,
});
export const JobQueueStatusResult = z.pipe(
  z.looseObject({ queued_jobs: z.array(queuedJob), queue_state: z.string() }),
  z.transform((v) => lenientEnum(v, 'queue_state', JOB_QUEUE_STATES)),
);

export const GcodeStoreResult = z.looseObject({
  gcode_store: z.array(
    z.pipe(
      z.looseObject({ message: z.string(), time: z.number(), type: z.string() }),
      z.transform((v) => lenientEnum(v, 'type', ['command', 'response'] as const)),
    ),
  ),
});

export const TemperatureStoreResult = z.record(
  z.string(),
  z.looseObject({
    temperatures: z.optional(z.array(z.nullable(z.number()))),
    targets: z.optional(z.array(z.nullable(z.number()))),
    powers: z.optional(z.array(z.nullable(z.number()))),
    speeds: z.optional(z.array(z.nullable(z.number()))),
  }),
);

export const SystemInfoResult = z.looseObject({
  system_info: z.looseObject({
    python: z.optional(z.record(z.string(), z.unknown())),
    cpu_info: z.optional(z.record(z.string(), z.unknown())),
    sd_info: z.optional(z.record(z.string(), z.unknown())),
    distribution: z.optional(z.record(z.string(), z.unknown())),
    available_services: z.optional(z.array(z.string())),
    instance_ids: z.optional(z.record(z.string(), z.unknown())),
    service_state: z.optional(z.record(z.string(), z.unknown())),
    virtualization: z.optional(z.record(z.string(), z.unknown())),
    network: z.optional(z.record(z.string(), z.unknown())),
    canbus: z.optional(z.record(z.string(), z.unknown())),
  }),
});

export const LoginResult = z.looseObject({
  username: str,
  token: z.string(),
  refresh_token: z.string(),
  action: str,
  source: str,
});
export const RefreshResult = z.looseObject({ username: str, token: z.string(), action: str, source: str });
export const OneshotTokenResult = z.string();

// ---------------------------------------------------------------- file manager (docs/external_api/file_manager.md)

export const FileRootsResult = z.array(z.looseObject({ name: z.string(), path: str, permissions: str }));

export const DirectoryResult = z.looseObject({
  dirs: z.array(z.looseObject({ dirname: z.string(), modified: num, size: num, permissions: str })),
  files: z.array(z.looseObject({ filename: z.string(), modified: num, size: num, permissions: str })),
  disk_usage: z.optional(z.looseObject({ total: num, used: num, free: num })),
  root_info: z.optional(z.looseObject({ name: z.string(), permissions: str })),
});

export const ThumbnailsResult = z.array(
  z.looseObject({ width: num, height: num, size: num, thumbnail_path: z.string() }),
);

export const FileMoveResult = z.looseObject({
  item: fileItem,
  source_item: z.optional(fileItem),
  action: z.string(),
});

// ---------------------------------------------------------------- history totals (docs/external_api/history.md)

export const HistoryJobResult = z.looseObject({ job: HistoryJob });

export const HistoryTotalsResult = z.looseObject({
  job_totals: z.looseObject({
    total_jobs: z.number(),
    total_time: z.number(),
    total_print_time: z.number(),
    total_filament_used: z.number(),
    longest_job: z.number(),
    longest_print: z.number(),
  }),
  auxiliary_totals: z.optional(
    z.array(
      z.looseObject({
        provider: z.string(),
        field: z.string(),
        maximum: z.optional(z.nullable(z.number())),
        total: z.optional(z.nullable(z.number())),
      }),
    ),
  ),
});

// ---------------------------------------------------------------- webcams (docs/external_api/webcams.md)

const webcam = z.looseObject({
  name: z.string(),
  uid: str,
  location: str,
  service: str,
  enabled: z.optional(z.boolean()),
  icon: str,
  target_fps: num,
  target_fps_idle: num,
  stream_url: str,
  snapshot_url: str,
  flip_horizontal: z.optional(z.boolean()),
  flip_vertical: z.optional(z.boolean()),
  rotation: num,
  aspect_ratio: str,
  extra_data: z.optional(z.record(z.string(), z.unknown())),
  source: str,
});
export const WebcamListResult = z.looseObject({ webcams: z.array(webcam) });
export const WebcamItemResult = z.looseObject({ webcam });

// ---------------------------------------------------------------- database (docs/external_api/database.md)

export const DatabaseListResult = z.looseObject({
  namespaces: z.array(z.string()),
  backups: z.optional(z.array(z.string())),
});
export const DatabaseItemResult = z.looseObject({
  namespace: z.string(),
  key: z.optional(z.nullable(z.union([z.string(), z.array(z.string())]))),
  value: z.unknown(),
});

// ---------------------------------------------------------------- notification params

export const GcodeResponseParams = z.tuple([z.string()], z.unknown());

export const ProcStatParams = z.tuple(
  [
    z.looseObject({
      moonraker_stats: z.optional(z.looseObject({ time: num, cpu_usage: num, memory: num, mem_units: str })),
      cpu_temp: z.optional(z.nullable(z.number())),
      network: z.optional(z.record(z.string(), z.unknown())),
      system_cpu_usage: z.optional(z.record(z.string(), z.number())),
      system_memory: z.optional(z.record(z.string(), z.number())),
      system_uptime: num,
      websocket_connections: num,
    }),
  ],
  z.unknown(),
);

export const HistoryChangedParams = z.tuple(
  [
    z.pipe(
      z.looseObject({ action: z.string(), job: HistoryJob }),
      z.transform((v) => lenientEnum(v, 'action', ['added', 'finished'] as const)),
    ),
  ],
  z.unknown(),
);

export const FilelistChangedParams = z.tuple(
  [
    z.pipe(
      z.looseObject({ action: z.string(), item: fileItem, source_item: z.optional(fileItem) }),
      z.transform((v) => lenientEnum(v, 'action', FILELIST_ACTIONS)),
    ),
  ],
  z.unknown(),
);

export const JobQueueChangedParams = z.tuple(
  [
    z.pipe(
      z.looseObject({
        action: z.string(),
        updated_queue: z.optional(z.nullable(z.array(queuedJob))),
        queue_state: z.string(),
      }),
      z.transform((v) =>
        lenientEnum(lenientEnum(v, 'action', JOB_QUEUE_ACTIONS), 'queue_state', JOB_QUEUE_STATES),
      ),
    ),
  ],
  z.unknown(),
);

// ---------------------------------------------------------------- the hot path, by hand

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `notify_status_update` params: `[diff, eventtime]`, the diff an object (object name → changed
 * fields). Whether each object's fields are an object is checked where the diff is merged
 * (`StatusStore.applyKnown`), in the same pass: one walk over the diff per frame, not two.
 */
export function isStatusEnvelope(params: unknown): params is [Record<string, unknown>, number] {
  return (
    Array.isArray(params) &&
    params.length >= 1 &&
    isPlainObject(params[0]) &&
    (params.length < 2 || typeof params[1] === 'number')
  );
}
