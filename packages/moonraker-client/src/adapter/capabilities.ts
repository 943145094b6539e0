/**
 * What a Klipper + Moonraker printer declares: print start/pause/resume/cancel, nozzle and bed
 * temperature, file list and upload, G-code, part fan (`M106`), speed factor (`M220`) and emergency
 * stop — all stock Klipper. `light` only when the caller says how to switch it (Klipper has no
 * standard light); `camera` only when the caller asks for it (Moonraker's webcam list points at
 * other services, which may or may not exist). No chamber heater (no standard object).
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

export function moonrakerCapabilities(options: { light: boolean; camera: boolean }): Capability[] {
  const capabilities = [...STOCK];
  if (options.light) capabilities.push('light');
  if (options.camera) capabilities.push('camera');
  return capabilities;
}
