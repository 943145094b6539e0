import { describe, expect, it } from 'vitest';
import type { WireState } from '../client/state.js';
import { decodeJob, decodeLegacyJob, decodeLegacyPrinter, decodeStatus } from '../protocol/decode.js';
import { mapStatus } from './status.js';

const v1 = (
  printer: Record<string, unknown>,
  job?: Record<string, unknown>,
  statusJob?: Record<string, unknown>,
): WireState => ({
  dialect: 'v1',
  status: decodeStatus({ printer, ...(statusJob ? { job: statusJob } : {}) }, 'test'),
  job: job ? decodeJob(job, 'test') : undefined,
  receivedAt: 42,
});

const fraction = { legacyProgressScale: 'fraction' as const };

describe('mapStatus (v1)', () => {
  it('maps every spec state', () => {
    const cases: Array<[string, string]> = [
      ['IDLE', 'idle'],
      ['READY', 'idle'],
      ['BUSY', 'busy'],
      ['PRINTING', 'printing'],
      ['PAUSED', 'paused'],
      ['FINISHED', 'finished'],
      ['STOPPED', 'cancelled'],
      ['ERROR', 'error'],
      ['ATTENTION', 'busy'],
      ['WARMING_UP', 'unknown'],
    ];
    for (const [wire, state] of cases) {
      const { status } = mapStatus(v1({ state: wire }), fraction);
      expect(status.state, wire).toBe(state);
      expect(status.rawState).toBe(wire);
      expect(status.updatedAt).toBe(42);
    }
  });

  it('ATTENTION with a job is paused, with a message', () => {
    const job = {
      id: 3,
      state: 'PAUSED',
      progress: 40,
      file: { name: 'a.gcode', display_name: 'A part.gcode', path: '/usb' },
    };
    const { status } = mapStatus(v1({ state: 'ATTENTION' }, job, { id: 3, progress: 40 }), fraction);
    expect(status).toMatchObject({ state: 'paused', job: { file: 'A part.gcode', progress: 0.4 } });
    expect(status.message).toMatch(/attention/);
  });

  it('takes temperatures, percent progress and times; drops and reports unusable fields', () => {
    const job = {
      id: 1,
      state: 'PRINTING',
      progress: 250,
      time_printing: -5,
      time_remaining: 30,
      file: { name: 'x.gcode', path: '/usb' },
    };
    const { status, problem } = mapStatus(
      v1({ state: 'PRINTING', temp_nozzle: 214.9, target_nozzle: 215, temp_bed: 1e9, target_bed: 60 }, job),
      fraction,
    );
    expect(status.temperatures.nozzle).toEqual({ actual: 214.9, target: 215 });
    expect(status.temperatures.bed).toBeUndefined();
    expect(status.job).toEqual({ file: 'x.gcode', progress: 0, remainingSeconds: 30 });
    expect(problem?.message).toMatch(/job\.progress.*job\.time_printing|printer\.temp_bed/);
    expect(problem?.message).toContain('printer.temp_bed.actual');
  });

  it('a job from /status alone (no file yet) still has its progress', () => {
    const { status } = mapStatus(
      v1({ state: 'PRINTING' }, undefined, { id: 2, progress: 12, time_remaining: 100 }),
      fraction,
    );
    expect(status.job).toEqual({ file: '', progress: 0.12, remainingSeconds: 100 });
  });
});

describe('mapStatus (legacy)', () => {
  const legacy = (text: string, completion: unknown, flags: Record<string, unknown> = {}): WireState => ({
    dialect: 'legacy',
    printer: decodeLegacyPrinter(
      { state: { text, flags }, temperature: { tool0: { actual: 200, target: 210 } } },
      't',
    ),
    job: decodeLegacyJob(
      {
        state: text,
        job: { file: { name: 'a.gcode', display: 'a.gcode' } },
        progress: { completion, printTime: 60 },
      },
      't',
    ),
    receivedAt: 1,
  });

  it('reads OctoPrint state names and the firmware link_state flag', () => {
    expect(mapStatus(legacy('Printing', 0.5), fraction).status).toMatchObject({
      state: 'printing',
      job: { progress: 0.5 },
    });
    expect(mapStatus(legacy('Operational', null, { link_state: 'FINISHED' }), fraction).status.state).toBe(
      'finished',
    );
    expect(mapStatus(legacy('Operational', null, { link_state: 'STOPPED' }), fraction).status.state).toBe(
      'cancelled',
    );
    expect(mapStatus(legacy('Cancelling', null), fraction).status.state).toBe('cancelling');
    // PrusaLink 0.9 on a Pi: FINISHED is "Operational" + finished, STOPPED is "Cancelling" + operational.
    expect(mapStatus(legacy('Operational', null, { finished: true }), fraction).status.state).toBe(
      'finished',
    );
    expect(mapStatus(legacy('Cancelling', null, { operational: true }), fraction).status.state).toBe(
      'cancelled',
    );
    expect(mapStatus(legacy('Sleeping', null), fraction).status).toMatchObject({
      state: 'unknown',
      rawState: 'Sleeping',
    });
  });

  it('reads completion per the configured scale', () => {
    expect(
      mapStatus(legacy('Printing', 55.6), { legacyProgressScale: 'percent' }).status.job?.progress,
    ).toBeCloseTo(0.556);
    const { status, problem } = mapStatus(legacy('Printing', 55.6), fraction);
    expect(status.job?.progress).toBe(0);
    expect(problem?.message).toContain('progress.completion');
  });
});
