/**
 * Klipper's printer objects, built from a simulator snapshot plus Klippy's and Klipper's own state.
 * Field names, order and value kinds follow payloads captured from a real Klippy
 * (protocol-notes/moonraker.md) and Klipper's docs/Status_Reference.md.
 */
import type { SimSnapshot, SimState } from '@printkit/printer-sim';
import { currentObject, type ExcludeObjectDefinition } from './exclude-object.js';
import type { KlipperState } from './klipper-state.js';
import { AXIS_MAXIMUM_MM, IDLE_TIMEOUT_SECONDS, MIN_EXTRUDE_TEMP } from './klipper-state.js';
import type { KlippyState } from './klippy.js';
import { isJobActive } from './sim-states.js';

export type ObjectStatus = Record<string, unknown>;
export type PrinterObjects = Record<string, ObjectStatus>;

export const GCODES_DIR = '/home/pi/printer_data/gcodes';

export interface ObjectsInput {
  readonly snapshot: SimSnapshot;
  readonly klippyState: KlippyState;
  readonly klippyMessage: string;
  readonly klipper: KlipperState;
  /** Klipper's monotonic clock, seconds. */
  readonly eventtime: number;
  /** Seconds since this Klippy process started (toolhead.estimated_print_time). */
  readonly uptime: number;
  /** Sim ms now. */
  readonly now: number;
  /** File size in bytes of the current job's file, if known. */
  readonly fileSize: number | undefined;
  /** The objects the current job's file defines (EXCLUDE_OBJECT_DEFINE). */
  readonly fileObjects: readonly ExcludeObjectDefinition[];
}

/**
 * The names `printer.objects.list` reports; a chamber heater adds `heater_generic chamber`, each
 * configured output pin `output_pin <name>`.
 */
export function objectNames(hasChamber: boolean, outputPins: readonly string[] = []): string[] {
  const names = [
    'webhooks',
    'configfile',
    'mcu',
    'gcode_move',
    'print_stats',
    'virtual_sdcard',
    'pause_resume',
    'display_status',
    'exclude_object',
    'heaters',
    'heater_bed',
    'fan',
    'idle_timeout',
    'motion_report',
    'query_endstops',
    'system_stats',
    'toolhead',
    'extruder',
  ];
  if (hasChamber) names.push('heater_generic chamber');
  for (const macro of MACRO_NAMES) names.push(`gcode_macro ${macro}`);
  for (const pin of outputPins) names.push(`output_pin ${pin}`);
  return names;
}

export function printStatsState(state: SimState): string {
  switch (state) {
    case 'idle':
      return 'standby';
    case 'preparing':
    case 'printing':
    case 'resuming':
      return 'printing';
    case 'pausing':
    case 'paused':
      return 'paused';
    case 'cancelling':
    case 'cancelled':
      return 'cancelled';
    case 'finished':
      return 'complete';
    case 'error':
      return 'error';
  }
}

