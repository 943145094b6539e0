export {
  type Clock,
  createManualClock,
  createRealtimeClock,
  DEFAULT_START_MS,
  type ManualClock,
  type RealtimeClock,
  type TimerHandle,
} from './clock.js';
export { SimError, type SimErrorCode } from './errors.js';
export { type Fault, type FaultKind, FaultPlan, type FaultRule } from './faults.js';
export type { NewSimFile, SimFile } from './files.js';
export type { SimJob } from './job.js';
export type { PrinterSimOptions, StartPrintOptions } from './options.js';
export { createRandom, type Random } from './random.js';
export { PrinterSim } from './simulator.js';
export type { SimEvents, SimSnapshot, SimState } from './snapshot.js';
export { DEFAULT_HEATER_SPECS, type HeaterName, type HeaterReading, type HeaterSpec } from './thermal.js';
