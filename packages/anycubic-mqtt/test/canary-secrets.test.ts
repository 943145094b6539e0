// Canary secrets: a password and the upload `s` token are driven through every error path this
// client has (refused login, refused reconnect, upload refused / cut short / dropped / timed out /
// echoed back, a malformed info report carrying the upload URL, a bad TLS option) and must never show
// in an error message, its cause chain, JSON.stringify, util.inspect, an event or a logger line.
import { inspect } from 'node:util';
import type { Logger, PrintkitError } from '@printkit/core-types';
import { type MockAnycubic, startMockAnycubic, UPLOAD_OPERATION } from '@printkit/mock-anycubic';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnycubicPrinter } from '../src/adapter/printer.js';
import { type AnycubicClient, createAnycubicClient } from '../src/client/client.js';
import type { AnycubicClientOptions } from '../src/client/options.js';
import { discover } from '../src/transport/discovery.js';
import { lanOptions } from '../src/transport/handshake.js';
import { rawClient } from './harness.js';

const PASSWORD = 'CANARY-pw-5d1e9c';
const WRONG_PASSWORD = 'CANARY-wrong-77aa0b';

/** Everything that left the client: errors, events and log lines. */
class Sink {
  readonly errors: unknown[] = [];
  readonly events: unknown[] = [];
  readonly lines: unknown[] = [];
  readonly logger: Logger = {
    debug: (...args) => this.lines.push(args),
    info: (...args) => this.lines.push(args),
    warn: (...args) => this.lines.push(args),
    error: (...args) => this.lines.push(args),
  };

  watch(client: AnycubicClient): void {
    client.on('error', (error) => this.errors.push(error));
    client.on('report', (report) => this.events.push(report));
    client.on('raw', (raw) => this.events.push(raw));
    client.on('state', (state) => this.events.push(structuredClone(state)));
    client.on('ack', (ack) => this.events.push(ack));
  }

  async capture(promise: Promise<unknown>): Promise<void> {
    await promise.then(
      (value) => this.events.push(value),
      (error: unknown) => this.errors.push(error),
    );
  }
}

