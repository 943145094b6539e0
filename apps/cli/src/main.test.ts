import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthError, TimeoutError } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from './exit-codes.js';
import { createHarness, type Harness, unreachable } from './fake-printer.test-helper.js';
import { runCli } from './main.js';

let dir: string;
let h: Harness;

const config = {
  printers: [
    {
      name: 'kobra',
      vendor: 'anycubic',
      url: 'mqtt://127.0.0.1:2883',
      username: 'u',
      password: { env: 'KOBRA_PW' },
      deviceId: 'd',
      modelId: 20024,
    },
    { name: 'voron', vendor: 'moonraker', url: 'http://127.0.0.1:7125' },
  ],
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'printkit-cli-'));
  writeFileSync(join(dir, 'printkit.config.json'), JSON.stringify(config));
  h = createHarness(dir, { KOBRA_PW: 'secret-pw' });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv, h.io, h.deps);
const calls = (name: string) => h.printers.get(name)?.calls ?? [];

describe('printkit commands through the Printer interface', () => {
  it('pause, resume, cancel, temp and light call the printer, then close it', async () => {
    expect(await cli('pause', 'kobra')).toBe(0);
    expect(calls('kobra')).toEqual(['connect', 'pause', 'close']);
    expect(await cli('resume', 'voron')).toBe(0);
    expect(await cli('cancel', 'voron')).toBe(0);
    expect(await cli('temp', 'voron', 'bed', '65.5')).toBe(0);
    expect(calls('voron')).toEqual(['connect', 'temp bed 65.5', 'close']);
    expect(await cli('light', 'kobra', 'off')).toBe(0);
    expect(calls('kobra')).toEqual(['connect', 'light off', 'close']);
    expect(h.io.stdout.text).toBe(
      'kobra: paused\nvoron: resumed\nvoron: cancelled\nvoron: bed target 65.5 °C\nkobra: light off\n',
    );
  });

  it('prints a file on the printer, or uploads a local file first', async () => {
    expect(await cli('print', 'voron', 'cube.gcode')).toBe(0);
    expect(calls('voron')).toEqual(['connect', 'startPrint cube.gcode', 'close']);
    writeFileSync(join(dir, 'part.gcode'), 'G28\nG1 X10\n');
    expect(await cli('print', 'kobra', 'part.gcode')).toBe(0);
    expect(calls('kobra')).toEqual(['connect', 'upload part.gcode', 'startPrint part.gcode', 'close']);
    expect(h.printers.get('kobra')?.uploads).toEqual([{ name: 'part.gcode', bytes: 11 }]);
    expect(h.io.stdout.text).toBe(
      'voron: printing cube.gcode\nkobra: uploaded part.gcode (11 B)\nkobra: printing part.gcode\n',
    );
  });

  it('says plainly when a printer cannot do something, with exit code 3', async () => {
    expect(await cli('gcode', 'kobra', 'G28')).toBe(3);
    expect(h.io.stderr.text).toBe(
      'printkit: kobra: not supported: anycubic printers do not support gcode (sendGcode)\n',
    );
    h.setup.set('voron', { capabilities: ['print.start'] });
    writeFileSync(join(dir, 'part.gcode'), 'G28\n');
    expect(await cli('print', 'voron', 'part.gcode')).toBe(3);
    expect(h.io.stderr.text).toContain(
      'printkit: voron: not supported: moonraker printers cannot take uploads; copy part.gcode to the printer and pass its name',
    );
    expect(calls('voron')).toEqual(['connect', 'close']);
  });

  it('prints G-code console replies', async () => {
    h.setup.set('voron', { capabilities: ['gcode'] });
    expect(await cli('gcode', 'voron', 'M117', 'hello')).toBe(0);
    expect(h.io.stdout.text).toBe('// echo M117 hello\n');
  });

  it('exits 1 when the printer refuses, 4 when unreachable or slow, 2 for an unknown printer', async () => {
    expect(await cli('print', 'voron', 'missing.gcode')).toBe(1);
    expect(h.io.stderr.text).toBe('printkit: voron: the printer refused: No such file: missing.gcode\n');
    h.setup.set('kobra', { connectError: unreachable() });
    expect(await cli('pause', 'kobra')).toBe(4);
    expect(h.io.stderr.text).toContain('printkit: kobra: unreachable: connect ECONNREFUSED 127.0.0.1:7125\n');
    h.setup.set('kobra', {
      connectError: new TimeoutError('connect took longer than 10000 ms', { timeoutMs: 10_000 }),
    });
    expect(await cli('pause', 'kobra')).toBe(4);
    expect(h.io.stderr.text).toContain(
      'printkit: kobra: no answer in time: connect took longer than 10000 ms\n',
    );
    expect(await cli('pause', 'prusa')).toBe(2);
    expect(h.io.stderr.text).toContain(
      "printkit: no printer named 'prusa' in printkit.config.json (known: kobra, voron)\n",
    );
  });

  it('status: a table of every printer, JSON with --json, exit 4 if one is unreachable', async () => {
    h.setup.set('kobra', { connectError: unreachable() });
    expect(await cli('status')).toBe(4);
    expect(h.io.stdout.text.split('\n')).toEqual([
      'PRINTER  VENDOR     STATE        NOZZLE °C  BED °C   JOB         PROGRESS                   LEFT',
      'kobra    anycubic   unreachable          —        —  unreachable: connect ECONNREFUSED 127.0.0.1:7125',
      'voron    moonraker  printing     209.6/210  60.0/60  cube.gcode  ██████████░░░░░░░░░░  50%  10m 00s',
      '',
    ]);
    h.io.stdout.text = '';
    expect(await cli('status', 'voron', '--json')).toBe(0);
    expect(JSON.parse(h.io.stdout.text)).toEqual({
      name: 'voron',
      vendor: 'moonraker',
      reachable: true,
      status: expect.objectContaining({
        state: 'printing',
        job: { file: 'cube.gcode', progress: 0.5, remainingSeconds: 600 },
      }),
    });
    h.io.stdout.text = '';
    expect(await cli('status', '--json')).toBe(4);
    expect(JSON.parse(h.io.stdout.text)).toEqual([
      expect.objectContaining({
        name: 'kobra',
        reachable: false,
        error: { code: 'connection', message: 'unreachable: connect ECONNREFUSED 127.0.0.1:7125' },
      }),
      expect.objectContaining({ name: 'voron', reachable: true }),
    ]);
  });

  it('list shows addresses and capabilities but never credentials', async () => {
    expect(await cli('list', '--json')).toBe(0);
    expect(h.io.stdout.text).not.toContain('secret-pw');
    expect(JSON.parse(h.io.stdout.text)).toEqual([
      expect.objectContaining({
        name: 'kobra',
        vendor: 'anycubic',
        url: 'mqtt://127.0.0.1:2883',
        capabilities: expect.arrayContaining(['light']),
      }),
      expect.objectContaining({ name: 'voron', url: 'http://127.0.0.1:7125/' }),
    ]);
  });

  it('list masks a user and password written into a printer URL, and query secrets', async () => {
    writeFileSync(
      join(dir, 'printkit.config.json'),
      JSON.stringify({
        printers: [
          { name: 'voron', vendor: 'moonraker', url: 'http://admin:hunter2@127.0.0.1:7125/' },
          { name: 'trident', vendor: 'moonraker', url: 'http://127.0.0.1:7126/?token=admin-hunter2' },
        ],
      }),
    );
    expect(await cli('list')).toBe(0);
    expect(h.io.stdout.text).toContain('http://***@127.0.0.1:7125/');
    expect(h.io.stdout.text).toContain('http://127.0.0.1:7126/?token=***');
    expect(h.io.stdout.text).not.toContain('hunter2');
    expect(h.io.stdout.text).not.toContain('admin');
  });

  it('files lists the printer files', async () => {
    expect(await cli('files', 'voron')).toBe(0);
    expect(h.io.stdout.text).toBe(
      'FILE        SIZE    MODIFIED (UTC)    STORAGE\ncube.gcode  2.0 kB  2026-01-01 12:30\n',
    );
  });

  it('watch --count renders frames and closes the printers', async () => {
    expect(await cli('watch', '--count', '1', '--interval', '50', 'voron')).toBe(0);
    expect(h.io.stdout.text).toContain('voron    moonraker  printing');
    expect(h.io.stdout.text).not.toContain('\u001b[');
    expect(calls('voron').at(-1)).toBe('close');
  });

  it('watch closes the printers it made when a later one cannot be made', async () => {
    const create = h.deps.createPrinter;
    h.deps.createPrinter = (printerConfig) => {
      // The error does not name the printer: watch adds the name.
      if (printerConfig.name === 'voron') throw new Error('cannot read tls.caFile');
      return create(printerConfig);
    };
    expect(await cli('watch', '--count', '1', 'kobra', 'voron')).toBe(1);
    expect(h.io.stderr.text).toBe('printkit: voron: cannot read tls.caFile\n');
    expect(calls('kobra')).toEqual(['close']);
  });
});

