// TLS (port 9883 on the printer) against the mock's MQTTS listener with a self-signed certificate:
// every trust choice, and no TLS without one.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { ConnectionError, InvalidArgumentError } from '@printkit/core-types';
import { type MockAnycubic, startMockAnycubic } from '@printkit/mock-anycubic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnycubicClient } from '../src/client/client.js';
import type { AnycubicClientOptions } from '../src/client/options.js';
import type { TlsTrust } from '../src/transport/tls-trust.js';

function selfSigned(dir: string, name: string) {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=DNS:${name}.local`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

let dir: string;
let mock: MockAnycubic;
let printerCert: { key: string; cert: string };
let otherCert: { key: string; cert: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printkit-anycubic-tls-'));
  printerCert = selfSigned(dir, 'printer');
  otherCert = selfSigned(dir, 'other');
  mock = await startMockAnycubic({ port: 0, httpPort: 0, tls: { port: 0, ...printerCert } });
});

afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function tlsClient(tls: TlsTrust, extra: Partial<AnycubicClientOptions> = {}) {
  return createAnycubicClient({
    host: '127.0.0.1',
    port: mock.tlsPort as number,
    username: mock.username,
    password: mock.password,
    deviceId: mock.printer().deviceId,
    pollIntervalMs: 0,
    tls,
    ...extra,
  });
}

async function works(tls: TlsTrust) {
  const client = tlsClient(tls);
  try {
    await client.connect({ timeoutMs: 5_000 });
    await expect(client.queryInfo()).resolves.toMatchObject({ state: 'free' });
  } finally {
    await client.close();
  }
}

async function refused(tls: TlsTrust) {
  const client = tlsClient(tls);
  try {
    return await client.connect({ timeoutMs: 5_000 }).then(
      () => {
        throw new Error('connected');
      },
      (error: unknown) => error,
    );
  } finally {
    await client.close();
  }
}

describe('TLS trust choices', () => {
  // Issue 10, defect 4: these passed validation, then connect() rejected with a raw TypeError and
  // close() with an unhandled rejection.
  const PIN = 'AB'.repeat(32);
  it.each<[string, unknown]>([
    ['a pin with ca: undefined', { fingerprint256: PIN, ca: undefined }],
    ['ca: null', { ca: null }],
    ['ca: undefined alone', { ca: undefined }],
    ['an empty ca list', { ca: [] }],
    ['a ca list holding null', { ca: ['-----BEGIN CERTIFICATE-----', null] }],
    ['a pin and insecure', { fingerprint256: PIN, insecure: true }],
    ['insecure: "yes"', { insecure: 'yes' }],
    ['verifyHostname with a pin', { fingerprint256: PIN, verifyHostname: false }],
    ['a misspelt key', { fingerprint: PIN }],
    ['an unknown extra key', { insecure: true, rejectUnauthorized: false }],
    ['an empty servername', { insecure: true, servername: '' }],
    ['null', null],
    ['a string', 'insecure'],
  ])('refuses %s with InvalidArgumentError before anything is sent', async (_name, tls) => {
    let connections = 0;
    const server = createServer(() => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = (() => {
        try {
          tlsClient(tls as TlsTrust, { port });
          return undefined;
        } catch (caught) {
          return caught;
        }
      })();
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('tls');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a TLS option without a trust choice, or with two', () => {
    expect(() => tlsClient({} as TlsTrust)).toThrow(/trust choice/);
    expect(() => tlsClient({ insecure: false } as unknown as TlsTrust)).toThrow(InvalidArgumentError);
    expect(() => tlsClient({ insecure: true, fingerprint256: 'AB' } as unknown as TlsTrust)).toThrow(
      InvalidArgumentError,
    );
    expect(() => tlsClient({ fingerprint256: 'not hex' })).toThrow(/64 hex digits/);
  });

  it('connects to the pinned certificate and refuses any other', async () => {
    const fingerprint = new X509Certificate(printerCert.cert).fingerprint256;
    await works({ fingerprint256: fingerprint });
    await works({ fingerprint256: fingerprint.replace(/:/g, '').toLowerCase() });
    const error = await refused({ fingerprint256: new X509Certificate(otherCert.cert).fingerprint256 });
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as ConnectionError).isRetryable).toBe(false);
    expect(String((error as Error).message)).toContain('pinned');
  });

  it('sends nothing, not even the CONNECT with the password, to a certificate that is not the pinned one', async () => {
    const received: Buffer[] = [];
    const server = createTlsServer({ key: otherCert.key, cert: otherCert.cert }, (socket) => {
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = tlsClient(
      { fingerprint256: new X509Certificate(printerCert.cert).fingerprint256 },
      { port: (server.address() as AddressInfo).port, password: 'pinned-secret' },
    );
    const error = await client.connect({ timeoutMs: 5_000 }).catch((e: unknown) => e);
    await client.close();
    await new Promise((resolve) => server.close(resolve));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(Buffer.concat(received).toString('latin1')).not.toContain('pinned-secret');
    expect(received).toHaveLength(0);
  });

  it('trusts a given CA, checking the host name unless told not to', async () => {
    await works({ ca: printerCert.cert, verifyHostname: false });
    await works({ ca: printerCert.cert, servername: 'printer.local' });
    expect(ConnectionError.isInstance(await refused({ ca: printerCert.cert }))).toBe(true);
    expect(ConnectionError.isInstance(await refused({ ca: otherCert.cert, verifyHostname: false }))).toBe(
      true,
    );
  });

  it('accepts any certificate only when insecure is said out loud', async () => {
    await works({ insecure: true });
  });

  it('defaults to port 9883 for TLS and 2883 without', () => {
    const tls = createAnycubicClient({ host: 'h', deviceId: 'd', tls: { insecure: true } });
    const plain = createAnycubicClient({ host: 'h', deviceId: 'd' });
    expect([tls.port, plain.port]).toEqual([9883, 2883]);
  });
});
