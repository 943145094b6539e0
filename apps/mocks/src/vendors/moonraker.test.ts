/** The fleet's Klipper printers: with --cors every origin may use the fake Moonraker (cors_domains: *). */
import { request } from 'node:http';
import { createManualClock } from '@printkit/printer-sim';
import { describe, expect, it } from 'vitest';
import { startMoonrakerPrinter } from './moonraker.js';

function preflight(url: string): Promise<{ status: number; origin: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/server/info`,
      {
        method: 'OPTIONS',
        headers: { Origin: 'http://my.mainsail.xyz', 'Access-Control-Request-Method': 'GET' },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, origin: res.headers['access-control-allow-origin'] });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('startMoonrakerPrinter', () => {
  it('answers CORS preflights only with --cors', async () => {
    const planned = { vendor: 'moonraker' as const, name: 'Voron', host: '127.0.0.1', port: 0, seed: 1 };
    const plain = await startMoonrakerPrinter(planned, { clock: createManualClock() });
    const withCors = await startMoonrakerPrinter(planned, {
      clock: createManualClock(),
      cors: true,
    });
    try {
      const url = (running: typeof plain) => String(running.printers[0]?.details.endpoints.http);
      expect(await preflight(url(plain))).toEqual({ status: 405, origin: undefined });
      expect(await preflight(url(withCors))).toEqual({ status: 204, origin: 'http://my.mainsail.xyz' });
    } finally {
      await plain.stop();
      await withCors.stop();
    }
  });
});
