import { describe, expect, it } from 'vitest';
import { parseFleetSpec } from './fleet-spec.js';

describe('parseFleetSpec', () => {
  it('reads counts per vendor, with aliases, and gives left-out vendors 0', () => {
    expect(parseFleetSpec('anycubic=3,moonraker=5,prusa=2')).toEqual({
      anycubic: 3,
      moonraker: 5,
      'prusa-connect': 2,
    });
    expect(parseFleetSpec(' klipper = 2 ')).toEqual({ anycubic: 0, moonraker: 2, 'prusa-connect': 0 });
    expect(parseFleetSpec('kobra=1,prusa-connect=1')).toEqual({
      anycubic: 1,
      moonraker: 0,
      'prusa-connect': 1,
    });
  });

  it.each([
    ['', /empty/],
    ['moonraker', /expected <vendor>=<count>/],
    ['moonraker=-1', /expected <vendor>=<count>/],
    ['moonraker=two', /expected <vendor>=<count>/],
    ['bambu=1', /unknown vendor "bambu"/],
    ['moonraker=1,klipper=2', /moonraker is given twice/],
    ['moonraker=21', /at most 20/],
    ['moonraker=0', /no printers/],
  ])('refuses %j with a message saying why', (spec, message) => {
    expect(() => parseFleetSpec(spec)).toThrow(message);
  });
});
