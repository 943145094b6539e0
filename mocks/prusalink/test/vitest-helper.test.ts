/** useMockPrusaLink: one mock for the file, a fresh printer before each test. */
import { describe, expect, it } from 'vitest';
import { useMockPrusaLink } from '../src/vitest.js';

describe('useMockPrusaLink', () => {
  const mock = useMockPrusaLink();
  let firstUrl = '';

  it('starts a printing job and raises attention', () => {
    firstUrl = mock().url;
    mock().sim.startPrint('cube.gcode');
    mock().requireAttention();
    expect(mock().state).toBe('ATTENTION');
  });

  it('keeps the server but resets the printer before the next test', () => {
    expect(mock().url).toBe(firstUrl);
    expect(mock().state).toBe('IDLE');
    expect(mock().sim.snapshot().job).toBeUndefined();
  });
});

describe('read too early', () => {
  const mock = useMockPrusaLink();
  let early: unknown;
  try {
    mock();
  } catch (error) {
    early = error;
  }

  it('throws a clear error when read while the suite is collected', () => {
    expect(String(early)).toMatch(/starts in beforeAll/);
  });
});

describe('a simulator passed in', () => {
  it('is used as it is, survives reset() with its state, and is not disposed by stop()', async () => {
    const { PrinterSim } = await import('@printkit/printer-sim');
    const { startMockPrusaLink } = await import('../src/index.js');
    const sim = new PrinterSim({
      name: 'fleet-1',
      files: [{ name: 'a.gcode', sizeBytes: 10, estimatedSeconds: 60, layers: 2 }],
    });
    const mock = await startMockPrusaLink({ sim });
    try {
      expect(mock.sim).toBe(sim);
      sim.startPrint('a.gcode');
      mock.faults.add({ operation: '*', kind: 'drop' });
      mock.reset();
      expect(mock.faults.list()).toEqual([]);
      expect(mock.state).toBe('PRINTING');
    } finally {
      await mock.stop();
    }
    // Still ticking after stop(): the mock did not dispose it.
    (sim.clock as import('@printkit/printer-sim').ManualClock).advance(30_000);
    expect(sim.snapshot().temperatures.nozzle.actual).toBeGreaterThan(100);
    sim.dispose();
  });
});
