/** The printer's file store: what `startPrint` can print. */
import { SimError } from './errors.js';

export interface SimFile {
  name: string;
  sizeBytes: number;
  /** Print time at 100% speed, as the slicer estimated it. */
  estimatedSeconds: number;
  layers: number;
  nozzleCelsius?: number;
  bedCelsius?: number;
  /** ms since epoch */
  addedAt: number;
  content?: Uint8Array;
  metadata?: Record<string, unknown>;
}

export type NewSimFile = Omit<SimFile, 'addedAt'> & { addedAt?: number };

export const DEFAULT_FILES: readonly NewSimFile[] = [
  {
    name: 'benchy.gcode',
    sizeBytes: 1_234_567,
    estimatedSeconds: 2700,
    layers: 120,
    nozzleCelsius: 210,
    bedCelsius: 60,
  },
  {
    name: 'calibration-cube.gcode',
    sizeBytes: 345_678,
    estimatedSeconds: 900,
    layers: 100,
    nozzleCelsius: 210,
    bedCelsius: 60,
  },
];

/** Validates and normalises a file, copying everything so callers cannot mutate the store. */
export function normalizeFile(file: NewSimFile, now: number): SimFile {
  const bad = (what: string) =>
    new SimError('invalid-argument', `File ${JSON.stringify(file.name)}: ${what}`);
  if (typeof file.name !== 'string' || file.name.length === 0) throw bad('name must be a non-empty string');
  if (!(file.sizeBytes >= 0) || !Number.isFinite(file.sizeBytes)) throw bad('sizeBytes must be >= 0');
  if (!(file.estimatedSeconds > 0) || !Number.isFinite(file.estimatedSeconds)) {
    throw bad('estimatedSeconds must be > 0');
  }
  if (!Number.isInteger(file.layers) || file.layers < 1) throw bad('layers must be an integer >= 1');
  return copyFile({ ...file, addedAt: file.addedAt ?? now });
}

export function copyFile(file: SimFile): SimFile {
  const copy: SimFile = { ...file };
  if (file.content) copy.content = file.content.slice();
  if (file.metadata) copy.metadata = structuredClone(file.metadata);
  return copy;
}
