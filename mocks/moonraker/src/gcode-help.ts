/** `printer.gcode.help`: descriptions of the extended commands this simulated Klipper registers. */
export const GCODE_HELP: Readonly<Record<string, string>> = {
  RESTART: 'Reload config file and restart host software',
  FIRMWARE_RESTART: 'Restart firmware, host, and reload config',
  STATUS: 'Report the printer status',
  HELP: 'Report the list of available extended G-Code commands',
  TURN_OFF_HEATERS: 'Turn off all heaters',
  SET_HEATER_TEMPERATURE: 'Sets a heater temperature',
  SET_DISPLAY_TEXT: 'Set or clear the display message',
  QUERY_ENDSTOPS: 'Report on the status of each endstop',
  CLEAR_PAUSE: 'Clears the current paused state without resuming the print',
  SDCARD_RESET_FILE: 'Clears a loaded SD File. Stops the print if necessary',
  SDCARD_PRINT_FILE: 'Loads a SD file and starts the print.  May include files in subdirectories.',
  // pause_resume.py's commands, renamed by the [gcode_macro] sections (objects.ts MACROS); the
  // macros themselves are listed with their `description`.
  PAUSE_BASE: 'Pauses the current print',
  RESUME_BASE: 'Resumes the print from a pause',
  CANCEL_PRINT_BASE: 'Cancel the current print',
  PAUSE: 'Pause the actual running print',
  RESUME: 'Resume the actual running print',
  CANCEL_PRINT: 'Cancel the actual running print',
  RESPOND: 'Echo the message prepended with a prefix',
  EXCLUDE_OBJECT: 'Cancel moves inside a specified objects',
  SET_PRINT_STATS_INFO: 'Pass slicer info like layer act and total to klipper',
  GET_POSITION: 'Return information on the current location of the toolhead',
};

/** The help Klipper reports: SET_PIN is registered only when at least one output_pin is configured. */
export function gcodeHelp(hasOutputPins: boolean): Record<string, string> {
  return hasOutputPins ? { ...GCODE_HELP, SET_PIN: 'Set the value of an output pin' } : { ...GCODE_HELP };
}
