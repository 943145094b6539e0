/** Imports only from the package entry points and exercises every exported runtime name. */
import { AuthError, PrinterRejectedError } from '@printkit/core-types';
import { startMockPrusaLink } from '@printkit/mock-prusalink';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import * as protocol from '../src/protocol/index.js';

describe('public API', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'PrusaLinkAuthError',
        'PrusaLinkRejectedError',
        'VERSION',
        'createFetchTransport',
        'createPrusaLinkClient',
        'createPrusaLinkPrinter',
      ].sort(),
    );
    expect(Object.keys(protocol).sort()).toEqual(
      [
        'ENDPOINT_NAMES',
        'FILE_TYPES',
        'JOB_STATE_NAMES',
        'PRINTER_STATE_NAMES',
        'STORAGE_TYPES',
        'TRANSFER_TYPES',
      ].sort(),
    );
  });

  it('VERSION is a semver string; the enum lists hold the spec values', () => {
    expect(api.VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(protocol.PRINTER_STATE_NAMES).toContain('ATTENTION');
    expect(protocol.JOB_STATE_NAMES).toContain('STOPPED');
    expect(protocol.STORAGE_TYPES).toEqual(['LOCAL', 'SDCARD', 'USB']);
    expect(protocol.FILE_TYPES).toContain('PRINT_FILE');
    expect(protocol.TRANSFER_TYPES).toContain('FROM_CLIENT');
    expect(protocol.ENDPOINT_NAMES).toContain('uploadFile');
  });

  it('error classes are printkit errors with their own markers', () => {
    const auth = new api.PrusaLinkAuthError('refused', { status: 401, scheme: 'Digest' });
    const rejected = new api.PrusaLinkRejectedError('no', { status: 409, printerCode: 409 });
    expect(AuthError.isInstance(auth)).toBe(true);
    expect(api.PrusaLinkAuthError.isInstance(auth)).toBe(true);
    expect(api.PrusaLinkAuthError.isInstance(new AuthError('x'))).toBe(false);
    expect(PrinterRejectedError.isInstance(rejected)).toBe(true);
    expect(api.PrusaLinkRejectedError.isInstance(rejected)).toBe(true);
    expect(api.PrusaLinkRejectedError.isInstance(new PrinterRejectedError('x'))).toBe(false);
    expect([auth.name, rejected.name]).toEqual(['PrusaLinkAuthError', 'PrusaLinkRejectedError']);
  });

  it('createFetchTransport, createPrusaLinkClient and createPrusaLinkPrinter work end to end', async () => {
    const mock = await startMockPrusaLink();
    try {
      const transport = api.createFetchTransport(mock.url, fetch);
      const response = await transport.send({
        method: 'GET',
        path: '/api/version',
        headers: { 'x-api-key': mock.options.apiKey },
        signal: new AbortController().signal,
        operation: 'GET /api/version',
      });
      expect(response.status).toBe(200);
      await response.discard();
      await transport.close();

      const client = api.createPrusaLinkClient({ url: mock.url, password: mock.options.password });
      expect((await client.request('status')).printer.state).toBe('IDLE');
      await client.close();

      const printer = api.createPrusaLinkPrinter({
        url: mock.url,
        password: mock.options.password,
        pollIntervalMs: 0,
      });
      await printer.connect();
      expect(printer.vendor).toBe('prusalink');
      expect(printer.status.state).toBe('idle');
      await printer.close();
    } finally {
      await mock.stop();
    }
  });
});
