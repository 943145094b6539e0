import { describe, expect, it } from 'vitest';
import { CAPABILITIES, isCapability } from './capabilities.js';
import { METHOD_CAPABILITIES, temperatureCapability } from './printer.js';
import { initialStatus, isJobActive, isPrinterState, PRINTER_STATES } from './status.js';
import { statusEquals } from './status-equals.js';

describe('status model', () => {
  it('starts offline with no temperatures and no update time', () => {
    expect(initialStatus()).toEqual({ state: 'offline', temperatures: {}, updatedAt: 0 });
    expect(initialStatus()).not.toBe(initialStatus());
  });

  it('knows its states and which of them hold an active job', () => {
    expect(PRINTER_STATES).toContain('unknown');
    expect(isPrinterState('printing')).toBe(true);
    expect(isPrinterState('PRINTING')).toBe(false);
    expect(isPrinterState(3)).toBe(false);
    expect(PRINTER_STATES.filter(isJobActive)).toEqual([
      'preparing',
      'printing',
      'pausing',
      'paused',
      'resuming',
      'cancelling',
    ]);
  });

  it('compares statuses deeply and ignores updatedAt alone', () => {
    const a = {
      state: 'printing' as const,
      temperatures: { nozzle: { actual: 200, target: 210 } },
      updatedAt: 1,
    };
    expect(statusEquals(a, { ...a, updatedAt: 2 })).toBe(true);
    expect(statusEquals(a, { ...a, temperatures: { nozzle: { actual: 201, target: 210 } } })).toBe(false);
    expect(statusEquals(a, { ...a, job: { file: 'x', progress: 0 } })).toBe(false);
    expect(statusEquals(a, { ...a, message: undefined } as never)).toBe(false);
  });
});

describe('capabilities', () => {
  it('maps every capability-gated method and heater to a declared capability', () => {
    for (const capability of Object.values(METHOD_CAPABILITIES)) expect(CAPABILITIES).toContain(capability);
    expect(temperatureCapability('nozzle')).toBe('temperature.nozzle');
    expect(isCapability(temperatureCapability('chamber'))).toBe(true);
    expect(isCapability('teleport')).toBe(false);
  });
});
