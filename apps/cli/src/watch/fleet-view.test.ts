import { describe, expect, it } from 'vitest';
import { PLAIN } from '../format/palette.js';
import type { PrinterView } from '../format/status-table.js';
import { arrangeFleet } from './fleet-view.js';
import { rowsFor } from './live-view.js';
import { renderWatch } from './render-watch.js';
import { FIXED_NOW, WATCH_FIXTURE } from './watch-fixtures.test-helper.js';

const names = (views: readonly PrinterView[]) => views.map((view) => view.name);

/** A farm: `count` printers cycling through the fixture's states and vendors, renamed farm-1… */
function farm(count: number): PrinterView[] {
  return Array.from({ length: count }, (_, i) => ({
    ...(WATCH_FIXTURE[i % WATCH_FIXTURE.length] as PrinterView),
    name: `farm-${i + 1}`,
  }));
}

describe('arrangeFleet', () => {
  it('sums up states (what needs a person first) and vendors', () => {
    expect(arrangeFleet(WATCH_FIXTURE).summary).toBe(
      '6 printers · error 1 · unreachable 1 · paused 1 · preparing 1 · printing 1 · finished 1 │ anycubic 2 · moonraker 2 · prusa-connect 2',
    );
  });

  it('keeps the config order by default, and sorts on request', () => {
    expect(names(arrangeFleet(WATCH_FIXTURE).rows)).toEqual(names(WATCH_FIXTURE));
    expect(names(arrangeFleet(WATCH_FIXTURE, { sort: 'attention' }).rows)).toEqual([
      'klipper-2',
      'kobra-2',
      'prusa-1',
      'klipper-1',
      'kobra-1',
      'prusa-2',
    ]);
    expect(names(arrangeFleet(WATCH_FIXTURE, { sort: 'progress' }).rows).slice(0, 3)).toEqual([
      'prusa-2',
      'prusa-1',
      'kobra-1',
    ]);
    expect(names(arrangeFleet(WATCH_FIXTURE, { sort: 'vendor' }).rows)).toEqual([
      'kobra-1',
      'kobra-2',
      'klipper-1',
      'klipper-2',
      'prusa-1',
      'prusa-2',
    ]);
    // Names sort as people count: farm-2 before farm-10.
    expect(names(arrangeFleet(farm(12), { sort: 'name' }).rows).slice(0, 3)).toEqual([
      'farm-1',
      'farm-2',
      'farm-3',
    ]);
  });

  it('filters by state and vendor, and counts what it leaves out', () => {
    const view = arrangeFleet(WATCH_FIXTURE, { states: ['error', 'unreachable'], vendors: ['moonraker'] });
    expect(names(view.rows)).toEqual(['klipper-2']);
    expect(view.filteredOut).toBe(5);
    // The summary still counts the whole fleet.
    expect(view.summary).toMatch(/^6 printers /);
  });

  it('cuts to the rows that fit and counts the rest', () => {
    const view = arrangeFleet(farm(1000), { maxRows: 30 });
    expect(view.rows).toHaveLength(30);
    expect(view.cut).toBe(970);
  });

  it('a state or vendor named like a prototype property is just a filter that matches nothing', () => {
    expect(arrangeFleet(WATCH_FIXTURE, { states: ['constructor'] }).rows).toEqual([]);
    expect(arrangeFleet(WATCH_FIXTURE, { sort: 'attention', vendors: ['__proto__'] }).rows).toEqual([]);
  });
});

describe('renderWatch at farm scale', () => {
  it('a farm gets a summary line and a note of what is not shown', () => {
    const lines = renderWatch(farm(1000), {
      now: FIXED_NOW,
      palette: PLAIN,
      timeZone: 'UTC',
      fleet: { sort: 'attention', maxRows: 5 },
    });
    expect(lines.slice(0, 2)).toEqual([
      'printkit watch  1000 printers  12:00:05',
      '1000 printers · error 167 · unreachable 166 · paused 167 · preparing 167 · printing 167 · finished 166 │ moonraker 334 · anycubic 333 · prusa-connect 333',
    ]);
    expect(lines).toHaveLength(2 + 1 + 1 + 5 + 1 + 2);
    expect(lines.at(-3)).toBe(
      "… 995 more below (the terminal's height); --sort, --state, --vendor choose what shows",
    );
  });

  it('a small fleet shown whole looks as before: no summary, no note', () => {
    const lines = renderWatch(WATCH_FIXTURE.slice(0, 3), { now: FIXED_NOW, palette: PLAIN, timeZone: 'UTC' });
    expect(lines[1]).toBe('');
    expect(lines.some((line) => line.startsWith('…'))).toBe(false);
  });
});

describe('rowsFor', () => {
  it('fits the table to the terminal height, never below three rows', () => {
    expect(rowsFor(undefined, 0)).toBe(undefined);
    expect(rowsFor(50, 0)).toBe(43);
    expect(rowsFor(50, 4)).toBe(38);
    expect(rowsFor(5, 0)).toBe(3);
  });
});
