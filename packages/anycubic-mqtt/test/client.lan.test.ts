// LAN mode end to end against the mock: discovery, the signed /ctrl handshake, MQTTS with explicit
// trust, credentials rotating across a power cycle with the client reconnecting by itself, and a typed
// error for each way it can fail (stub servers for what the mock does not do: an older printer, a
// refused or malformed answer).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ConnectionError, InvalidArgumentError, ProtocolError } from '@printkit/core-types';
import { type MockAnycubic, startMockAnycubic } from '@printkit/mock-anycubic';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnycubicPrinter } from '../src/adapter/printer.js';
import { type AnycubicClient, createAnycubicClient } from '../src/client/client.js';
import { HandshakeRejectedError, LanModeOffError, UnsupportedPrinterError } from '../src/protocol/errors.js';
import { discover } from '../src/transport/discovery.js';
import { lanOptions } from '../src/transport/handshake.js';
import { fetchCertificateFingerprint, type TlsTrust } from '../src/transport/tls-trust.js';

let mock: MockAnycubic | undefined;
let client: AnycubicClient | undefined;
let stub: Server | undefined;

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  stub?.closeAllConnections();
  await new Promise((resolve) => stub?.close(resolve) ?? resolve(undefined));
  client = undefined;
  mock = undefined;
  stub = undefined;
});

async function lanMock(modelId = 20025) {
  mock = await startMockAnycubic({ port: 0, httpPort: 0, tls: { port: 0 }, printers: [{ modelId }] });
  const tls = mock.tls;
  if (!tls) throw new Error('no TLS listener');
  const httpPort = Number(new URL(mock.httpUrl).port);
  return { mock, tls, httpPort };
}

/** A stub printer HTTP server answering /info and /ctrl as told. */
async function stubPrinter(answer: (req: IncomingMessage, res: ServerResponse, port: number) => void) {
  const server = createServer((req, res) => answer(req, res, (server.address() as AddressInfo).port));
  stub = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const INFO = (port: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ctrlType: 'lan',
    token: 'abcdefghijklmnopABCDEFGHIJKLMNOP',
    ctrlInfoUrl: `http://127.0.0.1:${port}/ctrl`,
    modelId: '20025',
    ...extra,
  });

describe('discover(host)', () => {
  it('says what the printer is and that LAN Mode is on, without its secrets', async () => {
    const { httpPort, mock: m } = await lanMock();
    const found = await discover('127.0.0.1', { port: httpPort });
    expect(found).toMatchObject({ host: '127.0.0.1', lanMode: true, modelId: 20025, handshake: true });
    expect(found.mac).toMatch(/^A4:E8:8D:/);
    const shown = `${JSON.stringify(found)}${inspect(found)}`;
    expect(shown).not.toContain(m.printer().lan.token);
    expect(shown).not.toContain(m.printer().uploadToken);
    m.printer().lan.setLanMode(false);
    expect((await discover('127.0.0.1', { port: httpPort })).lanMode).toBe(false);
  });

  it('rejects an unreachable printer with ConnectionError', async () => {
    const port = await stubPrinter(() => {});
    stub?.close();
    stub?.closeAllConnections();
    stub = undefined;
    await expect(discover('127.0.0.1', { port, timeoutMs: 2_000 })).rejects.toSatisfy(
      ConnectionError.isInstance,
    );
  });
});

