/** Printers as table rows: the `status` command's table and the body of the `watch` view. */
import type { ConnectionState, PrinterState, PrinterStatus, TemperatureReading } from '@printkit/core-types';
import type { Palette, Style } from './palette.js';
import { type CellInput, renderTable, truncate } from './table.js';
import { formatDuration, formatProgress, formatTemperature, paintProgress } from './units.js';

/** What the CLI knows about one printer at a moment. */
export interface PrinterView {
  name: string;
  vendor: string;
  /** `unreachable`: the CLI could not connect at all (see `problem`). */
  connection: ConnectionState | 'unreachable';
  status: PrinterStatus;
  /** Why the printer is unreachable, or the last error it reported. */
  problem?: string;
}

const STATE_STYLES: Partial<Record<PrinterState | 'unreachable' | 'connecting' | 'reconnecting', Style>> = {
  printing: 'green',
  preparing: 'yellow',
  resuming: 'yellow',
  pausing: 'cyan',
  paused: 'cyan',
  cancelling: 'magenta',
  cancelled: 'magenta',
  finished: 'blue',
  error: ['red', 'bold'],
  offline: 'gray',
  unknown: 'gray',
  unreachable: 'red',
  connecting: 'gray',
  reconnecting: 'yellow',
};

/** Job columns are shown in these states; in others (idle, error) the last job is history. */
const JOB_STATES: ReadonlySet<PrinterState> = new Set([
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'cancelling',
  'finished',
  'cancelled',
]);

const JOB_WIDTH = 26;

export function stateLabel(view: PrinterView): string {
  switch (view.connection) {
    case 'connected':
      return view.status.state;
    case 'unreachable':
    case 'connecting':
    case 'reconnecting':
      return view.connection;
    default:
      return 'offline';
  }
}

function temperatureCell(reading: TemperatureReading | undefined): CellInput {
  const text = formatTemperature(reading);
  if (!reading || reading.target <= 0) return { text, align: 'right' };
  // Yellow while far from target (heating or cooling), green once there: heating is visible at a glance.
  const style: Style = Math.abs(reading.actual - reading.target) <= 3 ? 'green' : 'yellow';
  return { text, align: 'right', style };
}

function jobCells(view: PrinterView, barWidth: number): [CellInput, CellInput, CellInput] {
  const { status } = view;
  const connected = view.connection === 'connected';
  if (!connected || status.state === 'error' || status.state === 'offline') {
    const why = view.problem ?? status.message ?? '';
    const text = truncate(why, 70);
    return [{ text, style: status.state === 'error' ? 'red' : 'gray', overflow: true }, '', ''];
  }
  if (!status.job || !JOB_STATES.has(status.state)) return ['', '', ''];
  const progress = formatProgress(status.job.progress, barWidth);
  const left =
    status.state === 'finished' || status.state === 'cancelled'
      ? ''
      : formatDuration(status.job.remainingSeconds);
  return [
    truncate(status.job.file, JOB_WIDTH),
    { text: progress, paint: paintProgress },
    { text: left, align: 'right' },
  ];
}

export const STATUS_HEADER = [
  'PRINTER',
  'VENDOR',
  'STATE',
  'NOZZLE °C',
  'BED °C',
  'JOB',
  'PROGRESS',
  'LEFT',
] as const;

export function renderStatusTable(
  views: readonly PrinterView[],
  palette: Palette,
  options: { barWidth?: number } = {},
): string[] {
  const barWidth = options.barWidth ?? 20;
  const rows = views.map((view): CellInput[] => {
    const state = stateLabel(view);
    const [job, progress, left] = jobCells(view, barWidth);
    const stateStyle = STATE_STYLES[state as keyof typeof STATE_STYLES];
    return [
      { text: view.name, style: 'bold' },
      view.vendor,
      stateStyle ? { text: state, style: stateStyle } : state,
      temperatureCell(view.status.temperatures.nozzle),
      temperatureCell(view.status.temperatures.bed),
      job,
      progress,
      left,
    ];
  });
  return renderTable(STATUS_HEADER, rows, palette);
}
