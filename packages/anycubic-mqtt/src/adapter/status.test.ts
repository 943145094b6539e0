import { type PrinterState, ProtocolError } from '@printkit/core-types';
import { statusProblems } from '@printkit/core-types/testing';
import { describe, expect, it } from 'vitest';
import { capture, decodeReport } from '../../test/wire.js';
import { applyReport, createInitialState } from '../client/state.js';
import { mapStatus, toPrinterStatus } from './status.js';

function withProject(project: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
  const state = createInitialState();
  applyReport(
    state,
    decodeReport('info', { data: { state: project ? 'busy' : 'free', temp: {}, project, ...extra } }),
    10,
  );
  return state;
}

describe('Anycubic state → PrinterStatus', () => {
  it('maps the real capture: state printing wins over print_status 2, minutes become seconds', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('info', { data: capture('info_report.json') }), 1_700_000_000_000);
    const status = toPrinterStatus(state);
    expect(statusProblems(status)).toEqual([]);
    expect(status).toEqual({
      state: 'printing',
      rawState: 'printing',
      temperatures: {
        nozzle: { actual: 45, target: 0 },
        bed: { actual: 39, target: 0 },
        chamber: { actual: 43, target: 0 },
      },
      job: {
        file: 'demo_PETG.gcode.3mf',
        progress: 0.42,
        elapsedSeconds: 600 * 60,
        remainingSeconds: 1800 * 60,
        layer: 120,
        totalLayers: 900,
      },
      updatedAt: 1_700_000_000_000,
    });
    expect(toPrinterStatus(state, { timeUnit: 'seconds' }).job).toMatchObject({
      elapsedSeconds: 600,
      remainingSeconds: 1800,
    });
  });

  it.each([
    [1, 'paused'],
    [2, 'pausing'],
    [3, 'resuming'],
    [4, 'cancelling'],
  ] as const)(
    'lets the pause flag %i decide (%s) even when project.state says printing',
    (pause, expected) => {
      expect(toPrinterStatus(withProject({ state: 'printing', pause, filename: 'x.gcode' })).state).toBe(
        expected,
      );
    },
  );

  it.each([
    ['preheating', 'preparing'],
    ['auto_leveling', 'preparing'],
    ['vibrating', 'preparing'],
    ['flow_calibrating', 'preparing'],
    ['printing', 'printing'],
    ['pausing', 'pausing'],
    ['paused', 'paused'],
    ['resuming', 'resuming'],
    ['resumed', 'printing'],
    ['stopping', 'cancelling'],
    ['stoped', 'cancelled'],
    ['finished', 'finished'],
    ['updated', 'printing'],
    ['teleporting', 'unknown'],
  ] as const)('maps project.state %s to %s', (raw, expected) => {
    const status = toPrinterStatus(withProject({ state: raw, pause: 0, filename: 'x.gcode' }));
    expect(status.state).toBe(expected);
    expect(status.rawState).toBe(raw);
  });

  it.each([
    [1, 'printing'],
    [2, 'finished'],
    [3, 'cancelled'],
    [4, 'preparing'],
    [5, 'preparing'],
    [6, 'preparing'],
    [7, 'preparing'],
    [9, 'preparing'],
  ] as const)('falls back to print_status %i (%s) when project.state is missing', (printStatus, expected) => {
    expect(toPrinterStatus(withProject({ print_status: printStatus, filename: 'x.gcode' })).state).toBe(
      expected,
    );
  });

  it.each([
    ['downloading', 'preparing'],
    ['checking', 'preparing'],
    ['preheating', 'preparing'],
    ['printing', 'printing'],
    ['finished', 'finished'],
    ['failed', 'error'],
    ['stoped', 'cancelled'],
    ['pausing', 'pausing'],
    ['paused', 'paused'],
    ['resuming', 'resuming'],
    ['resumed', 'printing'],
    ['stopping', 'cancelling'],
    ['updated', 'printing'],
  ] as const)('maps a newer print report in state %s to %s', (raw, expected: PrinterState) => {
    const state = withProject(null);
    applyReport(
      state,
      decodeReport('print', {
        action: 'start',
        state: raw,
        msg: 'nozzle clog',
        data: { filename: 'a.gcode', progress: 50 },
      }),
      11,
    );
    const status = toPrinterStatus(state);
    expect(status.state).toBe(expected);
    expect(status.job).toMatchObject({ file: 'a.gcode', progress: 0.5 });
    if (expected === 'error') expect(status.message).toBe('nozzle clog');
  });

  it('says why in message: the firmware code of a failed print report, named from the notes', () => {
    const state = withProject(null);
    applyReport(
      state,
      decodeReport('print', {
        action: 'start',
        state: 'failed',
        code: 10107,
        msg: 'failed',
        data: { filename: 'a.gcode', progress: 50 },
      }),
      11,
    );
    expect(toPrinterStatus(state)).toMatchObject({ state: 'error', message: 'Filament runout (10107)' });
    // The next info poll shows the job in last_project: the reason stays.
    applyReport(
      state,
      decodeReport('info', {
        data: { state: 'free', project: null, last_project: { filename: 'a.gcode', state: 'failed' } },
      }),
      12,
    );
    expect(toPrinterStatus(state)).toMatchObject({ state: 'error', message: 'Filament runout (10107)' });
  });

  it('never leaves an error without a message', () => {
    // Only an info report knows the job failed: no code to name.
    const fromInfo = withProject(null, { last_project: { filename: 'a.gcode', state: 'failed' } });
    expect(toPrinterStatus(fromInfo)).toMatchObject({ state: 'error', message: 'Print failed' });
    // A failure of another job does not explain this one.
    applyReport(
      fromInfo,
      decodeReport('print', { action: 'start', state: 'failed', code: 11801, data: { filename: 'b.gcode' } }),
      5,
    );
    expect(toPrinterStatus(fromInfo).message).toBe('Print failed');
    // A project in state failed, and a failed report with nothing but the state.
    const project = withProject({ state: 'failed', filename: 'c.gcode' });
    expect(toPrinterStatus(project)).toMatchObject({ state: 'error', message: 'Print failed' });
    const bare = withProject(null);
    applyReport(bare, decodeReport('print', { action: 'start', state: 'failed', msg: '' }), 11);
    expect(toPrinterStatus(bare)).toMatchObject({ state: 'error', message: 'Print failed' });
  });

  it('says how the last job ended while idle, from last_project or the last print report', () => {
    expect(
      toPrinterStatus(
        withProject(null, { last_project: { state: 'finished', filename: 'a.gcode', progress: 100 } }),
      ),
    ).toMatchObject({
      state: 'finished',
      job: { file: 'a.gcode', progress: 1 },
    });
    expect(
      toPrinterStatus(withProject(null, { last_project: { state: 'stoped', filename: 'a.gcode' } })).state,
    ).toBe('cancelled');
    const state = createInitialState();
    applyReport(
      state,
      decodeReport('print', { action: 'stop', state: 'stoped', data: { filename: 'a.gcode' } }),
      1,
    );
    applyReport(state, decodeReport('info', { data: { state: 'free', project: null } }), 2);
    expect(toPrinterStatus(state).state).toBe('cancelled');
    expect(toPrinterStatus(withProject(null)).state).toBe('idle');
  });

  it('is busy without a project when the printer says busy, offline on lastWill offline', () => {
    const busy = withProject(null);
    applyReport(busy, decodeReport('status', { action: 'workReport', state: 'busy' }), 11);
    expect(toPrinterStatus(busy).state).toBe('busy');
    applyReport(busy, decodeReport('lastWill', { action: 'onlineReport', state: 'offline' }), 12);
    expect(toPrinterStatus(busy)).toMatchObject({ state: 'offline', updatedAt: 12 });
    expect(toPrinterStatus(createInitialState())).toEqual({
      state: 'offline',
      temperatures: {},
      updatedAt: 0,
    });
  });

  it('reports heater targets, treating negative targets as off', () => {
    const state = withProject(null);
    applyReport(
      state,
      decodeReport('tempature', {
        data: { curr_nozzle_temp: 20, target_nozzle_temp: -1, curr_hotbed_temp: 50, target_hotbed_temp: 60 },
      }),
      11,
    );
    expect(toPrinterStatus(state).temperatures).toEqual({
      nozzle: { actual: 20, target: 0 },
      bed: { actual: 50, target: 60 },
    });
  });
});

