// The public surface, seen only through the package's entry points (src/index.ts and
// src/protocol/index.ts, which the `.` and `./protocol` exports build to): every runtime name is
// exercised, nothing else is exported, and no zod schema leaks out.
import { ConnectionError, InvalidArgumentError, PrinterRejectedError } from '@printkit/core-types';
import { startMockAnycubic } from '@printkit/mock-anycubic';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import * as protocol from '../src/protocol/index.js';

const {
  ANYCUBIC_ERROR_CODES,
  createAnycubicClient,
  createAnycubicPrinter,
  describeFirmwareError,
  discover,
  fetchCertificateFingerprint,
  HandshakeRejectedError,
  LanModeOffError,
  lanOptions,
  LightType,
  MODELS,
  UnsupportedPrinterError,
  VERSION,
} = api;

describe('@printkit/anycubic-mqtt', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'ANYCUBIC_ERROR_CODES',
      'HandshakeRejectedError',
      'LanModeOffError',
      'LightType',
      'MODELS',
      'UnsupportedPrinterError',
      'VERSION',
      'createAnycubicClient',
      'createAnycubicPrinter',
      'describeFirmwareError',
      'discover',
      'fetchCertificateFingerprint',
      'lanOptions',
    ]);
  });

  it('exports no schema from either entry point', () => {
    for (const value of [...Object.values(api), ...Object.values(protocol)]) {
      expect(typeof value === 'object' && value !== null && '_zod' in value).toBe(false);
    }
  });

  it('runs a client and an adapter against the mock', async () => {
    const mock = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      printers: [{ modelId: protocol.KOBRA_S1 }],
    });
    const sim = mock.printer();
    const common = {
      host: '127.0.0.1',
      port: mock.port,
      username: mock.username,
      password: mock.password,
      deviceId: sim.deviceId,
      modelId: sim.modelId,
      pollIntervalMs: 0,
    };
    const client = createAnycubicClient(common);
    const printer = createAnycubicPrinter(common);
    try {
      await client.connect();
      const reply = await client.command('info/query', null);
      expect(reply.report?.type).toBe('info');
      await client.command('light/control', { type: LightType.chamber, status: 1, brightness: 50 });
      await printer.connect();
      expect(printer.capabilities.has('light')).toBe(true);
      expect(printer.status.state).toBe('idle');
    } finally {
      await printer.close();
      await client.close();
      await mock.stop();
    }
    await expect(client.command('info/query', null)).rejects.toSatisfy(ConnectionError.isInstance);
  });

  it('refuses bad options and unknown commands with InvalidArgumentError', async () => {
    expect(() => createAnycubicClient({ host: '', deviceId: 'x' })).toThrow(InvalidArgumentError);
    expect(() => createAnycubicPrinter({ host: 'h', deviceId: 'x', timeoutMs: -1 })).toThrow(
      InvalidArgumentError,
    );
    const client = createAnycubicClient({ host: '127.0.0.1', deviceId: 'x' });
    await expect(client.command('nope/nope' as 'info/query', null)).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
    await client.close();
  });

  it('names firmware errors and models', () => {
    expect(ANYCUBIC_ERROR_CODES['10107']).toBe('Filament runout');
    expect(describeFirmwareError(10107, 'failed')).toBe('Filament runout (10107)');
    expect(describeFirmwareError('constructor', undefined)).toBeUndefined();
    expect(MODELS[protocol.KOBRA_S1]?.lights).toEqual([LightType.chamber, LightType.camera]);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(PrinterRejectedError.isInstance(new PrinterRejectedError('x'))).toBe(true);
  });
});

describe('LAN mode from the entry point', () => {
  it('discovers, trusts on first use, and connects a printer from its host', async () => {
    const mock = await startMockAnycubic({ port: 0, httpPort: 0, tls: { port: 0 } });
    const port = Number(new URL(mock.httpUrl).port);
    const printer = createAnycubicPrinter({
      ...(await lanOptions('127.0.0.1', {
        port,
        tls: {
          fingerprint256: await fetchCertificateFingerprint('127.0.0.1', { port: mock.tls?.port ?? 0 }),
        },
      })),
      pollIntervalMs: 0,
    });
    try {
      expect((await discover('127.0.0.1', { port })).lanMode).toBe(true);
      await printer.connect();
      expect(printer.connectionState).toBe('connected');
      mock.printer().lan.setLanMode(false);
      const off = await lanOptions('127.0.0.1', { port, tls: { insecure: true } }).catch((e: unknown) => e);
      expect(LanModeOffError.isInstance(off)).toBe(true);
      expect(UnsupportedPrinterError.isInstance(off)).toBe(false);
      expect(HandshakeRejectedError.isInstance(off)).toBe(false);
    } finally {
      await printer.close();
      await mock.stop();
    }
  });
});

describe('@printkit/anycubic-mqtt/protocol', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(protocol).sort()).toEqual([
      'COMMAND_KEYS',
      'CURRENT_TASK',
      'KOBRA_3',
      'KOBRA_3_MAX',
      'KOBRA_3_V2',
      'KOBRA_4',
      'KOBRA_S1',
      'KOBRA_S1_MAX',
      'KOBRA_X',
      'REPORT_STATES',
      'TOPIC_PREFIX',
      'createTopics',
      'decodeMessage',
      'isOkCode',
    ]);
  });

  it('builds topics and decodes what arrives on them', () => {
    const topics = protocol.createTopics({ modelId: protocol.KOBRA_3, deviceId: 'abc' });
    expect(topics.report('info')).toBe(`${protocol.TOPIC_PREFIX}/printer/public/20024/abc/info/report`);
    const decoded = protocol.decodeMessage(
      topics,
      topics.report('print'),
      JSON.stringify({
        type: 'print',
        action: 'pause',
        state: 'paused',
        code: 200,
        data: { taskid: protocol.CURRENT_TASK },
      }),
    );
    expect(decoded.kind === 'report' && decoded.report.state).toBe('paused');
    expect(protocol.isOkCode('200')).toBe(true);
    expect(protocol.isOkCode(10101)).toBe(false);
    expect(protocol.REPORT_STATES.print).toContain('stoped');
    expect(protocol.COMMAND_KEYS).toContain('multiColorBox/setDry');
    for (const id of [
      protocol.KOBRA_3_MAX,
      protocol.KOBRA_3_V2,
      protocol.KOBRA_4,
      protocol.KOBRA_S1_MAX,
      protocol.KOBRA_X,
    ]) {
      expect(Number.isInteger(id)).toBe(true);
    }
  });
});
