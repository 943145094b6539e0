/** The fleet's Prusa printers: CORE Ones behind one Connect mock, so each shows a chamber. */
import { createManualClock } from '@printkit/printer-sim';
import { describe, expect, it } from 'vitest';
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
});