describe('printkit usage errors (exit 2)', () => {
  it.each([
    [
      ['frobnicate'],
      "printkit: unknown command 'frobnicate'. Commands: list, status, watch, files, print, pause, resume, cancel, temp, light, gcode, init, demo, help",
    ],
    [['pause'], 'printkit: usage: printkit pause <printer>. See printkit help pause'],
    [['pause', 'a', 'b'], 'printkit: usage: printkit pause <printer>. See printkit help pause'],
    [
      ['status', '--interval', '5'],
      'printkit: printkit status has no --interval option. See printkit help status',
    ],
    [['status', '--bogus'], "printkit: Unknown option '--bogus'. See printkit --help"],
    [
      ['status', '--timeout', 'soon'],
      'printkit: --timeout: expected a whole number from 1 to 86400000, got "soon"',
    ],
    [
      ['temp', 'voron', 'hotend', '200'],
      'printkit: temp: the heater is nozzle, bed or chamber, not "hotend"',
    ],
    [['temp', 'voron', 'nozzle', 'hot'], 'printkit: temp: expected degrees Celsius from 0 to 500, got "hot"'],
    [['temp', 'voron', 'nozzle', '900'], 'printkit: temp: expected degrees Celsius from 0 to 500, got "900"'],
    [['light', 'voron', 'dim'], 'printkit: light: expected on or off, not "dim"'],
    [['watch', '--count', '0'], 'printkit: --count: expected a whole number from 1 to 86400000, got "0"'],
    [['help', 'nope'], "printkit: no command 'nope'. See printkit --help"],
  ])('%j', async (argv, message) => {
    expect(await cli(...argv)).toBe(2);
    expect(h.io.stderr.text).toBe(`${message}\n`);
    expect(h.printers.size).toBe(0);
  });

  it('a bad config names the field', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ printers: [{ name: 'v', vendor: 'moonraker', host: 'x', port: '7125' }] }),
    );
    expect(await cli('status', '--config', 'bad.json')).toBe(2);
    expect(h.io.stderr.text).toBe('printkit: bad.json: printers[0].port: expected a number, got "7125"\n');
  });

  it('a missing secret names the variable', async () => {
    h.io.env = {};
    expect(await cli('status', 'kobra')).toBe(2);
    expect(h.io.stderr.text).toBe(
      'printkit: printkit.config.json: printers[0].password: environment variable KOBRA_PW is not set\n',
    );
  });

  it('no command prints help on stderr', async () => {
    expect(await cli()).toBe(2);
    expect(h.io.stderr.text).toContain('Usage: printkit <command>');
  });
});