// Issue 10, defect 1: a state word named like an Object.prototype member made `state` a Function.
describe('prototype-named wire values', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

  it.each(NAMES)('project.state %j maps to a PrinterState, never a Function', (name) => {
    const status = toPrinterStatus(withProject({ state: name, filename: 'a.gcode', progress: 5 }));
    expect(statusProblems(status)).toEqual([]);
    expect(typeof status.state).toBe('string');
  });

  it.each(NAMES)('a print report in state %j maps to a PrinterState', (name) => {
    const state = createInitialState();
    applyReport(
      state,
      decodeReport('print', { state: name, data: { filename: 'a.gcode', progress: 5 } }),
      10,
    );
    const status = toPrinterStatus(state);
    expect(statusProblems(status)).toEqual([]);
    expect(typeof status.state).toBe('string');
  });

  it.each(NAMES)('last_project.state %j maps to a PrinterState', (name) => {
    const status = toPrinterStatus(withProject(null, { last_project: { state: name, filename: 'a.gcode' } }));
    expect(statusProblems(status)).toEqual([]);
  });

  it('a "__proto__" key in a temperature report does not become the prototype of the merged state', () => {
    const state = createInitialState();
    const report = decodeReport('tempature', {
      data: JSON.parse('{"__proto__": {"curr_nozzle_temp": 999}, "curr_hotbed_temp": 60}'),
    });
    applyReport(state, report, 10);
    expect(Object.getPrototypeOf(state.tempature)).toBe(Object.prototype);
    expect(state.tempature.curr_nozzle_temp).toBeUndefined();
    expect(toPrinterStatus(state).temperatures.nozzle).toBeUndefined();
  });
});

