/**
 * The `watch` view as lines of text: a title with the time, the status table, and a footer. Pure (the
 * clock and time zone come in as arguments), so it is tested with exact expected lines and the
 * README's example is generated from it.
 */
import type { Palette } from '../format/palette.js';
import { type PrinterView, renderStatusTable } from '../format/status-table.js';
import { arrangeFleet, type FleetViewOptions } from './fleet-view.js';

/** From this many printers on, the view starts with a line of counts by state and vendor. */
export const SUMMARY_MIN_PRINTERS = 10;

export interface RenderWatchOptions {
  /** Milliseconds since the epoch, shown as the time of the view. */
  now: number;
  palette: Palette;
  /** IANA zone for the clock in the title; default the system's. */
  timeZone?: string;
  /** Lines under the table, e.g. the demo's script log. */
  footer?: readonly string[];
  /** Shown after the table; default "Ctrl-C to stop". */
  hint?: string;
  barWidth?: number;
  /** Sorting, filtering by state or vendor, and the rows that fit (see `arrangeFleet`). */
  fleet?: FleetViewOptions;
}

function clock(now: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(now);
}

export function renderWatch(views: readonly PrinterView[], options: RenderWatchOptions): string[] {
  const { palette } = options;
  const arranged = arrangeFleet(views, options.fleet);
  const count = `${views.length} printer${views.length === 1 ? '' : 's'}`;
  const title = `${palette.paint(['bold', 'cyan'], 'printkit watch')}  ${count}  ${palette.paint('gray', clock(options.now, options.timeZone))}`;
  const partial = arranged.filteredOut > 0 || arranged.cut > 0;
  const lines = [title];
  if (views.length >= SUMMARY_MIN_PRINTERS || partial) lines.push(arranged.summary);
  lines.push(
    '',
    ...renderStatusTable(
      arranged.rows,
      palette,
      options.barWidth === undefined ? {} : { barWidth: options.barWidth },
    ),
  );
  if (partial) {
    const notes = [
      ...(arranged.cut > 0 ? [`${arranged.cut} more below (the terminal's height)`] : []),
      ...(arranged.filteredOut > 0 ? [`${arranged.filteredOut} filtered out`] : []),
    ];
    lines.push(palette.paint('gray', `… ${notes.join(', ')}; --sort, --state, --vendor choose what shows`));
  }
  if (options.footer && options.footer.length > 0) lines.push('', ...options.footer);
  lines.push('', palette.paint('gray', options.hint ?? 'Ctrl-C to stop'));
  return lines;
}
