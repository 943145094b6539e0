import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './load-config.js';

/** A well-formed pin (64 hex digits with colons), as `openssl x509 -fingerprint -sha256` prints it. */
const PIN = Array.from({ length: 32 }, () => 'AB').join(':');
const kobra = {
  name: 'kobra',
  vendor: 'anycubic',
  host: '192.168.1.50',
  username: 'user',
  password: { env: 'KOBRA_PASSWORD' },
  deviceId: '0123456789abcdef0123456789abcdef',
  modelId: 20024,
  tls: { fingerprint256: PIN },
};
/** A stock Kobra in LAN mode: the handshake supplies the login, device id and model. */
const kobraLan = {
  name: 'kobra',
  vendor: 'anycubic',
  host: '192.168.1.50',
  lan: true,
  tls: { fingerprint256: PIN },
};
const voron = { name: 'voron', vendor: 'moonraker', url: 'http://voron.local:7125', apiKey: 'k' };
const coreOne = { name: 'core-one', vendor: 'prusa-connect', token: '$not-an-env-reference', uuid: 'u-1' };

function problem(input: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfig(input, 'printkit.config.json', env);
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies defaults and reads secrets from the environment', () => {
    expect(parseConfig({ printers: [kobra, voron, coreOne] }, 'x', { KOBRA_PASSWORD: 's3cret' })).toEqual([
      {
        name: 'kobra',
        vendor: 'anycubic',
        url: 'mqtts://192.168.1.50:9883',
        username: 'user',
        password: 's3cret',
        deviceId: '0123456789abcdef0123456789abcdef',
        modelId: 20024,
        tls: { fingerprint256: PIN },
      },
      { name: 'voron', vendor: 'moonraker', url: 'http://voron.local:7125', apiKey: 'k' },
      // A literal secret is taken as written, "$" and all: only { "env": ... } reads the environment.
      {
        name: 'core-one',
        vendor: 'prusa-connect',
        url: 'https://connect.prusa3d.com',
        token: '$not-an-env-reference',
        uuid: 'u-1',
      },
    ]);
    expect(
      parseConfig({ printers: [{ name: 'k', vendor: 'moonraker', host: '::1', port: 7200 }] }, 'x', {}),
    ).toEqual([{ name: 'k', vendor: 'moonraker', url: 'http://[::1]:7200' }]);
  });

  it('resolves a LAN mode entry to its discovery address (18910 unless "port" says otherwise)', () => {
    expect(parseConfig({ printers: [kobraLan] }, 'x', {})).toEqual([
      {
        name: 'kobra',
        vendor: 'anycubic',
        lan: true,
        url: 'http://192.168.1.50:18910',
        tls: { fingerprint256: PIN },
      },
    ]);
    const [onIpv6] = parseConfig(
      {
        printers: [{ ...kobraLan, host: 'fd00::50', port: 28910, tls: { insecure: true }, timeoutMs: 5000 }],
      },
      'x',
      {},
    );
    expect(onIpv6).toEqual({
      name: 'kobra',
      vendor: 'anycubic',
      lan: true,
      url: 'http://[fd00::50]:28910',
      tls: { insecure: true },
      timeoutMs: 5000,
    });
    const [withCa] = parseConfig({ printers: [{ ...kobraLan, tls: { caFile: 'kobra.pem' } }] }, 'x', {});
    expect(withCa).toMatchObject({ lan: true, tls: { caFile: 'kobra.pem' } });
  });

  it('ignores top-level keys besides printers, so printkit-mocks --json output is a config', () => {
    expect(
      parseConfig({ printers: [voron], control: { url: 'http://127.0.0.1:7070' }, speed: 60 }, 'x', {}),
    ).toHaveLength(1);
  });

  it.each([
    [
      { printers: [voron, { ...voron, name: 'b', url: undefined, host: 'x', port: '7125' }] },
      'printers[1].port: expected a number, got "7125"',
    ],
    [
      { printers: [{ ...voron, vendor: 'bambu' }] },
      'printers[0].vendor: expected one of anycubic, moonraker, prusa-connect, prusalink, got "bambu"',
    ],
    [
      { printers: [{ ...voron, vendor: undefined }] },
      'printers[0].vendor: expected one of anycubic, moonraker, prusa-connect, prusalink, got undefined',
    ],
    [{ printers: [{ ...kobra, modelId: undefined }] }, 'printers[0].modelId: missing (expected a number)'],
    [{ printers: [{ ...kobra, pasword: 'x' }] }, 'printers[0].pasword: unknown field'],
    [
      { printers: [{ ...kobra, password: { env: 3 } }] },
      'printers[0].password: expected a string or { "env": "VARIABLE_NAME" }',
    ],
    [
      { printers: [{ ...kobra, host: undefined, url: 'http://x' }] },
      'printers[0].url: expected a URL starting with mqtt:// or mqtts://',
    ],
    [{ printers: [{ ...voron, url: undefined }] }, 'printers[0].url: expected "url" or "host"'],
    [{ printers: [{ ...voron, host: 'x' }] }, 'printers[0].host: give either "url" or "host", not both'],
    [
      { printers: [{ ...voron, port: 70000, url: undefined, host: 'x' }] },
      'printers[0].port: expected number to be <=65535',
    ],
    [{ printers: [voron, voron] }, 'printers[1].name: "voron" is already the name of printers[0]'],
    [
      { printers: [{ ...voron, name: 'has space' }] },
      'printers[0].name: expected a name of letters, digits, ".", "_" or "-"',
    ],
    [{ printers: [] }, 'printers: expected at least one printer'],
    [
      { printers: [{ ...kobra, tls: undefined }] },
      'printers[0].tls: a mqtts:// printer needs a trust choice: { "fingerprint256": "AB:CD:…" }, { "caFile": "<path>" } or { "insecure": true }',
    ],
    ...[{ fingerprint256: PIN }, { caFile: 'printer.pem' }, { insecure: true }].map(
      (tls): [unknown, string] => [
        { printers: [{ ...kobra, host: undefined, url: 'mqtt://192.168.1.50:1883', tls }] },
        'printers[0].tls: TLS options need a mqtts:// url: over mqtt:// the connection (and the password) would be plaintext and the trust choice ignored; use mqtts:// or remove "tls"',
      ],
    ),
    [
      { printers: [{ ...kobra, tls: { fingerprint256: 'AB:CD' } }] },
      'printers[0].tls.fingerprint256: expected a SHA-256 fingerprint: 64 hex digits, colons optional (`openssl x509 -noout -fingerprint -sha256` prints one)',
    ],
    [
      { printers: [{ ...kobra, tls: { insecure: false } }] },
      'printers[0].tls: expected { "fingerprint256": "AB:CD:…" }, { "caFile": "<path>" } or { "insecure": true }',
    ],
    [
      { printers: [{ ...voron, username: 'me' }] },
      'printers[0].password: a Moonraker login needs both "username" and "password"',
    ],
    [
      { printers: [{ ...voron, light: 'on' }] },
      'printers[0].light: expected { "pin": "<output_pin name>" } or { "on": "<gcode>", "off": "<gcode>" }',
    ],
    [
      { printers: [{ ...kobraLan, tls: undefined }] },
      'printers[0].tls: LAN mode speaks TLS to a self-signed certificate: give { "fingerprint256": "AB:CD:…" } (printkit-mocks --json shows tlsFingerprint256), { "caFile": "<path>" } or { "insecure": true }',
    ],
    [
      { printers: [{ ...kobraLan, host: undefined, url: 'mqtts://192.168.1.50:9883' }] },
      'printers[0].url: LAN mode starts from the printer\'s address: give "host" (and "port" for discovery if not 18910), not "url"',
    ],
    ...(['username', 'password', 'deviceId', 'modelId'] as const).map((field): [unknown, string] => [
      { printers: [{ ...kobraLan, [field]: kobra[field] }] },
      `printers[0].${field}: LAN mode reads "${field}" from the printer's handshake (it rotates); remove it, or remove "lan"`,
    ]),
    [{ printers: [{ ...kobraLan, lan: false }] }, 'printers[0].lan: expected true, got false'],
    [
      { printers: [{ ...kobraLan, tls: { fingerprint256: PIN, insecure: true } }] },
      'printers[0].tls: expected { "fingerprint256": "AB:CD:…" }, { "caFile": "<path>" } or { "insecure": true }',
    ],
    [{ printers: [{ ...kobra, username: undefined }] }, 'printers[0].username: missing (expected a string)'],
    [{ printer: [voron] }, 'printers: missing (expected a list)'],
    [[voron], 'expected an object, got a list'],
    ['hello', 'expected an object, got "hello"'],
  ])('names the bad field: %j', (input, message) => {
    expect(problem(input)).toBe(`printkit.config.json: ${message}`);
  });

  it('lists further problems after the first', () => {
    expect(problem({ printers: [{ ...voron, port: 'x', extra: 1 }] })).toBe(
      'printkit.config.json: printers[0].port: expected a number, got "x" (and 1 more: printers[0].extra: unknown field)',
    );
  });

  it('says which environment variable is missing, without any secret in the message', () => {
    expect(problem({ printers: [kobra] }, {})).toBe(
      'printkit.config.json: printers[0].password: environment variable KOBRA_PASSWORD is not set',
    );
    expect(problem({ printers: [kobra] }, { KOBRA_PASSWORD: '' })).toMatch(/KOBRA_PASSWORD is not set/);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'printkit-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads printkit.config.json from the working directory, or the --config path', () => {
    writeFileSync(join(dir, 'printkit.config.json'), JSON.stringify({ printers: [voron] }));
    expect(loadConfig({ cwd: dir, env: {} })).toEqual({
      path: join(dir, 'printkit.config.json'),
      label: 'printkit.config.json',
      printers: [{ name: 'voron', vendor: 'moonraker', url: 'http://voron.local:7125', apiKey: 'k' }],
    });
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ printers: [coreOne] }));
    expect(loadConfig({ cwd: dir, path: 'other.json', env: {} }).printers[0]?.name).toBe('core-one');
  });

  it('explains a missing file, a missing --config file and malformed JSON with its line', () => {
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(
      `no printkit.config.json in ${dir}; write one (printkit init), or pass --config <path>`,
    );
    expect(() => loadConfig({ cwd: dir, path: 'nope.json', env: {} })).toThrow('nope.json: no such file');
    writeFileSync(join(dir, 'bad.json'), '{\n  "printers": [\n    { "name": "x", }\n  ]\n}\n');
    expect(() => loadConfig({ cwd: dir, path: 'bad.json', env: {} })).toThrow(
      /^bad\.json: not valid JSON: line 3, column \d+: /,
    );
    // An unquoted secret: V8 quotes the text around it in its message, which must not be shown.
    writeFileSync(join(dir, 'unquoted.json'), '{"printers": [{"token": s3cr3t-t0ken}]}');
    expect(() => loadConfig({ cwd: dir, path: 'unquoted.json', env: {} })).toThrow(
      /^unquoted\.json: not valid JSON: Unexpected token/,
    );
    expect(() => loadConfig({ cwd: dir, path: 'unquoted.json', env: {} })).not.toThrow(/3cr3t/);
    writeFileSync(join(dir, 'empty.json'), '');
    expect(() => loadConfig({ cwd: dir, path: 'empty.json', env: {} })).toThrow(
      /^empty\.json: not valid JSON/,
    );
  });
});
