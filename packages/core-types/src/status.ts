/**
 * The vendor-neutral printer status every adapter maps its protocol onto.
 */

/** Every state a printer can be in, in printkit's vocabulary. */
export const PRINTER_STATES = [
  'offline',
  'idle',
  'busy',
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'cancelling',
  'finished',
  'cancelled',
  'error',
  'unknown',
] as const;

/**
 * - `offline`: the printer (or its cloud link) cannot be reached.
 * - `idle`: ready for a job. `busy`: doing something that is not a print (homing, loading filament...).
 * - `preparing`: a job is starting (downloading, heating, levelling) but not yet extruding.
 * - `printing` ⇄ `pausing` → `paused` → `resuming`: the job is running or held.
 * - `cancelling` → `cancelled`, or `finished`: the last job ended; the printer can take a new one.
 * - `error`: the printer needs attention. `unknown`: the vendor reported a state printkit does not
 *   know; `PrinterStatus.rawState` holds the vendor's own value.
 */
export type PrinterState = (typeof PRINTER_STATES)[number];

/** States in which a job is on the printer and not yet ended. */
export const ACTIVE_JOB_STATES: ReadonlySet<PrinterState> = new Set([
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'cancelling',
]);

export function isPrinterState(value: unknown): value is PrinterState {
  return typeof value === 'string' && (PRINTER_STATES as readonly string[]).includes(value);
}

/** Whether a job is running or held on the printer in this state. */
export function isJobActive(state: PrinterState): boolean {
  return ACTIVE_JOB_STATES.has(state);
}

export type HeaterName = 'nozzle' | 'bed' | 'chamber';

export const HEATER_NAMES: readonly HeaterName[] = ['nozzle', 'bed', 'chamber'];

/** A heater reading in degrees Celsius; `target` is 0 when the heater is off. */
export interface TemperatureReading {
  actual: number;
  target: number;
}

export type Temperatures = Partial<Record<HeaterName, TemperatureReading>>;

export interface JobStatus {
  /** File name (or display name) of the job. */
  file: string;
  /** Progress from 0 to 1. */
  progress: number;
  elapsedSeconds?: number;
  remainingSeconds?: number;
  /** Current layer, 1-based, when the printer reports layers. */
  layer?: number;
  totalLayers?: number;
}

export interface PrinterStatus {
  state: PrinterState;
  /** The vendor's own state value, kept so nothing is lost when it maps to `unknown`. */
  rawState?: string;
  /** Human-readable detail from the printer (an error text, a state message). */
  message?: string;
  temperatures: Temperatures;
  job?: JobStatus;
  /** Milliseconds since the epoch when the printer last told us something; 0 before it ever did. */
  updatedAt: number;
}

/** The status a printer has before anything is known about it. */
export function initialStatus(): PrinterStatus {
  return { state: 'offline', temperatures: {}, updatedAt: 0 };
}
