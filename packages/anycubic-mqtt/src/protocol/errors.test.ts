import { describe, expect, it } from 'vitest';
import { ANYCUBIC_ERROR_CODES, describeFirmwareError, errorCode } from './errors.js';

describe('firmware error codes', () => {
  it.each([
    [10101, 'Task still active (10101)'],
    [10107, 'Filament runout (10107)'],
    [10112, 'Missing paging fields (10112)'],
    [10115, 'Cannot parse file (10115)'],
    [10118, 'Homing failed (10118)'],
    [10119, 'Homing failed (10119)'],
    [10120, 'Homing failed (10120)'],
    [11407, 'Start-up failed (11407)'],
    [11513, 'ACE timeout (11513)'],
    [11801, 'Spaghetti detected (11801)'],
  ])('names the known code %i with a generic msg: %s', (code, expected) => {
    expect(describeFirmwareError(code, 'failed')).toBe(expected);
    expect(describeFirmwareError(String(code), '')).toBe(expected); // some firmware sends codes as strings
  });

  it('covers every code in the notes, no more', () => {
    expect(Object.keys(ANYCUBIC_ERROR_CODES).map(Number)).toEqual([
      10101, 10107, 10112, 10115, 10118, 10119, 10120, 11407, 11513, 11801,
    ]);
  });

  it('keeps an informative msg after the label, but not one that repeats it', () => {
    expect(describeFirmwareError(10107, 'runout on slot 2')).toBe(
      'Filament runout (10107): runout on slot 2',
    );
    expect(describeFirmwareError(10107, 'filament runout')).toBe('Filament runout (10107)');
  });

  it('shows unknown codes as numbers, a msg alone as it is, and nothing for a plain success', () => {
    expect(describeFirmwareError(12345, 'nozzle clog')).toBe('Error 12345: nozzle clog');
    expect(describeFirmwareError(12345, 'failed')).toBe('Error 12345');
    expect(describeFirmwareError(200, 'nozzle clog')).toBe('nozzle clog');
    expect(describeFirmwareError(undefined, 'nozzle clog')).toBe('nozzle clog');
    expect(describeFirmwareError(200, 'done')).toBeUndefined();
    expect(describeFirmwareError(null, null)).toBeUndefined();
  });

  it('reads codes defensively: 200, empty, non-numeric and fractional codes are no error code', () => {
    expect(errorCode(10107)).toBe(10107);
    expect(errorCode('11801')).toBe(11801);
    for (const code of [200, '200', '', 'E42', 1.5, null, undefined]) expect(errorCode(code)).toBeUndefined();
  });
});