describe('lanOptions(host): handshake and MQTTS', () => {
  it('connects a client from the host alone (plus the trust choice) and reads the printer', async () => {
    const { httpPort, tls, mock: m } = await lanMock();
    const options = await lanOptions('127.0.0.1', {
      port: httpPort,
      tls: { fingerprint256: tls.fingerprint256 },
    });
    expect(options).toMatchObject({ deviceId: m.printer().deviceId, modelId: 20025, port: tls.port });
    expect(`${JSON.stringify(options)}${inspect(options)}`).not.toContain(
      m.printer().lan.credentials.password,
    );
    client = createAnycubicClient({ ...options, pollIntervalMs: 0 });
    await client.connect();
    await expect(client.queryInfo()).resolves.toMatchObject({ state: 'free' });
  });

  it('runs the handshake again after a power cycle (new credentials) and recovers by itself', async () => {
    const { httpPort, tls, mock: m } = await lanMock();
    const before = m.printer().lan.credentials;
    client = createAnycubicClient({
      ...(await lanOptions('127.0.0.1', { port: httpPort, tls: { insecure: true } })),
      pollIntervalMs: 0,
      reconnect: { initialDelayMs: 50, maxDelayMs: 300 },
    });
    await client.connect();
    await m.printer().powerOff();
    await vi.waitFor(() => expect(client?.connectionState).toBe('reconnecting'));
    await m.printer().powerOn();
    expect(m.printer().lan.credentials.password).not.toBe(before.password);
    await vi.waitFor(() => expect(client?.connectionState).toBe('connected'), { timeout: 15_000 });
    await expect(client.queryInfo()).resolves.toMatchObject({ state: 'free' });
    void tls;
  });

  it('drives the adapter from a LAN-mode host', async () => {
    const { httpPort, tls } = await lanMock(20024);
    const printer = createAnycubicPrinter({
      ...(await lanOptions('127.0.0.1', { port: httpPort, tls: { ca: tls.cert, verifyHostname: false } })),
      pollIntervalMs: 0,
    });
    await printer.connect();
    expect(printer.status.state).toBe('idle');
    await printer.close();
  });

  it('refuses LAN Mode off with LanModeOffError', async () => {
    const { httpPort, mock: m } = await lanMock();
    m.printer().lan.setLanMode(false);
    const error = await lanOptions('127.0.0.1', { port: httpPort, tls: { insecure: true } }).catch(
      (e: unknown) => e,
    );
    expect(LanModeOffError.isInstance(error)).toBe(true);
    expect(HandshakeRejectedError.isInstance(error)).toBe(false);
  });

  it('refuses an older printer (no token in /info) with UnsupportedPrinterError', async () => {
    const port = await stubPrinter((_req, res) =>
      res.end(JSON.stringify({ ctrlType: 'lan', modelName: 'Kobra 2' })),
    );
    const error = await lanOptions('127.0.0.1', { port, tls: { insecure: true } }).catch((e: unknown) => e);
    expect(UnsupportedPrinterError.isInstance(error)).toBe(true);
    expect(LanModeOffError.isInstance(error)).toBe(false);
  });

  it('reports a refused handshake as HandshakeRejectedError with the printer code, no token shown', async () => {
    const port = await stubPrinter((req, res, own) => {
      if (req.url === '/info') res.end(INFO(own));
      else
        res.end(
          JSON.stringify({ code: 10001, message: 'sign check failed for abcdefghijklmnopABCDEFGHIJKLMNOP' }),
        );
    });
    const error = await lanOptions('127.0.0.1', { port, tls: { insecure: true } }).catch((e: unknown) => e);
    expect(HandshakeRejectedError.isInstance(error)).toBe(true);
    expect((error as HandshakeRejectedError).printerCode).toBe(10001);
    expect(inspect(error)).not.toContain('abcdefghijklmnopABCDEFGHIJKLMNOP');
  });

  it.each([
    ['not JSON', 'oops'],
    ['no data', JSON.stringify({ code: 200 })],
    ['a blob that does not decrypt', JSON.stringify({ code: 200, data: { info: 'AAAA', token: 'x' } })],
  ])('reports a malformed /ctrl answer (%s) as ProtocolError', async (_name, body) => {
    const port = await stubPrinter((req, res, own) => res.end(req.url === '/info' ? INFO(own) : body));
    const error = await lanOptions('127.0.0.1', { port, tls: { insecure: true } }).catch((e: unknown) => e);
    expect(ProtocolError.isInstance(error)).toBe(true);
  });

  it('requires an explicit trust choice', async () => {
    await expect(lanOptions('127.0.0.1', { tls: {} as TlsTrust })).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
  });
});

describe('TLS trust matrix over the LAN broker', () => {
  it('trust on first use returns the fingerprint the broker presents', async () => {
    const { tls } = await lanMock();
    const seen = await fetchCertificateFingerprint('127.0.0.1', { port: tls.port });
    expect(seen).toBe(tls.fingerprint256);
  });

  it.each<[string, (tls: NonNullable<MockAnycubic['tls']>) => TlsTrust | undefined, boolean]>([
    ['pin right', (tls) => ({ fingerprint256: tls.fingerprint256 }), true],
    ['pin wrong', () => ({ fingerprint256: '00'.repeat(32) }), false],
    ['CA', (tls) => ({ ca: tls.cert, verifyHostname: false }), true],
    ['insecure', () => ({ insecure: true }), true],
    ['none (plain MQTT to the TLS port)', () => undefined, false],
  ])('%s', async (_name, trust, connects) => {
    const { tls, mock: m } = await lanMock();
    const chosen = trust(tls);
    const login = m.printer().lan.credentials;
    client = createAnycubicClient({
      host: '127.0.0.1',
      port: tls.port,
      username: login.username,
      password: login.password,
      deviceId: m.printer().deviceId,
      modelId: m.printer().modelId,
      pollIntervalMs: 0,
      ...(chosen ? { tls: chosen } : {}),
    });
    const outcome = await client.connect({ timeoutMs: 3_000 }).then(
      () => 'connected',
      (error: unknown) => error,
    );
    if (connects) expect(outcome).toBe('connected');
    else
      expect(ConnectionError.isInstance(outcome) || (outcome as { code?: string }).code === 'timeout').toBe(
        true,
      );
  });
});

describe('LAN mode wire facts', () => {
  it('asks the whole query set on connect and merges the answers (axis position, peripherals, lights)', async () => {
    const { httpPort, tls } = await lanMock();
    client = createAnycubicClient(await lanOptions('127.0.0.1', { port: httpPort, tls: { insecure: true } }));
    expect(tls.port).toBeGreaterThan(0);
    await client.connect();
    const c = client;
    await vi.waitFor(() => {
      expect(c.state.axis).toMatchObject({
        x: expect.any(Number),
        y: expect.any(Number),
        z: expect.any(Number),
      });
      expect(c.state.peripherie).toMatchObject({ camera: expect.anything() });
      expect(Object.keys(c.state.light).length).toBeGreaterThan(0);
      expect(c.state.tempature.curr_nozzle_temp).toEqual(expect.any(Number));
    });
  });
});
