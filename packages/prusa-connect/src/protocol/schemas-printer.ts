/**
 * Printers: `GET /app/printers` (list) and `GET /app/printers/{uuid}` (detail). Field names are the
 * wire's. Every field is optional because the list omits some (`network_info`, `prusalink_api_key`)
 * and an offline printer omits telemetry; see the captures in test/fixtures.
 */
import * as z from 'zod/mini';
import { nullableNumber, openEnum, PagerSchema } from './schemas.js';

/**
 * Printer states seen in `state`, `printer_state` and `connect_state`. `connect_state` is the one that
 * says OFFLINE; `printer_state` keeps its last value while the printer is offline.
 */
export const PRINTER_STATES = [
  'IDLE',
  'READY',
  'BUSY',
  'PRINTING',
  'PAUSED',
  'FINISHED',
  'STOPPED',
  'ERROR',
  'ATTENTION',
  'MANIPULATING',
  'OFFLINE',
  'UNKNOWN',
] as const;

export const printerStateSchema = openEnum(PRINTER_STATES);

/** `temp`: nozzle and bed readings and targets in °C. */
export const PrinterTempSchema = z.looseObject({
  temp_nozzle: z.optional(nullableNumber),
  temp_bed: z.optional(nullableNumber),
  target_nozzle: z.optional(nullableNumber),
  target_bed: z.optional(nullableNumber),
});

/** One entry of `tools` (keyed "1", "2", ... — tool numbers start at 1). */
export const PrinterToolSchema = z.looseObject({
  temp: z.optional(nullableNumber),
  active: z.optional(z.boolean()),
  material: z.optional(z.nullable(z.string())),
  nozzle_diameter: z.optional(nullableNumber),
  fan_hotend: z.optional(nullableNumber),
  fan_print: z.optional(nullableNumber),
  high_flow: z.optional(z.boolean()),
  hardened: z.optional(z.boolean()),
});

/** `chamber` (CORE One): temperature and target in °C, fan RPMs, LED intensity in %. */
export const PrinterChamberSchema = z.looseObject({
  temp: z.optional(nullableNumber),
  target_temp: z.optional(nullableNumber),
  fan_1_rpm: z.optional(nullableNumber),
  fan_2_rpm: z.optional(nullableNumber),
  led_intensity: z.optional(nullableNumber),
});

/** Job states (also `UNKNOWN` as a history filter). */
export const JOB_STATES = [
  'PRINTING',
  'PAUSED',
  'FIN_OK',
  'FIN_STOPPED',
  'FIN_ERROR',
  'FIN_HARVESTED',
  'UNKNOWN',
] as const;
export const jobState = openEnum(JOB_STATES);

/**
 * `job_info` of a printer detail: the current (or last) job. It can be as thin as
 * `{origin_id, state, print_height}`, so every field is optional. `progress` is 0–100,
 * times are seconds, `start`/`end` Unix seconds.
 */
export const JobInfoSchema = z.looseObject({
  id: z.optional(z.number()),
  origin_id: z.optional(z.number()),
  path: z.optional(z.nullable(z.string())),
  display_name: z.optional(z.nullable(z.string())),
  hash: z.optional(z.nullable(z.string())),
  state: z.optional(jobState),
  progress: z.optional(nullableNumber),
  time_printing: z.optional(nullableNumber),
  time_remaining: z.optional(nullableNumber),
  start: z.optional(nullableNumber),
  end: z.optional(nullableNumber),
  preview_url: z.optional(z.nullable(z.string())),
  print_height: z.optional(nullableNumber),
});

