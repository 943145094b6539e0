import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createPalette, PLAIN } from '../format/palette.js';
import { barWidthFor } from './live-view.js';
import { renderWatch } from './render-watch.js';
import { FIXED_NOW, WATCH_FIXTURE } from './watch-fixtures.test-helper.js';

describe('renderWatch', () => {
  it('draws every printer: state, nozzle/bed actual/target, job, progress bar, time left', () => {
    expect(
      renderWatch(WATCH_FIXTURE, {
        now: FIXED_NOW,
        palette: PLAIN,
        timeZone: 'UTC',
        footer: ['12:00:01  kobra-1  startPrint calibration-cube.gcode'],
      }),
    ).toEqual([
      'printkit watch  6 printers  12:00:05',
      '',
      'PRINTER    VENDOR         STATE        NOZZLE °C  BED °C   JOB                         PROGRESS                   LEFT',
      'kobra-1    anycubic       printing     209.6/210  59.8/60  calibration-cube.gcode      ██████░░░░░░░░░░░░░░  31%  10m 12s',
      'klipper-1  moonraker      preparing    150.3/210  41.2/60  benchy.gcode                ░░░░░░░░░░░░░░░░░░░░   0%  45m 00s',
      'prusa-1    prusa-connect  paused       205.0/215  60.1/60  a-very-long-file-name-for…  ██████████░░░░░░░░░░  50%   1h 30m',
      'klipper-2  moonraker      error             31.5     25.0  Heater nozzle not heating at expected rate',
      'kobra-2    anycubic       unreachable          —        —  connect ECONNREFUSED 127.0.0.1:2884',
      'prusa-2    prusa-connect  finished          48.2     39.9  benchy.gcode                ████████████████████ 100%',
      '',
      '12:00:01  kobra-1  startPrint calibration-cube.gcode',
      '',
      'Ctrl-C to stop',
    ]);
  });

  it('shows the clock in the given time zone', () => {
    const [title] = renderWatch([], { now: FIXED_NOW, palette: PLAIN, timeZone: 'Asia/Tokyo', hint: 'q' });
    expect(title).toBe('printkit watch  0 printers  21:00:05');
  });

  it('colours state, temperatures and the bar without moving a column', () => {
    const options = { now: FIXED_NOW, timeZone: 'UTC' };
    const coloured = renderWatch(WATCH_FIXTURE, { ...options, palette: createPalette(true) });
    const plain = renderWatch(WATCH_FIXTURE, { ...options, palette: PLAIN });
    expect(coloured.map((line) => stripVTControlCharacters(line))).toEqual(plain);
    // printing in green, the heating nozzle in yellow, the error in bold red.
    expect(coloured[3]).toContain('\u001b[32mprinting');
    expect(coloured[4]).toContain('\u001b[33m150.3/210');
    expect(coloured[6]).toContain('\u001b[31m\u001b[1merror');
  });

  it('shows connection trouble instead of a stale state, and nothing for an idle printer', () => {
    const lines = renderWatch(
      [
        {
          name: 'a',
          vendor: 'moonraker',
          connection: 'reconnecting',
          status: { state: 'printing', temperatures: {}, updatedAt: 1 },
        },
        {
          name: 'b',
          vendor: 'moonraker',
          connection: 'connecting',
          status: { state: 'offline', temperatures: {}, updatedAt: 0 },
        },
        {
          name: 'c',
          vendor: 'moonraker',
          connection: 'connected',
          status: {
            state: 'idle',
            temperatures: { nozzle: { actual: 25, target: 0 } },
            job: { file: 'old.gcode', progress: 1 },
            updatedAt: 1,
          },
        },
      ],
      { now: FIXED_NOW, palette: PLAIN, timeZone: 'UTC' },
    );
    expect(lines.slice(2, 6)).toEqual([
      'PRINTER  VENDOR     STATE         NOZZLE °C  BED °C  JOB  PROGRESS  LEFT',
      'a        moonraker  reconnecting          —       —',
      'b        moonraker  connecting            —       —',
      'c        moonraker  idle               25.0       —',
    ]);
  });
});

describe('narrow terminals', () => {
  it('shrinks the bar, down to the percentage alone', () => {
    expect([barWidthFor(undefined), barWidthFor(200), barWidthFor(122), barWidthFor(80)]).toEqual([
      20, 20, 10, 0,
    ]);
    const lines = renderWatch(WATCH_FIXTURE.slice(0, 1), {
      now: FIXED_NOW,
      palette: PLAIN,
      timeZone: 'UTC',
      barWidth: 0,
    });
    expect(lines[3]).toBe(
      'kobra-1  anycubic  printing  209.6/210  59.8/60  calibration-cube.gcode   31%      10m 12s',
    );
  });
});
