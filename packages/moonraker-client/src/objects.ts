/**
 * Typed Klipper printer objects (Klipper `docs/Status_Reference.md`; real payloads in the protocol
 * notes). Wire names and units are kept: temperatures in °C, durations in seconds, `progress` 0..1,
 * positions in mm. Every field is optional because a `notify_status_update` diff carries only what
 * changed and Klipper versions differ. Objects that are not typed here stay available untyped.
 *
 * The status store keeps exactly what arrived (`KlipperStatus`, the wire shapes). `parseKlipperObject`
 * validates one merged object on demand and turns unknown enum values into `'unknown'` + `<field>_raw`.
 */
import * as z from 'zod/mini';
import { describeIssue } from './describe-issue.js';
import { lenientEnum } from './enums.js';

const num = z.optional(z.number());
const nullableNum = z.optional(z.nullable(z.number()));
const str = z.optional(z.string());
const bool = z.optional(z.boolean());
const numbers = z.optional(z.array(z.number()));

export const KLIPPY_STATES = ['ready', 'startup', 'error', 'shutdown'] as const;
export const PRINT_STATS_STATES = [
  'standby',
  'printing',
  'paused',
  'complete',
  'cancelled',
  'error',
] as const;
export const IDLE_TIMEOUT_STATES = ['Idle', 'Ready', 'Printing'] as const;

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

export type Webhooks = z.infer<typeof WebhooksWire>;
export type PrintStats = z.infer<typeof PrintStatsWire>;
export type VirtualSdcard = z.infer<typeof VirtualSdcardWire>;
export type Extruder = z.infer<typeof ExtruderWire>;
export type HeaterBed = z.infer<typeof HeaterBedWire>;
export type Toolhead = z.infer<typeof ToolheadWire>;
export type GcodeMove = z.infer<typeof GcodeMoveWire>;
export type DisplayStatus = z.infer<typeof DisplayStatusWire>;
export type IdleTimeout = z.infer<typeof IdleTimeoutWire>;
export type Fan = z.infer<typeof FanWire>;

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

const PARSERS = {
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
} satisfies Record<keyof KnownKlipperObjects, z.ZodMiniType>;

/** A typed object after validation: enum fields narrowed, unknown values as `'unknown'` + `<field>_raw`. */
export type ParsedKlipperObject<K extends keyof KnownKlipperObjects> = z.output<(typeof PARSERS)[K]>;

export type ParseObjectResult<K extends keyof KnownKlipperObjects> =
  | { success: true; data: ParsedKlipperObject<K> }
  | { success: false; error: string };

/** Validates one typed object (for example the merged `print_stats` from the status store). */
export function parseKlipperObject<K extends keyof KnownKlipperObjects>(
  name: K,
  value: unknown,
): ParseObjectResult<K> {
  const result = PARSERS[name].safeParse(value ?? {});
  if (result.success) return { success: true, data: result.data as ParsedKlipperObject<K> };
  return { success: false, error: describeIssue(result.error) };
}
