// The printer is off (Klippy not connected to Moonraker): the adapter still connects and refreshes,
// reporting `offline` instead of failing with Moonraker's 503 "Klippy Host not connected".
import { describe, expect, it } from 'vitest';
import { createMoonrakerPrinter } from '../src/adapter/printer.js';
import { useMoonraker } from './helpers.js';

const env = useMoonraker();

describe('createMoonrakerPrinter while Klippy is disconnected', () => {
  it('connects, refreshes to offline, then follows Klippy back to idle', async () => {
    const mock = await env.mock({ klippy: 'disconnected' });
    const printer = createMoonrakerPrinter({ url: mock.url });
    await printer.connect();
    const off = await printer.refresh();
    expect(off.state).toBe('offline');
    expect(off.rawState).toBe('klippy:disconnected');
    expect(off.updatedAt).toBeGreaterThan(0);

    mock.klippy.connect();
    await mock.advance(5_000);
    await expect.poll(async () => (await printer.refresh()).state, { timeout: 10_000 }).toBe('idle');
    await printer.close();
  });
});
