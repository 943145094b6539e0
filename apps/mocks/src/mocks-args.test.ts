import { describe, expect, it } from 'vitest';
import { parseMocksArgs } from './mocks-args.js';

describe('parseMocksArgs', () => {
  it('defaults to one printer of each vendor on the real ports', () => {
    expect(parseMocksArgs([])).toEqual({
      kind: 'run',
      fleet: { fleet: { anycubic: 1, moonraker: 1, 'prusa-connect': 1, prusalink: 0 } },
      json: false,
      configOut: undefined,
    });
  });

  it('reads every option', () => {
    expect(
      parseMocksArgs([
        '--fleet',
        'moonraker=2',
        '--port-base',
        '20000',
        '--control-port=20100',
        '--speed',
        '60',
        '--seed',
        '9',
        '--json',
        '--loopback',
        '--shard',
        '2/3',
        '--config-out',
        'out.json',
      ]),
    ).toEqual({
      kind: 'run',
      fleet: {
        fleet: { anycubic: 0, moonraker: 2, 'prusa-connect': 0, prusalink: 0 },
        portBase: 20000,
        controlPort: 20100,
        speed: 60,
        seed: 9,
        loopback: true,
        shard: { index: 2, count: 3 },
      },
      json: true,
      configOut: 'out.json',
    });
    expect(parseMocksArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseMocksArgs(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['--flet', 'x'], /Unknown option '--flet'.*--help/],
    [['status'], /Unexpected argument 'status'/],
    [['--port-base', 'abc'], /--port-base: expected an integer from 0 to 65000, got "abc"/],
    [['--port-base', '70000'], /--port-base: expected an integer/],
    [['--speed', '0'], /--speed: expected a number above 0/],
    [['--speed', 'fast'], /--speed: expected a number above 0/],
    [['--seed', '1.5'], /--seed: expected an integer/],
    [['--fleet', 'bambu=1'], /unknown vendor "bambu"/],
    [['--fleet', 'constructor=1'], /unknown vendor "constructor"/],
    [['--shard', '3/2'], /--shard: expected <i>\/<n>/],
    [['--port-base'], /argument missing/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseMocksArgs(argv)).toThrow(message);
  });
});
