/** Everything a report builder reads: the printer's identity, its sim and its Anycubic-only state. */
import type { PrinterSim, SimSnapshot } from '@printkit/printer-sim';
import type { DeviceState } from '../device-state.js';
import type { AnycubicModel } from '../models.js';

/** `print_time` / `remain_time` unit on the wire: minutes per the notes (one source says seconds). */
export type PrintTimeUnit = 'minutes' | 'seconds';

export interface ReportContext {
  readonly deviceId: string;
  readonly modelId: number;
  readonly model: AnycubicModel;
  /** `printerName` in the info report. */
  readonly printerName: string;
  readonly firmwareVersion: string;
  readonly ip: string;
  readonly sim: PrinterSim;
  /**
   * The sim's current snapshot, shared and read-only: builders read it and never keep or change it.
   * `sim.snapshot()` deep-copies the whole state on every call (~12 µs, the bulk of an info answer),
   * so the printer serves the one the sim's last `change` event carried instead (the same content).
   */
  snapshot(): SimSnapshot;
  readonly device: DeviceState;
  readonly urls: { readonly fileUploadurl: string; readonly rtspUrl: string };
  readonly printTimeUnit: PrintTimeUnit;
}

/** Sim seconds in the wire unit, rounded to a whole number as the firmware sends them. */
export function wireDuration(seconds: number, unit: PrintTimeUnit): number {
  return unit === 'minutes' ? Math.round(seconds / 60) : Math.round(seconds);
}
