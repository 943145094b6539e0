import { describe, expect, it } from 'vitest';
import { parseFleetSpec } from './fleet-spec.js';

describe('parseFleetSpec', () => {
  it('reads counts per vendor, with aliases, and gives left-out vendors 0', () => {
    expect(parseFleetSpec('anycubic=3,moonraker=5,prusa=2')).toEqual({
      anycubic: 3,
      moonraker: 5,
      'prusa-connect': 2,
      prusalink: 0,
    });
    expect(parseFleetSpec(' klipper = 2 ')).toEqual({
      anycubic: 0,
      moonraker: 2,
      'prusa-connect': 0,
      prusalink: 0,
    });
    expect(parseFleetSpec('kobra=1,prusa-connect=1,prusa-link=4')).toEqual({
      anycubic: 1,
      moonraker: 0,
      'prusa-connect': 1,
      prusalink: 4,
    });
  });

  it('has no cap beyond the machine: a thousand of each vendor is a valid fleet', () => {
    expect(parseFleetSpec('moonraker=1000,anycubic=1000,prusa-connect=1000,prusalink=1000')).toEqual({
      anycubic: 1000,
      moonraker: 1000,
      'prusa-connect': 1000,
      prusalink: 1000,
    });
  });

  it.each([
    ['', /empty/],
    ['moonraker', /expected <vendor>=<count>/],
    ['moonraker=-1', /expected <vendor>=<count>/],
    ['moonraker=two', /expected <vendor>=<count>/],
    ['bambu=1', /unknown vendor "bambu"/],
    ['moonraker=1,klipper=2', /moonraker is given twice/],
    // Names that are properties of every object's prototype are unknown vendors, not a crash.
    ['constructor=1', /unknown vendor "constructor"/],
    ['__proto__=1', /unknown vendor "__proto__"/],
    ['tostring=1', /unknown vendor "tostring"/],
    ['moonraker=12345678', /expected <vendor>=<count>/],
    ['moonraker=0', /no printers/],
  ])('refuses %j with a message saying why', (spec, message) => {
    expect(() => parseFleetSpec(spec)).toThrow(message);
  });
});
