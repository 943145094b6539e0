/** Fixed printers for the watch view's tests and the README example: one per state worth showing. */
import { PLAIN } from '../format/palette.js';
import type { PrinterView } from '../format/status-table.js';
import { renderWatch } from './render-watch.js';

/** 2026-01-01T12:00:05Z */
export const FIXED_NOW = Date.UTC(2026, 0, 1, 12, 0, 5);

export const WATCH_FIXTURE: readonly PrinterView[] = [
  {
    name: 'kobra-1',
    vendor: 'anycubic',
    connection: 'connected',
    status: {
      state: 'printing',
      temperatures: { nozzle: { actual: 209.6, target: 210 }, bed: { actual: 59.8, target: 60 } },
      job: { file: 'calibration-cube.gcode', progress: 0.314, remainingSeconds: 612 },
      updatedAt: FIXED_NOW,
    },
  },
  {
    name: 'klipper-1',
    vendor: 'moonraker',
    connection: 'connected',
    status: {
      state: 'preparing',
      temperatures: { nozzle: { actual: 150.34, target: 210 }, bed: { actual: 41.2, target: 60 } },
      job: { file: 'benchy.gcode', progress: 0, remainingSeconds: 2700 },
      updatedAt: FIXED_NOW,
    },
  },
  {
    name: 'prusa-1',
    vendor: 'prusa-connect',
    connection: 'connected',
    status: {
      state: 'paused',
      temperatures: { nozzle: { actual: 205, target: 215 }, bed: { actual: 60.1, target: 60 } },
      job: {
        file: 'a-very-long-file-name-for-the-prusa-core-one.gcode',
        progress: 0.5,
        remainingSeconds: 5400,
      },
      updatedAt: FIXED_NOW,
    },
  },
  {
    name: 'klipper-2',
    vendor: 'moonraker',
    connection: 'connected',
    status: {
      state: 'error',
      message: 'Heater nozzle not heating at expected rate',
      temperatures: { nozzle: { actual: 31.5, target: 0 }, bed: { actual: 25, target: 0 } },
      updatedAt: FIXED_NOW,
    },
  },
  {
    name: 'kobra-2',
    vendor: 'anycubic',
    connection: 'unreachable',
    status: { state: 'offline', temperatures: {}, updatedAt: 0 },
    problem: 'connect ECONNREFUSED 127.0.0.1:2884',
  },
  {
    name: 'prusa-2',
    vendor: 'prusa-connect',
    connection: 'connected',
    status: {
      state: 'finished',
      temperatures: { nozzle: { actual: 48.2, target: 0 }, bed: { actual: 39.9, target: 0 } },
      job: { file: 'benchy.gcode', progress: 1, remainingSeconds: 0 },
      updatedAt: FIXED_NOW,
    },
  },
];

/** The README's example of the watch view (README tests compare it). */
export function readmeWatchExample(): string {
  return renderWatch(WATCH_FIXTURE, {
    now: FIXED_NOW,
    palette: PLAIN,
    timeZone: 'UTC',
    footer: ['12:00:01  kobra-1     started calibration-cube.gcode'],
  }).join('\n');
}