// Issue 10, defect 3: values of the wrong type, not finite or out of range reached PrinterStatus.
describe('every value reaching PrinterStatus is checked', () => {
  it('drops print_time 1e308 (× 60 = Infinity) with one ProtocolError and keeps the rest', () => {
    const state = withProject({
      state: 'printing',
      filename: 'a.gcode',
      progress: 40,
      print_time: 1e308,
      remain_time: 10,
    });
    const { status, error } = mapStatus(state);
    expect(statusProblems(status)).toEqual([]);
    expect(status.job).toEqual({ file: 'a.gcode', progress: 0.4, remainingSeconds: 600 });
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect(error?.message).toMatch(/print_time/);
    expect(toPrinterStatus(state).job?.elapsedSeconds).toBeUndefined();
  });

  it('drops negative durations and layers, out-of-range progress and absurd temperatures', () => {
    const state = withProject(
      {
        state: 'printing',
        filename: 'a.gcode',
        progress: 250,
        print_time: -5,
        curr_layer: -1,
        total_layers: 3,
      },
      {
        temp: {
          curr_nozzle_temp: 1e300,
          target_nozzle_temp: 200,
          curr_hotbed_temp: 60,
          target_hotbed_temp: -4,
        },
      },
    );
    const { status, error } = mapStatus(state);
    expect(statusProblems(status)).toEqual([]);
    expect(status.job).toEqual({ file: 'a.gcode', progress: 0, totalLayers: 3 });
    expect(status.temperatures).toEqual({ bed: { actual: 60, target: 0 } });
    for (const field of ['progress', 'print_time', 'curr_layer', 'curr_nozzle_temp', 'target_hotbed_temp']) {
      expect(error?.message).toContain(field);
    }
  });

  it('gives no error for a clean report', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('info', { data: capture('info_report.json') }), 1_700_000_000_000);
    expect(mapStatus(state).error).toBeUndefined();
  });
});

describe('LAN firmware wire facts (issue 12)', () => {
  it('keeps the previous job state when print_status is 0 and nothing else says', () => {
    const state = withProject({ filename: 'a.gcode', progress: 10, print_status: 0 });
    expect(mapStatus(state, { previous: 'paused' }).status.state).toBe('paused');
    expect(mapStatus(state, { previous: 'idle' }).status.state).toBe('printing');
  });

  it.each(['stoped', 'stopped', 'canceled', 'cancelled'])('reads %j as cancelled', (word) => {
    const state = withProject(null, { last_project: { state: word, filename: 'a.gcode' } });
    expect(toPrinterStatus(state).state).toBe('cancelled');
  });
});
