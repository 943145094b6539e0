/**
 * The fleet's Prusa printers: CORE Ones behind one Connect mock (so each shows a chamber), its OAuth
 * origin listed, CORS with --cors.
 */
import { createManualClock } from '@printkit/printer-sim';
import { describe, expect, it } from 'vitest';
import { parseMocksArgs } from '../mocks-args.js';
import { startPrusaConnectPrinters } from './prusa-connect.js';

const UUID = '11111111-2222-3333-4444-555555555555';

describe('startPrusaConnectPrinters', () => {
  it('a fleet CORE One has the captured chamber block', async () => {
    const running = await startPrusaConnectPrinters(
      [{ vendor: 'prusa-connect', name: 'Core', uuid: UUID, seed: 1 }],
      {
        clock: createManualClock(),
        host: '127.0.0.1',
        port: 0,
        seed: 1,
      },
    );
    try {
      const connection = running.printers[0]?.connection;
      if (connection?.vendor !== 'prusa-connect') throw new Error('expected a prusa-connect printer');
      const response = await fetch(`${connection.url}/app/printers/${UUID}`, {
        headers: { Authorization: `Bearer ${connection.token}` },
      });
      const detail = (await response.json()) as { chamber?: Record<string, number> };
      expect(Object.keys(detail.chamber ?? {}).sort()).toEqual([
        'fan_1_rpm',
        'fan_2_rpm',
        'led_intensity',
        'target_temp',
        'temp',
      ]);
    } finally {
      await running.stop();
    }
  });

  it('lists the OAuth token endpoint as its own origin, and answers CORS preflights when asked', async () => {
    const planned = [{ vendor: 'prusa-connect' as const, name: 'Core', uuid: UUID, seed: 1 }];
    const options = { clock: createManualClock(), host: '127.0.0.1', port: 0, seed: 1 };
    const plain = await startPrusaConnectPrinters(planned, options);
    const withCors = await startPrusaConnectPrinters(planned, { ...options, cors: true });
    try {
      const endpoints = plain.printers[0]?.details.endpoints ?? {};
      expect(endpoints.oauth).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/o\/token\/$/);
      expect(new URL(endpoints.oauth ?? '').origin).not.toBe(new URL(endpoints.http ?? '').origin);
      const preflight = (base: string) =>
        fetch(`${base}/app/printers`, {
          method: 'OPTIONS',
          headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET' },
        });
      expect((await preflight(endpoints.http ?? '')).status).toBe(404);
      const corsUrl = withCors.printers[0]?.details.endpoints.http ?? '';
      expect((await preflight(corsUrl)).status).toBe(204);
    } finally {
      await Promise.all([plain.stop(), withCors.stop()]);
    }
  });

  it('--cors turns it on for the fleet', () => {
    const on = parseMocksArgs(['--cors']);
    const off = parseMocksArgs([]);
    expect(on.kind === 'run' && on.fleet.cors).toBe(true);
    expect(off.kind === 'run' && off.fleet.cors).toBeUndefined();
  });
});
