/**
 * printer.gcode.help and HELP as a stock Klipper answers them for the fake's printer.cfg
 * (Klipper3d/klipper @ 84104bbb, the cmd_*_help strings), read over plain ws and fetch.
 */
import { describe, expect, it } from 'vitest';
import { client, mock } from './setup.js';

/** The 43 commands with help a stock Klipper registers for this config (gcode-help.ts lists the modules). */
const KLIPPER_COMMANDS = [
  'ACTIVATE_EXTRUDER',
  'CANCEL_PRINT',
  'CANCEL_PRINT_BASE',
  'CLEAR_PAUSE',
  'EXCLUDE_OBJECT',
  'EXCLUDE_OBJECT_DEFINE',
  'EXCLUDE_OBJECT_END',
  'EXCLUDE_OBJECT_START',
  'FIRMWARE_RESTART',
  'GET_POSITION',
  'HELP',
  'MANUAL_PROBE',
  'PAUSE',
  'PAUSE_BASE',
  'PID_CALIBRATE',
  'QUERY_ENDSTOPS',
  'RESPOND',
  'RESTART',
  'RESTORE_GCODE_STATE',
  'RESUME',
  'RESUME_BASE',
  'SAVE_CONFIG',
  'SAVE_GCODE_STATE',
  'SDCARD_PRINT_FILE',
  'SDCARD_RESET_FILE',
  'SET_DISPLAY_TEXT',
  'SET_EXTRUDER_ROTATION_DISTANCE',
  'SET_GCODE_OFFSET',
  'SET_GCODE_VARIABLE',
  'SET_HEATER_TEMPERATURE',
  'SET_IDLE_TIMEOUT',
  'SET_PRESSURE_ADVANCE',
  'SET_PRINT_STATS_INFO',
  'SET_STEPPER_ENABLE',
  'SET_VELOCITY_LIMIT',
  'STATUS',
  'STEPPER_BUZZ',
  'SYNC_EXTRUDER_MOTION',
  'TEMPERATURE_WAIT',
  'TUNING_TOWER',
  'TURN_OFF_HEATERS',
  'Z_ENDSTOP_CALIBRATE',
  'Z_OFFSET_APPLY_ENDSTOP',
];

describe('printer.gcode.help', () => {
  it("lists Klipper's help texts for the config's modules; plain G-codes have none; macros rename builtins", async () => {
    const m = await mock();
    const s = await client(m);
    const help = await s.result<Record<string, string>>('printer.gcode.help');
    expect(help).toMatchObject({
      SET_HEATER_TEMPERATURE: 'Sets a heater temperature',
      EXCLUDE_OBJECT: 'Cancel moves inside a specified objects',
      EXCLUDE_OBJECT_DEFINE: 'Provides a summary of an object',
      CANCEL_PRINT: 'Cancel the actual running print',
      CANCEL_PRINT_BASE: "Renamed builtin of 'CANCEL_PRINT'",
      PAUSE_BASE: "Renamed builtin of 'PAUSE'",
      SAVE_CONFIG: 'Overwrite config file and restart',
      SET_VELOCITY_LIMIT: 'Set printer velocity limits',
      Z_ENDSTOP_CALIBRATE: 'Calibrate a Z endstop',
      SET_GCODE_VARIABLE: 'Set the value of a G-Code macro variable',
      RESPOND: 'Echo the message prepended with a prefix',
    });
    // gcode.py keeps help only for commands registered with desc=: G28, M104, M118 ... are absent;
    // FORCE_MOVE needs enable_force_move, ACCEPT a manual probe in progress, SET_PIN an output pin.
    for (const absent of ['G28', 'M104', 'M118', 'M112', 'FORCE_MOVE', 'ACCEPT', 'SET_PIN'])
      expect(help, absent).not.toHaveProperty(absent);
    expect(Object.keys(help).sort()).toEqual(KLIPPER_COMMANDS);
    const response = await fetch(`${m.url}/printer/gcode/help`);
    expect(((await response.json()) as { result: unknown }).result).toEqual(help);
  });

  it('HELP prints them sorted as "%-10s: %s"; a listed but unsimulated command fails like an unsupported one', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'HELP' });
    const frame = await s.next((f) => f.includes('Available extended commands'));
    const text = (JSON.parse(frame) as { params: [string] }).params[0];
    const lines = text.split('\n');
    expect(lines[0]).toBe('// Available extended commands:');
    expect(lines).toContain('// STATUS    : Report the printer status');
    expect(lines).toContain("// PAUSE_BASE: Renamed builtin of 'PAUSE'");
    const names = lines.slice(1).map((line) => line.slice(3).split(':')[0]?.trim() ?? '');
    expect(names).toEqual(KLIPPER_COMMANDS);

    expect(await s.call('printer.gcode.script', { script: 'SET_VELOCITY_LIMIT VELOCITY=100' }, 7)).toBe(
      '{"jsonrpc":"2.0","error":{"code":400,"message":"SET_VELOCITY_LIMIT not supported by this simulated printer"},"id":7}',
    );
    await s.next((f) => f.includes('!! SET_VELOCITY_LIMIT not supported by this simulated printer'));
  });

  it('HELP while Klippy is not ready lists only the commands registered before the config', async () => {
    const m = await mock({ klippy: 'startup' });
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'HELP' }).catch(() => undefined);
    const frame = await s.next((f) => f.includes('Available extended commands'));
    expect((JSON.parse(frame) as { params: [string] }).params[0].split('\n')).toEqual([
      '// Printer is not ready - not all commands available.',
      '// Available extended commands:',
      '// FIRMWARE_RESTART: Restart firmware, host, and reload config',
      '// HELP      : Report the list of available extended G-Code commands',
      '// RESTART   : Reload config file and restart host software',
      '// STATUS    : Report the printer status',
    ]);
  });
});