export function buildObjects(input: ObjectsInput): PrinterObjects {
  const { snapshot, klipper } = input;
  const job = snapshot.state === 'idle' ? undefined : snapshot.job;
  const active = isJobActive(snapshot.state);
  const position = [snapshot.position.x, snapshot.position.y, snapshot.position.z, klipper.extruderPosition];
  const nozzle = snapshot.temperatures.nozzle;
  const bed = snapshot.temperatures.bed;
  const sdcard = virtualSdcard(snapshot.state, job, input.fileSize ?? 0);
  const progress = sdcard.progress;
  const uptime = round(input.uptime, 3);

  const objects: PrinterObjects = {
    webhooks: { state: input.klippyState, state_message: input.klippyMessage },
    configfile: snapshot.temperatures.chamber ? CONFIGFILE_WITH_CHAMBER : CONFIGFILE,
    mcu: {
      mcu_version: 'v0.12.0-85-gd785b396',
      mcu_build_versions: 'gcc: (GCC) 12.2.0 binutils: (GNU Binutils) 2.40',
      mcu_constants: { CLOCK_FREQ: 16000000, MCU: 'atmega2560' },
      last_stats: {},
    },
    gcode_move: {
      speed_factor: round(snapshot.speedPercent / 100, 4),
      speed: klipper.feedRate,
      extrude_factor: round(snapshot.flowPercent / 100, 4),
      absolute_coordinates: klipper.absoluteCoordinates,
      absolute_extrude: klipper.absoluteExtrude,
      homing_origin: [0, 0, 0, 0],
      position,
      gcode_position: position,
    },
    print_stats: {
      filename: job?.file ?? '',
      total_duration: job ? job.elapsedSeconds : 0,
      print_duration: job ? job.printSeconds : 0,
      filament_used: job ? job.filamentMm : 0,
      state: printStatsState(snapshot.state),
      message: snapshot.state === 'error' ? snapshot.message : '',
      info: klipper.printStatsInfo
        ? { ...klipper.printStatsInfo }
        : {
            total_layer: job ? job.totalLayers : null,
            current_layer: job && job.layer > 0 ? job.layer : null,
          },
    },
    virtual_sdcard: {
      ...sdcard,
      is_active:
        snapshot.state === 'printing' || snapshot.state === 'preparing' || snapshot.state === 'resuming',
    },
    pause_resume: {
      is_paused: snapshot.state === 'paused' || snapshot.state === 'pausing' || klipper.pausedWithoutSd,
    },
    display_status: { message: klipper.displayMessage, progress },
    exclude_object: {
      objects: job ? input.fileObjects.map((o) => ({ ...o })) : [],
      excluded_objects: job ? [...klipper.excludedObjects] : [],
      current_object:
        job && snapshot.state === 'printing'
          ? currentObject(input.fileObjects, klipper.excludedObjects, job.layer)
          : null,
    },
    heaters: {
      available_heaters: [
        'heater_bed',
        'extruder',
        ...(snapshot.temperatures.chamber ? ['heater_generic chamber'] : []),
      ],
      available_sensors: [
        'heater_bed',
        'extruder',
        ...(snapshot.temperatures.chamber ? ['heater_generic chamber'] : []),
      ],
      available_monitors: [],
    },
    heater_bed: heater(bed.actual, bed.target),
    fan: { speed: round(snapshot.fanPercent / 100, 4), rpm: null },
    idle_timeout: {
      state: active ? 'Printing' : idleState(klipper.lastActivityAt, input.now),
      printing_time: active && snapshot.job ? snapshot.job.elapsedSeconds : 0,
      idle_timeout: IDLE_TIMEOUT_SECONDS,
    },
    motion_report: {
      live_position: position,
      // The sim has no motion planner: a steady 100 mm/s × speed factor while printing.
      live_velocity: snapshot.state === 'printing' ? round(100 * (snapshot.speedPercent / 100), 2) : 0,
      live_extruder_velocity:
        snapshot.state === 'printing' ? round(2.4 * (snapshot.flowPercent / 100), 2) : 0,
      steppers: ['extruder', 'stepper_x', 'stepper_y', 'stepper_z'],
      trapq: ['extruder', 'toolhead'],
    },
    // query_endstops.py L22-23 reports the raw pin values (0/1), not the "open"/"TRIGGERED" words.
    query_endstops: { last_query: { ...klipper.lastEndstopQuery } },
    system_stats: { sysload: 0.12, cputime: round(uptime * 0.02, 3), memavail: 3_251_208 },
    toolhead: {
      homed_axes: klipper.homedAxes,
      axis_minimum: [0, 0, 0, 0],
      axis_maximum: [AXIS_MAXIMUM_MM.x, AXIS_MAXIMUM_MM.y, AXIS_MAXIMUM_MM.z, 0],
      print_time: uptime,
      stalls: 0,
      estimated_print_time: uptime,
      extruder: 'extruder',
      position,
      max_velocity: 300,
      max_accel: 1500,
      minimum_cruise_ratio: 0.5,
      square_corner_velocity: 5,
      // toolhead.py L430-433, L517: extra axes by name → position index (the extruder is index 3).
      extra_axes: { extruder: 3 },
    },
    extruder: {
      temperature: nozzle.actual,
      target: nozzle.target,
      power: power(nozzle.actual, nozzle.target),
      can_extrude: nozzle.actual >= MIN_EXTRUDE_TEMP,
      pressure_advance: 0,
      smooth_time: 0.04,
      motion_queue: null,
    },
  };
  const chamber = snapshot.temperatures.chamber;
  if (chamber) objects['heater_generic chamber'] = heater(chamber.actual, chamber.target);
  // A gcode_macro object reports its variables; these macros have none.
  for (const macro of MACRO_NAMES) objects[`gcode_macro ${macro}`] = {};
  const pins = klipper.outputPins;
  for (const name of pins.names()) {
    const value = pins.value(name);
    // A pin that is also a simulator light follows the light when something else switched it.
    const light = Object.hasOwn(snapshot.lights, name) ? snapshot.lights[name] : undefined;
    objects[`output_pin ${name}`] = {
      value: light === undefined || light === value > 0 ? value : light ? 1 : 0,
    };
  }
  if (klipper.shutdownHeaters) {
    for (const [name, status] of Object.entries(klipper.shutdownHeaters))
      if (Object.hasOwn(objects, name)) objects[name] = { ...objects[name], ...status };
  }
  return objects;
}

/** The heater objects of a status, for freezing them at an emergency stop. */
export const HEATER_OBJECTS = ['extruder', 'heater_bed', 'heater_generic chamber'] as const;

