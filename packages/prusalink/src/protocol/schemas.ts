/**
 * zod/mini schemas of every PrusaLink reply (INTERNAL: never exported). Objects are loose, so fields a
 * later firmware adds pass through; every field the spec marks optional is optional, and so are the
 * spec's "required" fields a real printer leaves out (the Buddy firmware's `/api/version` has no
 * `version`, `printer` or `firmware`). Enum-like fields are plain strings here; decode.ts maps unknown
 * values to `'unknown'` + `<field>_raw`.
 *
 * Sources: spec/openapi.yaml and spec/openapi-legacy.yaml (prusa3d/Prusa-Link-Web a67f306),
 * lib/WUI (prusa3d/Prusa-Firmware-Buddy 818d812), prusa/link/web (prusa3d/Prusa-Link cc74860, 58d09da).
 */
import * as z from 'zod/mini';

const optionalNumber = z.optional(z.nullable(z.number()));
const optionalString = z.optional(z.nullable(z.string()));
const optionalBoolean = z.optional(z.nullable(z.boolean()));

// ---- v1 ---------------------------------------------------------------------------------------

export const VersionSchema = z.looseObject({
  api: z.string(),
  version: optionalString,
  server: optionalString,
  printer: optionalString,
  text: optionalString,
  firmware: optionalString,
  sdk: optionalString,
  hostname: optionalString,
  original: optionalString,
  nozzle_diameter: optionalNumber,
  capabilities: z.optional(z.nullable(z.looseObject({ 'upload-by-put': optionalBoolean }))),
});

export const InfoSchema = z.looseObject({
  mmu: optionalBoolean,
  name: optionalString,
  location: optionalString,
  farm_mode: optionalBoolean,
  nozzle_diameter: optionalNumber,
  min_extrusion_temp: optionalNumber,
  serial: optionalString,
  sd_ready: optionalBoolean,
  active_camera: optionalBoolean,
  hostname: optionalString,
  port: optionalString,
  network_error_chime: optionalBoolean,
});

const OkMessageSchema = z.looseObject({ ok: optionalBoolean, message: optionalString });

export const StatusPrinterSchema = z.looseObject({
  state: z.string(),
  temp_nozzle: optionalNumber,
  target_nozzle: optionalNumber,
  temp_bed: optionalNumber,
  target_bed: optionalNumber,
  axis_x: optionalNumber,
  axis_y: optionalNumber,
  axis_z: optionalNumber,
  flow: optionalNumber,
  speed: optionalNumber,
  fan_hotend: optionalNumber,
  fan_print: optionalNumber,
  status_printer: z.optional(z.nullable(OkMessageSchema)),
  status_connect: z.optional(z.nullable(OkMessageSchema)),
});

export const StatusJobSchema = z.looseObject({
  id: optionalNumber,
  progress: optionalNumber,
  time_remaining: optionalNumber,
  time_printing: optionalNumber,
});

export const StatusTransferSchema = z.looseObject({
  id: z.number(),
  time_transferring: optionalNumber,
  progress: optionalNumber,
  data_transferred: optionalNumber,
  transferred: optionalNumber,
});

export const StatusStorageSchema = z.looseObject({
  name: optionalString,
  path: optionalString,
  read_only: optionalBoolean,
  free_space: optionalNumber,
});

export const StatusSchema = z.looseObject({
  printer: StatusPrinterSchema,
  job: z.optional(z.nullable(StatusJobSchema)),
  transfer: z.optional(z.nullable(StatusTransferSchema)),
  // PrusaLink on a Pi sends a list of storages here, the firmware one object.
  storage: z.optional(z.nullable(z.union([StatusStorageSchema, z.array(StatusStorageSchema)]))),
  camera: z.optional(z.nullable(z.looseObject({ id: optionalString }))),
});

const PrintFileMetaSchema = z.looseObject({
  estimated_print_time: optionalNumber,
  temperature: optionalNumber,
  bed_temperature: optionalNumber,
  layer_height: optionalNumber,
  filament_type: optionalString,
});

const RefsSchema = z.looseObject({
  download: optionalString,
  icon: optionalString,
  thumbnail: optionalString,
});

export const JobFileSchema = z.looseObject({
  name: z.string(),
  display_name: optionalString,
  path: z.string(),
  display_path: optionalString,
  size: optionalNumber,
  m_timestamp: optionalNumber,
  meta: z.optional(z.nullable(PrintFileMetaSchema)),
  refs: z.optional(z.nullable(RefsSchema)),
});

export const JobSchema = z.looseObject({
  id: z.number(),
  state: z.string(),
  progress: z.number(),
  time_remaining: optionalNumber,
  time_printing: optionalNumber,
  inaccurate_estimates: optionalBoolean,
  serial_print: optionalBoolean,
  file: z.optional(z.nullable(JobFileSchema)),
});

