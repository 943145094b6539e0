/**
 * `printer.gcode.help` and `HELP`: the extended commands a stock Klipper registers *with a help
 * text* for the fake's printer.cfg (objects.ts `configfile`). Klipper's gcode.py keeps `gcode_help`
 * only for commands registered with `desc=`; plain G/M codes (G28, M104, ...) have none and are not
 * listed. Facts (names, texts, which module registers what under which condition) are from
 * Klipper3d/klipper @ 84104bbbd7625d28b4eaaad83f4562972460ecd9, the `cmd_*_help` strings of the
 * modules that config loads: klippy.py loads one module per section, toolhead.py its default
 * modules, stepper.py `stepper_enable`/`force_move`/`motion_report`, heaters.py `pid_calibrate`,
 * virtual_sdcard.py `print_stats`. Ordered as Klipper registers them.
 */

/** Listed and answered on the wire, but not simulated: the interpreter refuses them (gcode.ts). */
const UNSIMULATED_HELP: Readonly<Record<string, string>> = {
  // configfile.py
  SAVE_CONFIG: 'Overwrite config file and restart',
  // toolhead.py
  SET_VELOCITY_LIMIT: 'Set printer velocity limits',
  // kinematics/extruder.py ([extruder])
  SET_PRESSURE_ADVANCE: 'Set pressure advance parameters',
  SET_EXTRUDER_ROTATION_DISTANCE: 'Set extruder rotation distance',
  SYNC_EXTRUDER_MOTION: 'Set extruder stepper motion queue',
  ACTIVATE_EXTRUDER: 'Change the active extruder',
  // extras/gcode_move.py
  SET_GCODE_OFFSET: 'Set a virtual offset to g-code positions',
  SAVE_GCODE_STATE: 'Save G-Code coordinate state',
  RESTORE_GCODE_STATE: 'Restore a previously saved G-Code state',
  GET_POSITION: 'Return information on the current location of the toolhead',
  // extras/idle_timeout.py
  SET_IDLE_TIMEOUT: 'Set the idle timeout in seconds',
  // extras/manual_probe.py (Z_* because [stepper_z] has a position_endstop)
  MANUAL_PROBE: 'Start manual probe helper script',
  Z_ENDSTOP_CALIBRATE: 'Calibrate a Z endstop',
  Z_OFFSET_APPLY_ENDSTOP: 'Adjust the z endstop_position',
  // extras/tuning_tower.py
  TUNING_TOWER: 'Tool to adjust a parameter at each Z height',
  // extras/stepper_enable.py, extras/force_move.py (FORCE_MOVE/SET_KINEMATIC_POSITION need
  // enable_force_move, which this config does not set)
  SET_STEPPER_ENABLE: 'Enable/disable individual stepper by name',
  STEPPER_BUZZ: 'Oscillate a given stepper to help id it',
  // extras/heaters.py, extras/pid_calibrate.py
  TEMPERATURE_WAIT: 'Wait for a temperature on a sensor',
  PID_CALIBRATE: 'Run PID calibration test',
  // extras/exclude_object.py (the sim reads these lines from the file it prints, not from scripts)
  EXCLUDE_OBJECT_START: 'Marks the beginning the current object as labeled',
  EXCLUDE_OBJECT_END: 'Marks the end the current object',
  EXCLUDE_OBJECT_DEFINE: 'Provides a summary of an object',
  // extras/gcode_macro.py: registered by every [gcode_macro]
  SET_GCODE_VARIABLE: 'Set the value of a G-Code macro variable',
};

/** Klipper's texts for the commands the interpreter (gcode.ts) implements. */
const SIMULATED_HELP: Readonly<Record<string, string>> = {
  // gcode.py (registered before the config is read; the only ones while not ready)
  RESTART: 'Reload config file and restart host software',
  FIRMWARE_RESTART: 'Restart firmware, host, and reload config',
  STATUS: 'Report the printer status',
  HELP: 'Report the list of available extended G-Code commands',
  // extras/heaters.py
  SET_HEATER_TEMPERATURE: 'Sets a heater temperature',
  TURN_OFF_HEATERS: 'Turn off all heaters',
  // extras/query_endstops.py
  QUERY_ENDSTOPS: 'Report on the status of each endstop',
  // extras/virtual_sdcard.py, extras/print_stats.py
  SDCARD_RESET_FILE: 'Clears a loaded SD File. Stops the print if necessary',
  SDCARD_PRINT_FILE: 'Loads a SD file and starts the print.  May include files in subdirectories.',
  SET_PRINT_STATS_INFO: 'Pass slicer info like layer act and total to klipper',
  // extras/display_status.py
  SET_DISPLAY_TEXT: 'Set or clear the display message',
  // extras/pause_resume.py; PAUSE/RESUME/CANCEL_PRINT are then renamed by the macros below
  CLEAR_PAUSE: 'Clears the current paused state without resuming the print',
  // extras/exclude_object.py
  EXCLUDE_OBJECT: 'Cancel moves inside a specified objects',
  // extras/respond.py
  RESPOND: 'Echo the message prepended with a prefix',
  // extras/gcode_macro.py with rename_existing: the builtin moves to the new name with the help
  // "Renamed builtin of '<macro>'", the macro takes the name with its `description`
  // (objects.ts MACROS; "G-Code macro" when a macro has none).
  PAUSE_BASE: "Renamed builtin of 'PAUSE'",
  PAUSE: 'Pause the actual running print',
  RESUME_BASE: "Renamed builtin of 'RESUME'",
  RESUME: 'Resume the actual running print',
  CANCEL_PRINT_BASE: "Renamed builtin of 'CANCEL_PRINT'",
  CANCEL_PRINT: 'Cancel the actual running print',
};

/** Every command Klipper lists for the fake's config without output pins. */
export const GCODE_HELP: Readonly<Record<string, string>> = { ...SIMULATED_HELP, ...UNSIMULATED_HELP };

/** output_pin.py registers SET_PIN (mux on PIN) only when at least one [output_pin] exists. */
const SET_PIN_HELP = 'Set the value of an output pin';

/** Commands Klipper registers before reading the config: the only ones HELP lists while not ready. */
const NOT_READY_COMMANDS = ['FIRMWARE_RESTART', 'HELP', 'RESTART', 'STATUS'];

/** `printer.gcode.help`: webhooks.py answers gcode.get_command_help(), a copy of gcode_help. */
export function gcodeHelp(hasOutputPins: boolean): Record<string, string> {
  return hasOutputPins ? { ...GCODE_HELP, SET_PIN: SET_PIN_HELP } : { ...GCODE_HELP };
}

/** Is this a command Klipper lists but the fake does not simulate? Own keys only (wire data). */
export function isUnsimulatedCommand(command: string): boolean {
  return Object.hasOwn(UNSIMULATED_HELP, command);
}

/**
 * gcode.py cmd_HELP: a "not ready" line first when Klippy is not ready (then only the commands
 * registered before the config), the commands sorted, each `"%-10s: %s"`.
 */
export function helpText(hasOutputPins: boolean, ready: boolean): string {
  const help = gcodeHelp(hasOutputPins);
  const names = ready ? Object.keys(help).sort() : NOT_READY_COMMANDS;
  const lines = ready ? [] : ['Printer is not ready - not all commands available.'];
  lines.push('Available extended commands:');
  for (const name of names) lines.push(`${name.padEnd(10)}: ${help[name] ?? ''}`);
  return lines.join('\n');
}
