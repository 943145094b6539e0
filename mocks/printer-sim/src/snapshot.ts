/** What the simulator looks like from outside: its state, snapshot and events. */
import type { SimFile } from './files.js';
import type { SimJob } from './job.js';
import type { HeaterReading } from './thermal.js';

export type SimState =
  | 'idle'
  | 'preparing'
  | 'printing'
  | 'pausing'
  | 'paused'
  | 'resuming'
  | 'cancelling'
  | 'finished'
  | 'cancelled'
  | 'error';

/** States in which a job is underway (the job ends by finishing, cancelling, failing or power loss). */
export const ACTIVE_STATES: ReadonlySet<SimState> = new Set<SimState>([
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'cancelling',
]);

export interface SimSnapshot {
  state: SimState;
  powered: boolean;
  /** Human text of the last transition or error. */
  message: string;
  error?: { code: string; message: string };
  temperatures: { nozzle: HeaterReading; bed: HeaterReading; chamber?: HeaterReading };
  /** The current or last job, kept after it ends until a new print starts. */
  job?: SimJob;
  fanPercent: number;
  speedPercent: number;
  flowPercent: number;
  position: { x: number; y: number; z: number };
  /** Homed axes in 'xyz' order, e.g. '' or 'xyz'. */
  homedAxes: string;
  lights: Record<string, boolean>;
  /** Sim time (ms) of the last visible change. */
  updatedAt: number;
}

export type SimEvents = {
  /** After every tick or command that visibly changed the snapshot. */
  change: [next: SimSnapshot, prev: SimSnapshot];
  state: [next: SimState, prev: SimState, snapshot: SimSnapshot];
  /** A job ended: finished, cancelled or error (including power loss). */
  'job-finished': [job: SimJob];
  power: [powered: boolean];
  'file-added': [file: SimFile];
  'file-removed': [file: SimFile];
};

export function sameSnapshot(a: SimSnapshot, b: SimSnapshot): boolean {
  // Snapshots are small plain data built in a fixed key order, so JSON is an exact, cheap comparison.
  return JSON.stringify(a) === JSON.stringify(b);
}

export function cloneSnapshot(snapshot: SimSnapshot): SimSnapshot {
  return structuredClone(snapshot);
}
