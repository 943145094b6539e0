/**
 * The `logs` root: klippy.log and moonraker.log as a fresh install writes them (start banner, the
 * config dump Klippy logs at start, then the G-code traffic from the gcode store). Built on request;
 * bounded by the gcode store (1000 entries).
 */
import type { GcodeStoreEntry } from './stores.js';

function stamp(seconds: number): string {
  return new Date(seconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace('Z', '')
    .slice(0, 23)
    .replace('.', ',');
}

export function klippyLog(
  startedAtMs: number,
  printerCfg: string,
  gcode: readonly GcodeStoreEntry[],
): string {
  return [
    'Starting Klippy...',
    "Args: ['/home/pi/klipper/klippy/klippy.py', '/home/pi/printer_data/config/printer.cfg', '-I', '/home/pi/printer_data/comms/klippy.serial', '-l', '/home/pi/printer_data/logs/klippy.log', '-a', '/home/pi/printer_data/comms/klippy.sock']",
    `Start printer at ${new Date(startedAtMs).toUTCString()} (${(startedAtMs / 1000).toFixed(1)} 1000.0)`,
    '===== Config file =====',
    printerCfg.trimEnd(),
    '=======================',
    ...gcode.map((entry) => (entry.type === 'command' ? `gcode: ${entry.message}` : entry.message)),
    '',
  ].join('\n');
}

export function moonrakerLog(startedAtMs: number, port: number): string {
  const t = stamp(startedAtMs / 1000);
  return [
    `${t} [server.py:main()] Starting Moonraker on (0.0.0.0, ${port}), Version: v0.10.0`,
    `${t} [server.py:main()] Python Version: 3.11.2`,
    `${t} [confighelper.py:read_file()] Configuration File '/home/pi/printer_data/config/moonraker.conf' parsed`,
    `${t} [klippy_connection.py:_do_connect()] Klippy Connection Established`,
    '',
  ].join('\n');
}