/** A printer as `GET /app/printers/{uuid}` returns it (the list returns a subset of these fields). */
export const PrinterSchema = z.looseObject({
  uuid: z.optional(z.string()),
  name: z.optional(z.nullable(z.string())),
  location: z.optional(z.nullable(z.string())),
  sn: z.optional(z.nullable(z.string())),
  team_id: z.optional(z.number()),
  team_name: z.optional(z.nullable(z.string())),
  printer_type: z.optional(z.string()),
  printer_type_name: z.optional(z.string()),
  printer_model: z.optional(z.string()),
  firmware: z.optional(z.nullable(z.string())),
  created: z.optional(z.number()),
  last_online: z.optional(nullableNumber),
  state: z.optional(printerStateSchema),
  printer_state: z.optional(printerStateSchema),
  connect_state: z.optional(printerStateSchema),
  state_reason: z.optional(z.nullable(z.string())),
  temp: z.optional(PrinterTempSchema),
  axis_x: z.optional(nullableNumber),
  axis_y: z.optional(nullableNumber),
  axis_z: z.optional(nullableNumber),
  speed: z.optional(nullableNumber),
  flow: z.optional(nullableNumber),
  nozzle_diameter: z.optional(nullableNumber),
  tools: z.optional(z.record(z.string(), PrinterToolSchema)),
  chamber: z.optional(PrinterChamberSchema),
  filament: z.optional(z.looseObject({ material: z.optional(z.nullable(z.string())) })),
  job_info: z.optional(z.nullable(JobInfoSchema)),
  dialog_info: z.optional(z.nullable(z.looseObject({}))),
  network_info: z.optional(z.nullable(z.looseObject({}))),
  prusalink_api_key: z.optional(z.nullable(z.string())),
  allowed_functionalities: z.optional(z.array(z.string())),
});

/** `GET /app/printers?limit&offset&team_id` */
export const PrinterListSchema = z.looseObject({
  printers: z.array(PrinterSchema),
  pager: z.optional(PagerSchema),
});

/**
 * One point of `GET /app/printers/{uuid}/telemetry`: `time` in Unix seconds, then the detail's field
 * names. The reply's shape was never captured: every field is optional and anything else is kept.
 */
export const TelemetryPointSchema = z.looseObject({
  time: z.optional(z.number()),
  state: z.optional(printerStateSchema),
  temp_nozzle: z.optional(nullableNumber),
  temp_bed: z.optional(nullableNumber),
  target_nozzle: z.optional(nullableNumber),
  target_bed: z.optional(nullableNumber),
  axis_x: z.optional(nullableNumber),
  axis_y: z.optional(nullableNumber),
  axis_z: z.optional(nullableNumber),
  speed: z.optional(nullableNumber),
  flow: z.optional(nullableNumber),
  fan_print: z.optional(nullableNumber),
  fan_hotend: z.optional(nullableNumber),
});

/**
 * `GET /app/printers/{uuid}/telemetry?from&granularity`. Not captured: read leniently as
 * `{from?, to?, granularity?, data?: points}` (the shape the printkit mock answers), anything else kept.
 */
export const TelemetrySchema = z.looseObject({
  from: z.optional(nullableNumber),
  to: z.optional(nullableNumber),
  granularity: z.optional(nullableNumber),
  data: z.optional(z.array(TelemetryPointSchema)),
});

/**
 * One entry of `GET /app/printers/{uuid}/transfers`: a file on its way to the printer. Not captured
 * beyond `id`/`origin_id` (events carry `transfer_id`; SEND_TRANSFER_INFO references
 * `transfer.origin_id`); every field is optional and anything else is kept.
 */
export const TransferSchema = z.looseObject({
  id: z.optional(z.number()),
  origin_id: z.optional(nullableNumber),
  type: z.optional(z.nullable(z.string())),
  state: z.optional(z.nullable(z.string())),
  path: z.optional(z.nullable(z.string())),
  display_name: z.optional(z.nullable(z.string())),
  size: z.optional(nullableNumber),
  transferred: z.optional(nullableNumber),
  progress: z.optional(nullableNumber),
  hash: z.optional(z.nullable(z.string())),
  team_id: z.optional(nullableNumber),
});

/** `GET /app/printers/{uuid}/transfers?limit&offset` (wrapping key as the mock answers; lenient). */
export const TransferListSchema = z.looseObject({
  transfers: z.optional(z.array(TransferSchema)),
  pager: z.optional(PagerSchema),
});
