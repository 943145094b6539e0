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
