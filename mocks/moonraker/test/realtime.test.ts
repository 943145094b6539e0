/** With a realtime clock the mock pushes on its own (no advance). */
import { createRealtimeClock, PrinterSim } from '@printkit/printer-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { client, mock } from './setup.js';

const sims: PrinterSim[] = [];
afterEach(() => {
  for (const sim of sims.splice(0)) sim.dispose();
});

describe('realtime clock', () => {
  it('proc_stat and status updates arrive by themselves; advance() refuses', async () => {
    const sim = new PrinterSim({ clock: createRealtimeClock({ speed: 20 }) });
    sims.push(sim);
    const m = await mock({ sim });
    const s = await client(m);
    await s.result('printer.objects.subscribe', { objects: { extruder: ['target', 'temperature'] } });
    await s.result('printer.gcode.script', { script: 'M104 S100' });
    await s.next((f) => f.includes('notify_proc_stat_update'), 3000);
    await s.next((f) => f.includes('notify_status_update'), 3000);
    await expect(m.advance(10)).rejects.toThrow(/manual clock/);
  });
});
