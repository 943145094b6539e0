import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachSimulatedAnycubicPrinter, type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { Tester } from './helpers.js';

describe('broker: auth, lastWill, TLS', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      username: 'userFfWiIvys',
      password: 'jUWjRQZwUUlrHOQ',
    });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it('refuses a bad password, a wrong user and no credentials', async () => {
    for (const credentials of [
      { username: 'userFfWiIvys', password: 'wrong' },
      { username: 'someone', password: 'jUWjRQZwUUlrHOQ' },
      {},
    ]) {
      await expect(mqtt.connectAsync(mock.url, { ...credentials, reconnectPeriod: 0 })).rejects.toThrow(
        /Bad username or password|Not authorized/i,
      );
    }
    expect(mock.url).toBe(`mqtt://127.0.0.1:${mock.port}`);
    expect(mock.username).toBe('userFfWiIvys');
  });

  it('speaks MQTT 3.1.1 only: aedes 1.x refuses an MQTT 5 CONNECT (the README says so)', async () => {
    const credentials = { username: mock.username, password: mock.password, reconnectPeriod: 0 };
    await expect(mqtt.connectAsync(mock.url, { ...credentials, protocolVersion: 5 })).rejects.toThrow(
      /unacceptable protocol version/i,
    );
    const v311 = await mqtt.connectAsync(mock.url, { ...credentials, protocolVersion: 4 });
    await v311.endAsync();
  });

  it('powerOff publishes lastWill offline and stops answering; powerOn says online and answers again', async () => {
    const printer = mock.printer();
    let since = tester.mark();
    await printer.powerOff();
    const offline = await tester.waitForReport((r) => r.type === 'lastWill', since);
    expect(offline).toMatchObject({ action: 'onlineReport', state: 'offline', code: 200, data: null });
    expect(printer.online).toBe(false);
    expect(printer.sim.snapshot().powered).toBe(false);

    since = tester.mark();
    const msgid = tester.send('web', 'info', 'query');
    await printer.powerOn();
    await tester.waitForReport((r) => r.type === 'lastWill' && r.state === 'online', since);
    expect(tester.acks(since)).not.toContain(msgid);
    const report = await tester.request('web', 'info', 'query');
    expect(report.state).toBe('done');
    expect(tester.reports(since).some((r) => r.type === 'status' && r.state === 'free')).toBe(true);
  });

  it('the broker publishes the will (offline) when the printer drops off abruptly; it then comes back', async () => {
    const since = tester.mark();
    mock.printer().dropConnection();
    expect(mock.printer().online).toBe(false); // off the broker until it rejoins
    const offline = await tester.waitForReport((r) => r.type === 'lastWill', since);
    expect(offline.state).toBe('offline');
    const online = await tester.waitForReport((r) => r.type === 'lastWill' && r.state === 'online', since);
    expect(online.msg).toBe('device online');
    expect(mock.printer().online).toBe(true);
    expect((await tester.request('web', 'info', 'query')).state).toBe('done');
  });

  it('connectionCount counts client sockets; printers hosted in the broker have none', async () => {
    expect(mock.printer().online).toBe(true);
    expect(mock.connectionCount()).toBe(1); // the tester
    const other = await mqtt.connectAsync(mock.url, {
      username: mock.username,
      password: mock.password,
      reconnectPeriod: 0,
    });
    expect(mock.connectionCount()).toBe(2);
    await other.endAsync();
    await tester.close();
    await expect.poll(() => mock.connectionCount()).toBe(0);
    // Still answering with nobody connected over a socket: a new client is served at once.
    tester = await Tester.connect(mock, mock.printer());
    expect((await tester.request('web', 'info', 'query')).state).toBe('done');
  });

  it('hosts an mqtt.js printer attached over a socket next to its own, and counts its connection', async () => {
    const attached = await attachSimulatedAnycubicPrinter({
      brokerUrl: mock.url,
      username: mock.username,
      password: mock.password,
      deviceId: 'beef0123beef0123beef0123beef0123',
    });
    try {
      expect(mock.connectionCount()).toBe(2);
      const peer = await Tester.connect(mock, attached);
      try {
        expect((await peer.request('web', 'info', 'query')).state).toBe('done');
        expect((await tester.request('web', 'info', 'query')).state).toBe('done');
      } finally {
        await peer.close();
      }
    } finally {
      await attached.detach();
    }
  });

  it('a job running at power-off is lost and shows as last_project after power-on', async () => {
    const printer = mock.printer();
    printer.sim.startPrint('benchy.gcode');
    await mock.advance(200_000);
    await tester.request('web', 'info', 'query'); // drains the progress reports pushed so far
    const since = tester.mark();
    await printer.powerOff();
    await printer.powerOn();
    const info = await tester.request('web', 'info', 'query');
    expect(info.data).toMatchObject({
      state: 'free',
      project: null,
      last_project: { filename: 'benchy.gcode', state: 'failed' },
    });
    // No print report escaped while the printer was off.
    expect(tester.reports(since).filter((r) => r.type === 'print')).toEqual([]);
  });

  it('offers an MQTTS listener with a self-signed certificate that unverifying clients accept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anycubic-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=anycubic-mock',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const key = readFileSync(join(dir, 'key.pem'));
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const secure = await startMockAnycubic({ port: 0, httpPort: 0, tls: { port: 0, key, cert } });
      try {
        expect(secure.tlsPort).toBeGreaterThan(0);
        const url = `mqtts://127.0.0.1:${secure.tlsPort}`;
        // Like the Home Assistant library: any self-signed certificate is accepted.
        const peer = await Tester.connect(
          { url, username: 'printkit', password: 'printkit' },
          secure.printer(),
          {
            rejectUnauthorized: false,
          },
        );
        try {
          expect((await peer.request('web', 'info', 'query')).state).toBe('done');
        } finally {
          await peer.close();
        }
        // A verifying client without the CA is refused; with it as CA it connects.
        await expect(
          mqtt.connectAsync(url, {
            username: 'printkit',
            password: 'printkit',
            reconnectPeriod: 0,
            rejectUnauthorized: true,
            servername: 'anycubic-mock',
          }),
        ).rejects.toThrow();
        const trusted = await mqtt.connectAsync(url, {
          username: 'printkit',
          password: 'printkit',
          reconnectPeriod: 0,
          ca: cert,
          servername: 'anycubic-mock',
        });
        await trusted.endAsync();
        await expect(
          mqtt.connectAsync(url, {
            username: 'printkit',
            password: 'nope',
            reconnectPeriod: 0,
            rejectUnauthorized: false,
          }),
        ).rejects.toThrow(/Bad username/);
      } finally {
        await secure.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
