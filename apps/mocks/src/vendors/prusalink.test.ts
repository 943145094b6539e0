import { createManualClock } from '@printkit/printer-sim';
import { describe, expect, it } from 'vitest';
import { startPrusaLinkPrinter } from './prusalink.js';

const planned = { vendor: 'prusalink' as const, name: 'mk4', host: '127.0.0.1', port: 0, seed: 1 };
const KEY = { 'X-Api-Key': 'printkit-pass' };

describe('startPrusaLinkPrinter', () => {
  it('serves PrusaLink with the listed credentials, on the fleet sim', async () => {
    const running = await startPrusaLinkPrinter(planned, { clock: createManualClock() });
    try {
      const [printer] = running.printers;
      expect(printer?.connection).toEqual({
        name: 'mk4',
        vendor: 'prusalink',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        username: 'maker',
        password: 'printkit-pass',
      });
      const url = printer?.connection.url ?? '';
      expect((await fetch(`${url}/api/v1/status`)).status).toBe(401);
      const status = await fetch(`${url}/api/v1/status`, { headers: KEY });
      expect(((await status.json()) as { printer: { state: string } }).printer.state).toBe('IDLE');
      // The sim is the fleet's: a print started on it shows on the wire.
      printer?.sim.startPrint('benchy.gcode');
      const printing = await fetch(`${url}/api/v1/status`, { headers: KEY });
      expect(((await printing.json()) as { printer: { state: string } }).printer.state).toBe('PRINTING');
    } finally {
      await running.stop();
    }
  });

  it('powered off it serves nothing; powered on it answers again on the same port', async () => {
    const running = await startPrusaLinkPrinter(planned, { clock: createManualClock() });
    try {
      const [printer] = running.printers;
      const url = printer?.connection.url ?? '';
      await printer?.powerOff();
      await expect(fetch(`${url}/api/version`, { headers: KEY })).rejects.toThrow();
      // Two power-ons at once start one server, not two fighting for the port.
      await Promise.all([printer?.powerOn(), printer?.powerOn()]);
      expect((await fetch(`${url}/api/version`, { headers: KEY })).status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
