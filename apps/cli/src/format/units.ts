/** Small formatters for temperatures, durations and progress. */
import type { TemperatureReading } from '@printkit/core-types';
import type { Palette } from './palette.js';

/** `209.8/210` while heating or holding, `24.9` when the heater is off, `—` when unknown. */
export function formatTemperature(reading: TemperatureReading | undefined): string {
  if (!reading) return '—';
  const actual = reading.actual.toFixed(1);
  return reading.target > 0 ? `${actual}/${Math.round(reading.target)}` : actual;
}

/** `1h 05m`, `12m 05s`, `45s`; empty when unknown. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(secs).padStart(2, '0')}s`;
  return `${secs}s`;
}

const FILLED = '█';
const EMPTY = '░';

/** `██████░░░░░░░░░░░░░░  31%`: the bar and the percentage, `width` cells of bar. */
export function formatProgress(progress: number, width: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  const filled = Math.round(clamped * width);
  const percent = `${Math.floor(clamped * 100)}%`.padStart(4);
  if (width <= 0) return percent;
  return `${FILLED.repeat(filled)}${EMPTY.repeat(width - filled)} ${percent}`;
}

/** Colours the filled part of a progress bar green and the rest dim. */
export function paintProgress(text: string, palette: Palette): string {
  return text.replace(
    /(█*)(░*)/,
    (_match, filled: string, empty: string) => palette.paint('green', filled) + palette.paint('gray', empty),
  );
}

/** `21 B`, `337.6 kB`, `1.2 MB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
