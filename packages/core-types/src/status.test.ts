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

  it('tells statuses apart whichever side has more, at any depth, arrays included', () => {
    const job = { file: 'x.gcode', progress: 0.5, layer: 3 };
    const a = { state: 'printing' as const, temperatures: {}, job, updatedAt: 1 };
    const withoutLayer = { ...a, job: { file: 'x.gcode', progress: 0.5 } };
    expect(statusEquals(a, withoutLayer)).toBe(false);
    expect(statusEquals(withoutLayer, a)).toBe(false);
    expect(statusEquals({ ...a, job: { ...job } }, a)).toBe(true);
    const list = (values: number[]) => ({ ...a, extra: values }) as never;
    expect(statusEquals(list([1, 2]), list([1, 2]))).toBe(true);
    expect(statusEquals(list([1, 2]), list([1, 2, 3]))).toBe(false);
    expect(statusEquals(list([1, 2, 3]), list([1, 2]))).toBe(false);
    expect(statusEquals({ ...a, extra: {} } as never, { ...a, extra: [] } as never)).toBe(false);
  });

  it('compares own fields only: an enumerable property on Object.prototype changes nothing', () => {
    const a = { state: 'idle' as const, temperatures: {}, updatedAt: 1 };
    // As many fields each: only an inherited `message` could make them look alike.
    const withMessage = { ...a, message: 'hello' };
    const withJob = { ...a, job: { file: 'x.gcode', progress: 0 } };
    Object.defineProperty(Object.prototype, 'message', {
      value: 'hello',
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      expect(statusEquals(withMessage, withJob)).toBe(false);
      expect(statusEquals(withJob, withMessage)).toBe(false);
      expect(statusEquals(a, withMessage)).toBe(false);
      expect(statusEquals(a, { ...a, updatedAt: 2 })).toBe(true);
    } finally {
      delete (Object.prototype as Record<string, unknown>).message;
    }
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
