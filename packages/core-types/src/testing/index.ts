export {
  type ConformanceHarness,
  type ConformanceOptions,
  type ConformanceSim,
  describePrinterConformance,
  statusProblems,
} from './conformance.js';
export { createCountingClock } from './counting-clock.js';
