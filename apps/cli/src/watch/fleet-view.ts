/**
 * A farm in one screen: a summary of counts by state and vendor, then the printers that matter first
 * (sorted, filtered by state or vendor), cut to the rows the terminal has. Pure, so `watch` stays
 * usable — and cheap to redraw — at a thousand printers.
 */
import { type PrinterView, stateLabel } from '../format/status-table.js';

export const WATCH_SORTS = ['config', 'attention', 'name', 'state', 'vendor', 'progress'] as const;
export type WatchSort = (typeof WATCH_SORTS)[number];

export interface FleetViewOptions {
  /**
   * Default `config` (the config file's order). `attention`: errors and unreachable printers first,
   * then paused, printing, the rest — what a farm wants on top.
   */
  sort?: WatchSort;
  /** Only printers in these states (as the STATE column shows them), e.g. `error`, `unreachable`. */
  states?: readonly string[];
  /** Only printers of these vendors. */
  vendors?: readonly string[];
  /** At most this many rows (the terminal's height); undefined = all. */
  maxRows?: number;
}

export interface FleetView {
  rows: PrinterView[];
  /** E.g. `1000 printers · printing 412 · idle 500 · error 3 │ moonraker 400 · anycubic 600`. */
  summary: string;
  /** Printers left out by the filters, and matching ones that did not fit. */
  filteredOut: number;
  cut: number;
}

/** Lower comes first under the default sort: what needs a person before what runs fine. */
const ATTENTION: Readonly<Record<string, number>> = {
  error: 0,
  unreachable: 1,
  offline: 2,
  reconnecting: 3,
  paused: 4,
  pausing: 4,
  cancelling: 5,
  connecting: 6,
  preparing: 7,
  printing: 8,
  resuming: 8,
  finished: 9,
  cancelled: 10,
  idle: 11,
};

function rank(state: string): number {
  return Object.hasOwn(ATTENTION, state) ? (ATTENTION[state] ?? 12) : 12;
}

function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function formatTally(counts: Map<string, number>, order: (key: string) => number): string {
  return [...counts]
    .sort(([a, countA], [b, countB]) => order(a) - order(b) || countB - countA || a.localeCompare(b))
    .map(([key, count]) => `${key} ${count}`)
    .join(' · ');
}

/** One collator for every comparison: `localeCompare` with options builds one per call (~20× slower). */
const NAME_ORDER = new Intl.Collator('en', { numeric: true });
const byName = (a: PrinterView, b: PrinterView) => NAME_ORDER.compare(a.name, b.name);

export function arrangeFleet(views: readonly PrinterView[], options: FleetViewOptions = {}): FleetView {
  // The state of each printer once: labels are read by the filter, the sort and the summary.
  const labelled = views.map((view) => ({ view, state: stateLabel(view) }));
  const states = tally(labelled.map((item) => item.state));
  const vendors = tally(views.map((view) => view.vendor));
  const count = `${views.length} printer${views.length === 1 ? '' : 's'}`;
  const summary = `${count} · ${formatTally(states, rank)} │ ${formatTally(vendors, () => 0)}`;

  const wantedStates = options.states && options.states.length > 0 ? new Set(options.states) : undefined;
  const wantedVendors = options.vendors && options.vendors.length > 0 ? new Set(options.vendors) : undefined;
  const matching = labelled.filter(
    (item) =>
      (wantedStates === undefined || wantedStates.has(item.state)) &&
      (wantedVendors === undefined || wantedVendors.has(item.view.vendor)),
  );
  const sort = options.sort ?? 'config';
  if (sort !== 'config') matching.sort(compareBy(sort));
  const limit = options.maxRows === undefined ? matching.length : Math.max(0, options.maxRows);
  return {
    rows: matching.slice(0, limit).map((item) => item.view),
    summary,
    filteredOut: views.length - matching.length,
    cut: Math.max(0, matching.length - limit),
  };
}

type Labelled = { view: PrinterView; state: string };

function compareBy(sort: Exclude<WatchSort, 'config'>): (a: Labelled, b: Labelled) => number {
  const progress = (view: PrinterView) => view.status.job?.progress ?? -1;
  return (a, b) => {
    switch (sort) {
      case 'name':
        return byName(a.view, b.view);
      case 'state':
        return a.state.localeCompare(b.state) || byName(a.view, b.view);
      case 'vendor':
        return a.view.vendor.localeCompare(b.view.vendor) || byName(a.view, b.view);
      case 'progress':
        return progress(b.view) - progress(a.view) || byName(a.view, b.view);
      case 'attention':
        return rank(a.state) - rank(b.state) || byName(a.view, b.view);
    }
  };
}
