/**
 * What a Klipper + Moonraker printer declares: print start/pause/resume/cancel, nozzle and bed
 * temperature, file list and upload, G-code, part fan (`M106`), speed factor (`M220`) and emergency
 * stop — all stock Klipper. `light` only when the caller says how to switch it (Klipper has no
 * standard light). No camera (Moonraker's webcam list points at other services) and no chamber
 * heater (no standard object).
 */
import type { Capability } from '@printkit/core-types';

const STOCK: readonly Capability[] = [
  'print.start',
  'print.pause',
  'print.resume',
  'print.cancel',
  'temperature.nozzle',
  'temperature.bed',
  'files.list',
  'files.upload',
  'gcode',
  'fan',
  'speed',
  'emergency-stop',
];

export function moonrakerCapabilities(hasLight: boolean): Capability[] {
  return hasLight ? [...STOCK, 'light'] : [...STOCK];
}