export const StorageSchema = z.looseObject({
  name: optionalString,
  type: z.string(),
  path: z.string(),
  print_files: optionalNumber,
  system_files: optionalNumber,
  free_space: optionalNumber,
  total_space: optionalNumber,
  available: z.boolean(),
  read_only: optionalBoolean,
});

export const StorageListSchema = z.looseObject({ storage_list: z.array(StorageSchema) });

export const TransferSchema = z.looseObject({
  type: z.string(),
  display_name: optionalString,
  path: optionalString,
  url: optionalString,
  // The spec types `size` as a string of bytes and the firmware prints it so ("%d" in quotes).
  size: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  progress: optionalNumber,
  transferred: optionalNumber,
  time_remaining: optionalNumber,
  time_transferring: optionalNumber,
  to_print: optionalBoolean,
});

/** One entry of a folder listing (children are not nested further). */
export const FileEntrySchema = z.looseObject({
  name: z.string(),
  display_name: optionalString,
  read_only: optionalBoolean,
  size: optionalNumber,
  type: z.string(),
  m_timestamp: optionalNumber,
  refs: z.optional(z.nullable(RefsSchema)),
});

export const FileInfoSchema = z.looseObject({
  name: z.string(),
  display_name: optionalString,
  read_only: optionalBoolean,
  size: optionalNumber,
  type: z.string(),
  m_timestamp: optionalNumber,
  refs: z.optional(z.nullable(RefsSchema)),
  meta: z.optional(z.nullable(z.looseObject({}))),
  children: z.optional(z.nullable(z.array(FileEntrySchema))),
});

export const CameraSchema = z.looseObject({
  camera_id: z.string(),
  config: z.optional(
    z.nullable(
      z.looseObject({
        path: optionalString,
        name: optionalString,
        driver: optionalString,
        resolution: optionalString,
      }),
    ),
  ),
  connected: optionalBoolean,
  detected: optionalBoolean,
  stored: optionalBoolean,
  linked: optionalBoolean,
});

export const CameraListSchema = z.array(CameraSchema);

/** The spec's `Error` object; errors also come as plain text. */
export const ErrorBodySchema = z.looseObject({
  code: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  title: z.optional(z.nullable(z.string())),
  text: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
  url: optionalString,
});

// ---- legacy ------------------------------------------------------------------------------------

const TemperatureDataSchema = z.looseObject({
  actual: optionalNumber,
  target: optionalNumber,
  offset: optionalNumber,
});

export const LegacyPrinterSchema = z.looseObject({
  temperature: z.optional(
    z.nullable(
      z.looseObject({
        tool0: z.optional(z.nullable(TemperatureDataSchema)),
        bed: z.optional(z.nullable(TemperatureDataSchema)),
        chamber: z.optional(z.nullable(TemperatureDataSchema)),
      }),
    ),
  ),
  sd: z.optional(z.nullable(z.looseObject({ ready: optionalBoolean }))),
  state: z.looseObject({
    text: z.string(),
    flags: z.optional(
      z.nullable(
        z.looseObject({
          link_state: optionalString,
          finished: optionalBoolean,
          operational: optionalBoolean,
        }),
      ),
    ),
  }),
  telemetry: z.optional(z.nullable(z.looseObject({}))),
});

export const LegacyJobSchema = z.looseObject({
  job: z.optional(
    z.nullable(
      z.looseObject({
        estimatedPrintTime: optionalNumber,
        file: z.optional(
          z.nullable(
            z.looseObject({
              name: optionalString,
              path: optionalString,
              display: optionalString,
              origin: optionalString,
              size: optionalNumber,
              date: optionalNumber,
            }),
          ),
        ),
      }),
    ),
  ),
  progress: z.optional(
    z.nullable(
      z.looseObject({
        completion: optionalNumber,
        printTime: optionalNumber,
        printTimeLeft: optionalNumber,
      }),
    ),
  ),
  state: z.string(),
});

const LegacyFileSchema = z.looseObject({
  name: z.string(),
  display: optionalString,
  path: optionalString,
  origin: optionalString,
  type: optionalString,
  size: optionalNumber,
  date: optionalNumber,
  children: z.optional(z.nullable(z.array(z.looseObject({})))),
});

export const LegacyFilesSchema = z.looseObject({
  files: z.array(LegacyFileSchema),
  // Integers in the spec; PrusaLink 0.9 on a Pi sent text such as "12 GB".
  free: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  total: z.optional(z.nullable(z.union([z.number(), z.string()]))),
});