describe('help and version', () => {
  it('has help for printkit and for every command', async () => {
    expect(await cli('--help')).toBe(0);
    expect(h.io.stdout.text).toContain('Exit codes:');
    h.io.stdout.text = '';
    expect(await cli('print', '--help')).toBe(0);
    expect(h.io.stdout.text).toMatch(/^Usage: printkit print <printer> <file>\n\nStarts printing <file>/);
    h.io.stdout.text = '';
    expect(await cli('help', 'watch')).toBe(0);
    expect(h.io.stdout.text).toContain('--interval <ms>');
    h.io.stdout.text = '';
    expect(await cli('--version')).toBe(0);
    expect(h.io.stdout.text).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('init', () => {
  it('writes an example config, refuses to overwrite without --force', async () => {
    expect(await cli('init', '--out', 'new.json')).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8')) as {
      printers: Array<{ vendor: string }>;
    };
    expect(written.printers.map((p) => p.vendor)).toEqual(['anycubic', 'moonraker', 'prusa-connect']);
    expect(await cli('init', '--out', 'new.json')).toBe(2);
    expect(h.io.stderr.text).toBe('printkit: new.json already exists; pass --force to overwrite it\n');
    expect(await cli('init', '--out', 'new.json', '--force')).toBe(0);
  });

  it('turns printkit-mocks --json output into a config, and refuses what is not', async () => {
    const fleet = {
      printers: [{ name: 'klipper-1', vendor: 'moonraker', url: 'http://127.0.0.1:7125' }],
      control: { url: 'x' },
    };
    writeFileSync(join(dir, 'fleet.json'), `${JSON.stringify(fleet)}\n`);
    expect(await cli('init', '--from-mocks', 'fleet.json', '--out', 'from-mocks.json')).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'from-mocks.json'), 'utf8'))).toEqual({
      printers: fleet.printers,
    });
    writeFileSync(join(dir, 'garbage.json'), 'not json');
    expect(await cli('init', '--from-mocks', 'garbage.json', '--out', 'x.json')).toBe(2);
    expect(h.io.stderr.text).toBe(
      'printkit: --from-mocks: garbage.json is not the JSON printkit-mocks --json prints\n',
    );
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ printers: [{ name: 'x', vendor: 'bambu' }] }));
    expect(await cli('init', '--from-mocks', 'wrong.json', '--out', 'y.json')).toBe(2);
    expect(h.io.stderr.text).toContain(
      'printkit: --from-mocks wrong.json: printers[0].vendor: expected one of anycubic, moonraker, prusa-connect, prusalink, got "bambu"\n',
    );
  });
});

