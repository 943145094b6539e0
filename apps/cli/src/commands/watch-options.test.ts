import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { fleetViewOptions } from './watch.js';

describe('watch --sort / --state / --vendor', () => {
  it('reads the sort and comma-separated filters', () => {
    expect(
      fleetViewOptions({ sort: 'attention', state: 'error, paused,', vendor: 'moonraker,prusalink' }),
    ).toEqual({ sort: 'attention', states: ['error', 'paused'], vendors: ['moonraker', 'prusalink'] });
    expect(fleetViewOptions({})).toEqual({});
  });

  it('an unknown sort is a usage error naming the choices', () => {
    expect(() => fleetViewOptions({ sort: 'constructor' })).toThrow(UsageError);
    expect(() => fleetViewOptions({ sort: 'fastest' })).toThrow(
      '--sort: expected one of config, attention, name, state, vendor, progress; got "fastest"',
    );
  });
});