/** Every rendering of a value a user or a log pipeline could see. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true }), safeJson(value)];
  let cause: unknown = value;
  for (let depth = 0; depth < 10 && cause instanceof Error; depth++) {
    out.push(cause.message, String(cause.stack), safeJson(cause));
    cause = (cause as Error & { cause?: unknown }).cause;
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function expectClean(sink: Sink, secrets: readonly string[]): number {
  let checked = 0;
  for (const item of [...sink.errors, ...sink.events, ...sink.lines]) {
    for (const text of renderings(item)) {
      checked += 1;
      for (const secret of secrets) expect(text, `leaked ${secret}`).not.toContain(secret);
    }
  }
  return checked;
}

let mock: MockAnycubic | undefined;
let client: AnycubicClient | undefined;

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  client = undefined;
  mock = undefined;
});

async function setup(extra: Partial<AnycubicClientOptions> = {}) {
  mock = await startMockAnycubic({ port: 0, httpPort: 0, password: PASSWORD });
  const sink = new Sink();
  const printer = mock.printer();
  client = createAnycubicClient({
    host: '127.0.0.1',
    port: mock.port,
    username: mock.username,
    password: PASSWORD,
    deviceId: printer.deviceId,
    modelId: printer.modelId,
    pollIntervalMs: 0,
    timeoutMs: 2_000,
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    logger: sink.logger,
    ...extra,
  });
  sink.watch(client);
  return { sink, printer, mock, client };
}

describe('canary secrets never leave the client', () => {
  it('through a refused login, a refused reconnect and every upload failure', async () => {
    const { sink, printer, client: c, mock: m } = await setup();
    const token = printer.uploadToken;
    const secrets = [PASSWORD, WRONG_PASSWORD, token];

    // A refused first login (wrong password).
    const wrong = createAnycubicClient({
      host: '127.0.0.1',
      port: m.port,
      username: m.username,
      password: WRONG_PASSWORD,
      deviceId: printer.deviceId,
      logger: sink.logger,
    });
    await sink.capture(wrong.connect());
    await wrong.close();

    // Connected; info carries the upload URL with the token.
    await c.connect();
    await sink.capture(c.queryInfo());

    // A refused reconnect, reported as an event.
    printer.faults.add({ operation: 'connect', kind: 'auth-failure', times: 2 });
    printer.faults.add({ operation: 'info/query', kind: 'disconnect' });
    await sink.capture(c.queryInfo());
    await vi.waitFor(() => expect(c.connectionState).toBe('connected'), { timeout: 10_000 });

    // Upload failures: refused token, an error echoing the token, a body cut short, a dropped socket,
    // a printer that never answers.
    const bytes = new TextEncoder().encode('G28\n');
    const faults = [
      { kind: 'auth-failure' },
      { kind: 'error-reply', status: 500, message: `bad s=${token} password=${PASSWORD}` },
      { kind: 'malformed' },
      { kind: 'drop' },
      { kind: 'delay', delayMs: 1_000 },
    ] as const;
    for (const fault of faults) {
      printer.faults.add({ operation: UPLOAD_OPERATION, ...fault });
      await sink.capture(c.uploadFile('canary.gcode', bytes, { timeoutMs: 300 }));
    }
    // A malformed info report that carries the upload URL (its token) in the payload an error keeps.
    const injector = await rawClient(m);
    await injector.publishAsync(
      c.topics.report('info'),
      JSON.stringify({
        type: 'info',
        action: 'report',
        data: { urls: { fileUploadurl: `http://127.0.0.1:1/gcode_upload?s=${token}` }, temp: 'hot' },
      }),
    );
    await injector.publishAsync(c.topics.report('info'), `{"type":"info","data":{"urls":"?s=${token}"`);
    // An info report in a state the client does not know: its envelope goes out as a `raw` event too.
    await injector.publishAsync(
      c.topics.report('info'),
      JSON.stringify({
        type: 'info',
        action: 'report',
        state: 'firmware-new-state',
        data: { urls: { fileUploadurl: `http://127.0.0.1:1/gcode_upload?s=${token}` } },
      }),
    );
    await injector.endAsync();
    await vi.waitFor(() => expect(sink.errors.length).toBeGreaterThanOrEqual(faults.length + 4));

    const kinds = new Set(sink.errors.map((error) => (error as PrintkitError).code));
    expect([...kinds].sort()).toEqual(['auth', 'connection', 'protocol', 'rejected', 'timeout']);
    const checked = expectClean(sink, secrets);
    expect(checked).toBeGreaterThan(50);
    console.info(
      `canary: ${sink.errors.length} errors, ${sink.events.length} events, ${sink.lines.length} log lines; ${checked} renderings checked, 0 leaks`,
    );
    // The token really went by: the test would see it if it leaked.
    expect(token.length).toBeGreaterThanOrEqual(8);
  });

  it('through the adapter: status events, errors and a failed upload', async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, password: PASSWORD });
    const printer = mock.printer();
    const sink = new Sink();
    const adapter = createAnycubicPrinter({
      host: '127.0.0.1',
      port: mock.port,
      username: mock.username,
      password: PASSWORD,
      deviceId: printer.deviceId,
      pollIntervalMs: 0,
      logger: sink.logger,
    });
    adapter.on('status', (status) => sink.events.push(status));
    adapter.on('error', (error) => sink.errors.push(error));
    await adapter.connect();
    printer.faults.add({
      operation: UPLOAD_OPERATION,
      kind: 'error-reply',
      status: 403,
      message: printer.uploadToken,
    });
    await sink.capture(adapter.uploadFile('a.gcode', new Uint8Array([1])));
    await adapter.close();
    expect(sink.errors.length).toBeGreaterThan(0);
    expectClean(sink, [PASSWORD, printer.uploadToken]);
  });

  it('through LAN mode: the discovery token, the handshake password and the upload URL', async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, tls: { port: 0 } });
    const m = mock;
    const lan = m.printer().lan;
    const port = Number(new URL(m.httpUrl).port);
    const sink = new Sink();
    const secretsSeen = new Set<string>([lan.token, lan.credentials.password, m.printer().uploadToken]);
    sink.events.push(await discover('127.0.0.1', { port }));
    const options = await lanOptions('127.0.0.1', { port, tls: { insecure: true } });
    sink.events.push(options);
    client = createAnycubicClient({
      ...options,
      pollIntervalMs: 0,
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      logger: sink.logger,
    });
    sink.watch(client);
    const c = client;
    await c.connect();
    await sink.capture(c.queryInfo());
    // A power cycle: reconnect handshakes fail while the printer is off (an error event), then new
    // credentials; LAN Mode switched off: the handshake is refused.
    await m.printer().powerOff();
    await vi.waitFor(() => expect(sink.errors.length).toBeGreaterThan(0), { timeout: 10_000 });
    await m.printer().powerOn();
    secretsSeen.add(lan.token);
    secretsSeen.add(lan.credentials.password);
    await vi.waitFor(() => expect(c.connectionState).toBe('connected'), { timeout: 15_000 });
    // An upload refused with the rotated broker password echoed back: only the client's current
    // credentials (from the last handshake) can mask it, not the options it was created with.
    m.printer().faults.add({
      operation: UPLOAD_OPERATION,
      kind: 'error-reply',
      status: 500,
      message: `broker password=${lan.credentials.password}`,
    });
    const echoed = sink.errors.length;
    await sink.capture(c.uploadFile('echo.gcode', new Uint8Array([1]), { timeoutMs: 2_000 }));
    expect(sink.errors.length).toBe(echoed + 1);
    expect((sink.errors.at(-1) as PrintkitError).code).toBe('rejected');
    lan.setLanMode(false);
    await sink.capture(lanOptions('127.0.0.1', { port, tls: { insecure: true } }));
    await sink.capture(c.uploadFile('a.gcode', new Uint8Array([1]), { timeoutMs: 1 }));
    expect(sink.errors.length).toBeGreaterThanOrEqual(2);
    const checked = expectClean(sink, [...secretsSeen]);
    console.info(
      `canary (LAN): ${sink.errors.length} errors, ${sink.events.length} events, ${sink.lines.length} log lines; ${checked} renderings checked, 0 leaks`,
    );
  });

  it('through a bad TLS option: the message names the problem, not the values', () => {
    const error = (() => {
      try {
        createAnycubicClient({
          host: '127.0.0.1',
          deviceId: 'x',
          password: PASSWORD,
          tls: { fingerprint256: PASSWORD } as never,
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeDefined();
    for (const text of renderings(error)) expect(text).not.toContain(PASSWORD);
  });
});
