/** The mock on a realtime clock (as the mocks app runs it): prints finish without advance(). */
import { createRealtimeClock } from '@printkit/printer-sim';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type StartedMockPrusaConnect, startMockPrusaConnect } from '../src/index.js';
import { caller, UUID } from './helpers.js';

let mock: StartedMockPrusaConnect | undefined;
const clock = createRealtimeClock({ speed: 2000 });
afterEach(async () => {
  await mock?.stop();
  clock.dispose();
});

describe('realtime clock', () => {
  it('runs a print to FIN_OK in real time, and advance() refuses', async () => {
    mock = await startMockPrusaConnect({ clock });
    const call = caller(mock.url);
    const P = `/app/printers/${UUID}`;
    await expect(mock.advance(1000)).rejects.toThrow(/manual clocks/);
    const started = await call(`${P}/commands`, {
      method: 'POST',
      body: { command: 'START_PRINT', kwargs: { path: '/usb/calibration-cube.gcode' } },
    });
    expect(started.status).toBe(201);
    await vi.waitFor(
      async () => {
        const { json } = await call<{ jobs: Array<{ state: string }> }>(`${P}/jobs?state=FIN_OK`);
        expect(json.jobs).toHaveLength(1);
      },
      { timeout: 15_000, interval: 50 },
    );
    expect((await call(P)).json.state).toBe('FINISHED');
  });
});