describe('printkit refuses plaintext MQTT with TLS options (issue 10 item 4)', () => {
  it.each([[{ fingerprint256: 'ab'.repeat(32) }], [{ insecure: true }], [{ caFile: 'ca.pem' }]])(
    'exits 2 with a config error for mqtt:// plus %j, before making any printer',
    async (tls) => {
      const [kobra] = config.printers;
      writeFileSync(join(dir, 'printkit.config.json'), JSON.stringify({ printers: [{ ...kobra, tls }] }));
      expect(await cli('status', 'kobra')).toBe(2);
      expect(h.io.stderr.text).toBe(
        'printkit: printkit.config.json: printers[0].tls: TLS options need a mqtts:// url: over mqtt:// the connection (and the password) would be plaintext and the trust choice ignored; use mqtts:// or remove "tls"\n',
      );
      expect(h.printers.size).toBe(0);
    },
  );
});

describe('printkit never prints a printer secret, even one an error echoes back (canary)', () => {
  const canaries = {
    password: 'canary-pw-7f3a91',
    apiKey: 'canary-key-c0ffee',
    token: 'canary-token-5eed',
    urlPassword: 'canary-url-pw-d00d',
  };
  const echo = (secret: string) =>
    new AuthError(`login refused for password ${secret} at http://admin:${canaries.urlPassword}@printer/`);

  beforeEach(() => {
    writeFileSync(
      join(dir, 'printkit.config.json'),
      JSON.stringify({
        printers: [
          { ...config.printers[0], password: { env: 'KOBRA_PW' } },
          {
            name: 'voron',
            vendor: 'moonraker',
            url: `http://admin:${canaries.urlPassword}@127.0.0.1:7125`,
            apiKey: canaries.apiKey,
          },
          { name: 'core', vendor: 'prusa-connect', token: canaries.token, uuid: 'u-1' },
        ],
      }),
    );
    h = createHarness(dir, { KOBRA_PW: canaries.password });
    h.setup.set('kobra', { connectError: echo(canaries.password) });
    h.setup.set('voron', { connectError: echo(canaries.apiKey) });
    h.setup.set('core', { connectError: echo(canaries.token) });
  });

  it.each([
    [['status']],
    [['status', '--json']],
    [['list']],
    [['list', '--json']],
    [['pause', 'kobra']],
    [['temp', 'voron', 'bed', '60']],
    [['cancel', 'core']],
    [['watch', '--count', '1', '--interval', '50']],
  ])('%j', async (argv) => {
    await cli(...argv);
    const output = h.io.stdout.text + h.io.stderr.text;
    for (const secret of Object.values(canaries)) expect(output).not.toContain(secret);
    expect(output.length).toBeGreaterThan(0);
  });

  it('still says what went wrong, with the secret masked', async () => {
    expect(await cli('pause', 'kobra')).toBe(EXIT.auth);
    expect(h.io.stderr.text).toBe(
      'printkit: kobra: authentication refused: login refused for password *** at http://***@printer/\n',
    );
  });
});
