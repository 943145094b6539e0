import { describe, expect, it } from 'vitest';
import type { KlipperStatus } from '../protocol/wire.js';
import { toPrinterStatus } from './status.js';

const READY: KlipperStatus = {
  webhooks: { state: 'ready', state_message: 'Printer is ready' },
  print_stats: {
    filename: '',
    state: 'standby',
    message: '',
    print_duration: 0,
    total_duration: 0,
    info: { total_layer: null, current_layer: null },
  },
  idle_timeout: { state: 'Idle' },
  extruder: { temperature: 24.5, target: 0 },
  heater_bed: { temperature: 23, target: 60 },
  virtual_sdcard: { progress: 0 },
};

const map = (status: KlipperStatus, klippy: Parameters<typeof toPrinterStatus>[1] = 'ready') =>
  toPrinterStatus(status, klippy, 1_000).status;

describe('toPrinterStatus', () => {
  it('maps an idle printer with its temperatures', () => {
    expect(map(READY)).toEqual({
      state: 'idle',
      rawState: 'standby',
      temperatures: { nozzle: { actual: 24.5, target: 0 }, bed: { actual: 23, target: 60 } },
      updatedAt: 1_000,
    });
  });

  it('standby while idle_timeout says Printing is busy (homing, heating by hand)', () => {
    expect(map({ ...READY, idle_timeout: { state: 'Printing' } }).state).toBe('busy');
  });

  it.each([
    ['printing', 'printing'],
    ['paused', 'paused'],
    ['complete', 'finished'],
    ['cancelled', 'cancelled'],
    ['error', 'error'],
  ] as const)('print_stats %s → %s with the job', (raw, state) => {
    const status = map({
      ...READY,
      print_stats: {
        filename: 'cube.gcode',
        state: raw,
        print_duration: 100,
        total_duration: 130,
        info: { current_layer: 5, total_layer: 50 },
      },
      virtual_sdcard: { progress: 0.25 },
    });
    expect(status.state).toBe(state);
    expect(status.rawState).toBe(raw);
    expect(status.job).toEqual({
      file: 'cube.gcode',
      progress: 0.25,
      elapsedSeconds: 130,
      remainingSeconds: 300,
      layer: 5,
      totalLayers: 50,
    });
  });

  it('an unknown print state becomes unknown and keeps the raw value', () => {
    const status = map({ ...READY, print_stats: { state: 'levitating' } });
    expect(status).toMatchObject({ state: 'unknown', rawState: 'levitating' });
  });

  it('Klippy shutdown / error → error with its message; startup → busy; disconnected → offline', () => {
    expect(map({ ...READY, webhooks: { state: 'shutdown', state_message: 'Emergency stop' } })).toMatchObject(
      {
        state: 'error',
        message: 'Emergency stop',
      },
    );
    expect(map({ ...READY, webhooks: { state: 'error', state_message: 'bad config' } }).state).toBe('error');
    // webhooks.state in the status is newer than the client's last server.info.
    expect(map(READY, 'startup').state).toBe('idle');
    expect(map({ ...READY, webhooks: { state: 'startup' } }, 'startup').state).toBe('busy');
    expect(map(READY, 'disconnected').state).toBe('offline');
  });

  it('print_stats.message is the status message; a progress outside 0..1 is dropped and reported', () => {
    const { status, problem } = toPrinterStatus(
      {
        ...READY,
        print_stats: {
          filename: 'a.gcode',
          state: 'error',
          message: 'Heater extruder not heating at expected rate',
        },
        virtual_sdcard: { progress: 1.7 },
        display_status: { progress: 0.4 },
      },
      'ready',
      1_000,
    );
    expect(status.message).toBe('Heater extruder not heating at expected rate');
    // The next source of progress is used instead.
    expect(status.job?.progress).toBe(0.4);
    expect(problem?.message).toMatch(/virtual_sdcard\.progress/);
  });

  it('malformed objects never throw: wrong types are left out', () => {
    const status = map({
      webhooks: { state: 'ready' },
      extruder: { temperature: 'hot' },
      print_stats: { state: 7 },
    } as unknown as KlipperStatus);
    expect(status.state).toBe('unknown');
    expect(status.temperatures).toEqual({});
  });
});
