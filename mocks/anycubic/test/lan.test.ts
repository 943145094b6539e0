/**
 * LAN mode as a third-party client meets it (protocol notes, "LAN mode on stock firmware"): discovery,
 * the signed `/ctrl`, the AES blob, MQTT over TLS — with fetch + node:crypto + mqtt.js, mosquitto_sub and
 * openssl s_client, never through our client.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrinterCertificate, type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { commandTopicOf, reportTopicOf, Tester } from './helpers.js';
import {
  type BrokerInfo,
  decryptBrokerInfo,
  discover,
  lanHandshake,
  postCtrl,
  signedQuery,
} from './lan-client.js';

function runTool(
  file: string,
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** mqtt.js over TLS the way LAN clients connect: no chain check (self-signed), TLS 1.2, no reconnect. */
function connectLan(broker: BrokerInfo) {
  return mqtt.connectAsync(broker.broker, {
    username: broker.username,
    password: broker.password,
    rejectUnauthorized: false,
    // Passed through to tls.connect; mqtt.js's option type does not list it.
    ...({ maxVersion: 'TLSv1.2' } as object),
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
}

describe('LAN mode: discovery, signed handshake, TLS broker', () => {
  let mock: MockAnycubic;
  beforeEach(async () => {
    mock = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      flvPort: 0,
      tls: { port: 0 },
      printers: [{ modelId: 20025 }, { modelId: 20024 }],
    });
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('serves /info like the printer: JSON without a JSON content type, ctrlType lan, the S1 modelId as a string', async () => {
    const s1 = mock.printer();
    const { response, document } = await discover(s1.lan.discoveryUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(document).toMatchObject({
      ctrlType: 'lan',
      modelId: '20025',
      modelName: 'Anycubic Kobra S1',
      deviceType: 'fdm',
      ctrlInfoUrl: `${mock.httpUrl}/ctrl`,
      fileUploadurl: s1.urls.fileUploadurl,
      rtspUrl: `${mock.flvUrl}/flv`,
      ip: '127.0.0.1',
      zone: 'global',
      env: 'prod',
    });
    expect(document.token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(document.usn).toMatch(/^uuid:fdm:A4-E8-8D(-[0-9A-F]{2}){3}$/);
    // The discovery document names no broker credentials and no device id (TigerTag §3).
    expect(Object.keys(document)).not.toContain('deviceId');
    expect(JSON.stringify(document)).not.toContain(s1.lan.credentials.password);

    const kobra3 = await discover(mock.printer(mock.printers[1]?.deviceId).lan.discoveryUrl);
    expect(kobra3.document.modelId).toBe(20024);
    expect(kobra3.document.ctrlInfoUrl).toBe(`${mock.httpUrl}/ctrl/${mock.printers[1]?.deviceId}`);
  });

  it('changes the token over time; a request signed with the token just replaced still succeeds', async () => {
    const printer = mock.printer();
    const first = (await discover(printer.lan.discoveryUrl)).document;
    printer.lan.rotateToken();
    const second = (await discover(printer.lan.discoveryUrl)).document;
    expect(second.token).not.toBe(first.token);
    const late = await postCtrl(first.ctrlInfoUrl, signedQuery(first.token));
    expect(late.body.code).toBe(200);
    const data = late.body.data as { info: string; token: string };
    expect(decryptBrokerInfo(first.token, data.info, data.token).username).toBe(
      printer.lan.credentials.username,
    );
    printer.lan.rotateToken();
    expect((await postCtrl(first.ctrlInfoUrl, signedQuery(first.token))).body.code).toBe(10003);

    const rotating = await startMockAnycubic({ port: 0, httpPort: 0, lan: { tokenRotationMs: 20 } });
    try {
      const before = (await discover(rotating.printer().lan.discoveryUrl)).document.token;
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect((await discover(rotating.printer().lan.discoveryUrl)).document.token).not.toBe(before);
    } finally {
      await rotating.stop();
    }
  });

  it('a third-party client does the whole flow: fetch + node:crypto + mqtt.js over TLS 1.2, pinned fingerprint', async () => {
    const printer = mock.printer();
    const { discovery, broker } = await lanHandshake(printer.lan.discoveryUrl);
    expect(broker).toMatchObject({
      broker: mock.tls?.url,
      username: printer.lan.credentials.username,
      password: printer.lan.credentials.password,
      deviceId: printer.deviceId,
    });
    expect(broker.username).toMatch(/^user[A-Za-z]{8}$/);
    expect(broker.password).toMatch(/^[A-Za-z]{15}$/);
    expect(broker.deviceId).toMatch(/^[0-9a-f]{32}$/);
    expect(broker.broker).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);

    const client = await connectLan(broker);
    try {
      const socket = client.stream as TLSSocket;
      expect(socket.getProtocol()).toBe('TLSv1.2');
      expect(socket.getPeerCertificate().fingerprint256).toBe(mock.tls?.fingerprint256);
      const target = { modelId: Number(discovery.modelId), deviceId: broker.deviceId };
      await client.subscribeAsync(
        `anycubic/anycubicCloud/v1/printer/public/${target.modelId}/${target.deviceId}/#`,
      );
      const report = new Promise<Record<string, unknown>>((resolve) => {
        client.on('message', (topic, payload) => {
          if (topic === reportTopicOf(target, 'info')) resolve(JSON.parse(payload.toString()));
        });
      });
      await client.publishAsync(
        commandTopicOf(target, 'web', 'info'),
        JSON.stringify({ type: 'info', action: 'query', msgid: 'lan-1', timestamp: Date.now(), data: {} }),
      );
      expect(await report).toMatchObject({ type: 'info', state: 'done', msgid: 'lan-1' });
    } finally {
      await client.endAsync();
    }
  });

  it('refuses a bad signature, a stale ts and malformed parameters with their codes, and only POST', async () => {
    const { document } = await discover(mock.printer().lan.discoveryUrl);
    const good = signedQuery(document.token);
    const refusals = [
      [{ ...good, sign: signedQuery('X'.repeat(32)).sign }, 10003],
      [signedQuery(document.token, Date.now() - 3_600_000), 10004],
      [signedQuery(document.token, Date.now() + 3_600_000), 10004],
      [{ ...good, did: good.did.toLowerCase().replace(/[0-9]/g, 'a') }, 10002],
      [{ ...good, nonce: 'abc' }, 10002],
      [{ ts: good.ts, nonce: good.nonce, sign: good.sign }, 10002],
      [{ ...good, sign: good.sign.toUpperCase() }, 10002],
    ] as const;
    for (const [query, code] of refusals) {
      const { status, body } = await postCtrl(document.ctrlInfoUrl, query);
      expect({ status, code: body.code }).toEqual({ status: 200, code });
      expect(body).not.toHaveProperty('data');
      expect(typeof body.message).toBe('string');
    }
    expect((await fetch(document.ctrlInfoUrl)).status).toBe(405);
    expect((await postCtrl(document.ctrlInfoUrl, good)).body.code).toBe(200);
  });

  it('with LAN Mode off says ctrlType cloud, refuses /ctrl, and its broker refuses the LAN credentials', async () => {
    const printer = mock.printer();
    const { broker } = await lanHandshake(printer.lan.discoveryUrl);
    const client = await connectLan(broker);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    printer.lan.setLanMode(false);
    await closed;
    client.end(true);
    const { document } = await discover(printer.lan.discoveryUrl);
    expect(document.ctrlType).toBe('cloud');
    expect((await postCtrl(document.ctrlInfoUrl, signedQuery(document.token))).body.code).toBe(10005);
    await expect(connectLan(broker)).rejects.toThrow(/Bad username or password/);
    printer.lan.setLanMode(true);
    const again = await connectLan(broker);
    await again.endAsync();
  });

  it('rotates the broker credentials on a power cycle: the old ones are refused, a new handshake works', async () => {
    const printer = mock.printer();
    const before = (await lanHandshake(printer.lan.discoveryUrl)).broker;
    const client = await connectLan(before);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await printer.powerOff();
    // The printer's broker went down with it, and its HTTP port does not answer.
    await closed;
    client.end(true);
    await expect(fetch(printer.lan.discoveryUrl)).rejects.toThrow();
    await expect(connectLan(before)).rejects.toThrow(/Bad username or password/);

    await printer.powerOn();
    await expect(connectLan(before)).rejects.toThrow(/Bad username or password/);
    const after = (await lanHandshake(printer.lan.discoveryUrl)).broker;
    expect(after.username).not.toBe(before.username);
    expect(after.password).not.toBe(before.password);
    expect(after.deviceId).toBe(before.deviceId);
    const fresh = await connectLan(after);
    await fresh.endAsync();
    // The fixed gkapi credentials are untouched by the power cycle.
    const gkapi = await Tester.connect(mock, printer);
    await gkapi.close();
  });

  it('mosquitto_sub --cafile --insecure (chain checked, name not) reads reports over TLS 1.2; a wrong CA fails', async () => {
    const printer = mock.printer();
    const { broker } = await lanHandshake(printer.lan.discoveryUrl);
    const dir = mkdtempSync(join(tmpdir(), 'printkit-lan-'));
    try {
      const ca = join(dir, 'printer.pem');
      writeFileSync(ca, mock.tls?.cert ?? '');
      const other = join(dir, 'other.pem');
      writeFileSync(other, (await createPrinterCertificate('someone-else')).cert);
      const port = String(mock.tls?.port);
      const auth = ['-h', '127.0.0.1', '-p', port, '-u', broker.username, '-P', broker.password];
      const tlsArgs = ['--insecure', '--tls-version', 'tlsv1.2'];
      const target = { modelId: printer.modelId, deviceId: printer.deviceId };
      const sub = runTool('mosquitto_sub', [
        ...auth,
        '--cafile',
        ca,
        ...tlsArgs,
        '-t',
        reportTopicOf(target, 'info'),
        '-C',
        '1',
        '-W',
        '10',
      ]);
      let finished = false;
      void sub.then(() => {
        finished = true;
      });
      const publisher = await connectLan(broker);
      try {
        while (!finished) {
          await publisher.publishAsync(
            commandTopicOf(target, 'web', 'info'),
            JSON.stringify({ type: 'info', action: 'query', msgid: 'sub', timestamp: Date.now(), data: {} }),
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await publisher.endAsync();
      }
      const result = await sub;
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ type: 'info', state: 'done' });

      const wrong = await runTool('mosquitto_sub', [
        ...auth,
        '--cafile',
        other,
        ...tlsArgs,
        '-t',
        '#',
        '-C',
        '1',
        '-W',
        '3',
      ]);
      expect(wrong.code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('faults on GET /info and POST /ctrl: a refused handshake once, a dropped discovery, a broken answer', async () => {
    const printer = mock.printer();
    printer.faults.add({ operation: 'POST /ctrl', kind: 'auth-failure' });
    printer.faults.add({ operation: 'GET /info', kind: 'drop' });
    await expect(fetch(printer.lan.discoveryUrl)).rejects.toThrow();
    const { document } = await discover(printer.lan.discoveryUrl);
    const refused = await postCtrl(document.ctrlInfoUrl, signedQuery(document.token));
    expect(refused).toEqual({ status: 200, body: { code: 10003, message: 'sign check failed' } });
    // Each rule was used once: the next handshake succeeds.
    expect((await lanHandshake(printer.lan.discoveryUrl)).broker.username).toBe(
      printer.lan.credentials.username,
    );

    printer.faults.add({ operation: 'POST /ctrl', kind: 'malformed' });
    const broken = await fetch(`${document.ctrlInfoUrl}?x=1`, { method: 'POST' });
    expect(await broken.text()).toBe('{"code":200,"msg":');
    printer.faults.add({ operation: 'GET /info', kind: 'error-reply', status: 503, message: 'busy' });
    expect((await fetch(printer.lan.discoveryUrl)).status).toBe(503);
  });

  it('uses a certificate made beforehand (tls.certificate) instead of making its own', async () => {
    const shared = await createPrinterCertificate('fleet');
    const other = await startMockAnycubic({ port: 0, httpPort: 0, tls: { port: 0, certificate: shared } });
    try {
      expect(other.tls?.fingerprint256).toBe(shared.fingerprint256);
      expect(other.tls?.fingerprint256).not.toBe(mock.tls?.fingerprint256);
      const { broker } = await lanHandshake(other.printer().lan.discoveryUrl);
      expect(broker.devicecrt).toBe(shared.clientCert);
      const client = await connectLan(broker);
      expect((client.stream as TLSSocket).getPeerCertificate().fingerprint256).toBe(shared.fingerprint256);
      await client.endAsync();
    } finally {
      await other.stop();
    }
  });

  it('requests an optional client certificate like the printer, and speaks TLS 1.2 at most', async () => {
    const port = String(mock.tls?.port);
    const s12 = await runTool('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_2'], 'Q\n');
    // s_client prints these lines only when the server sent a CertificateRequest.
    expect(s12.stdout).toMatch(/Acceptable client certificate CA names|Client Certificate Types/);
    expect(s12.stdout).toMatch(/Protocol\s*:\s*TLSv1\.2/);
    const s13 = await runTool('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_3'], 'Q\n');
    expect(s13.code).not.toBe(0);
  });
});