function heater(temperature: number, target: number): ObjectStatus {
  return { temperature, target, power: power(temperature, target) };
}

/** A plausible PWM duty: full power far below target, a holding duty near it, off without target. */
function power(temperature: number, target: number): number {
  if (target <= 0) return 0;
  return round(Math.min(1, Math.max(0.25, (target - temperature) / 10)), 3);
}

function idleState(lastActivityAt: number | undefined, now: number): string {
  if (lastActivityAt === undefined) return 'Idle';
  return now - lastActivityAt < IDLE_TIMEOUT_SECONDS * 1000 ? 'Ready' : 'Idle';
}

/** Static per printer: built once. */
export function configfile(hasChamber: boolean): ObjectStatus {
  const settings: Record<string, Record<string, unknown>> = {
    printer: { kinematics: 'cartesian', max_velocity: 300, max_accel: 1500, square_corner_velocity: 5 },
    stepper_x: { position_min: 0, position_max: AXIS_MAXIMUM_MM.x, position_endstop: 0 },
    stepper_y: { position_min: 0, position_max: AXIS_MAXIMUM_MM.y, position_endstop: 0 },
    stepper_z: { position_min: 0, position_max: AXIS_MAXIMUM_MM.z, position_endstop: 0 },
    extruder: { min_temp: 0, max_temp: 300, min_extrude_temp: MIN_EXTRUDE_TEMP, nozzle_diameter: 0.4 },
    heater_bed: { min_temp: 0, max_temp: 120 },
    fan: {},
    virtual_sdcard: { path: GCODES_DIR },
    pause_resume: {},
    display_status: {},
    // The objects list has exclude_object, and the interpreter answers M118/RESPOND: both need
    // their section in Klipper (Mainsail's mainsail.cfg declares [respond] too).
    exclude_object: {},
    respond: {},
    idle_timeout: { timeout: IDLE_TIMEOUT_SECONDS },
  };
  if (hasChamber) settings['heater_generic chamber'] = { min_temp: 0, max_temp: 60 };
  // Klipper lower-cases section names in `settings`; `config` keeps them as written.
  const rawSections: Record<string, Record<string, unknown>> = {};
  for (const [name, macro] of Object.entries(MACROS)) {
    rawSections[`gcode_macro ${name}`] = macro;
    settings[`gcode_macro ${name.toLowerCase()}`] = macro;
  }
  const config: Record<string, Record<string, string>> = {};
  for (const [section, values] of Object.entries(settings)) {
    if (section.startsWith('gcode_macro ')) continue;
    config[section] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  }
  for (const [section, values] of Object.entries(rawSections)) {
    config[section] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  }
  return { config, settings, save_config_pending: false, save_config_pending_items: {}, warnings: [] };
}

/**
 * The macros Mainsail's and Fluidd's setup guides require ([gcode_macro PAUSE|RESUME|CANCEL_PRINT]
 * renaming Klipper's own commands to *_BASE), in their simplest form; the G-code interpreter runs
 * their bodies (gcode.ts).
 */
export const MACROS: Readonly<
  Record<string, { description: string; rename_existing: string; gcode: string }>
> = {
  PAUSE: {
    description: 'Pause the actual running print',
    rename_existing: 'PAUSE_BASE',
    gcode: '\nPAUSE_BASE',
  },
  RESUME: {
    description: 'Resume the actual running print',
    rename_existing: 'RESUME_BASE',
    gcode: '\nRESUME_BASE',
  },
  CANCEL_PRINT: {
    description: 'Cancel the actual running print',
    rename_existing: 'CANCEL_PRINT_BASE',
    gcode: '\nTURN_OFF_HEATERS\nCANCEL_PRINT_BASE',
  },
};
const MACRO_NAMES = Object.keys(MACROS);

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const CONFIGFILE = configfile(false);
const CONFIGFILE_WITH_CHAMBER = configfile(true);

/**
 * virtual_sdcard.get_status (virtual_sdcard.py L104-120) after each way a print ends: a cancel
 * closes the file and zeroes position and size (do_cancel, L134-140); the end of the file closes
 * it with the position at the end (L262-267); an error or a pause keeps the file open.
 */
function virtualSdcard(
  state: SimState,
  job: SimSnapshot['job'],
  fileSize: number,
): { file_path: string | null; progress: number; file_position: number; file_size: number } {
  if (!job || state === 'cancelling' || state === 'cancelled')
    return { file_path: null, progress: 0, file_position: 0, file_size: 0 };
  if (state === 'finished')
    return { file_path: null, progress: fileSize > 0 ? 1 : 0, file_position: fileSize, file_size: fileSize };
  const progress = round(job.progress, 4);
  return {
    file_path: `${GCODES_DIR}/${job.file}`,
    progress,
    file_position: Math.floor(progress * fileSize),
    file_size: fileSize,
  };
}
