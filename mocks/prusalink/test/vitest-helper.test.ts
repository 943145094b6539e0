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
