import { describe, expect, it } from 'vitest';
import { useMockAnycubic } from '../src/vitest.js';
import { Tester } from './helpers.js';

describe('useMockAnycubic', () => {
  const mock = useMockAnycubic({ printers: [{ deviceId: 'vitest-printer', modelId: 20026 }] });

  it('starts the mock on OS-chosen ports for each test and hands it out', async () => {
    expect(mock().port).not.toBe(2883);
    expect(mock().httpUrl).not.toContain(':18910');
    const tester = await Tester.connect(mock(), mock().printer());
    try {
      const info = await tester.request('web', 'info', 'query');
      expect(info.data.model).toBe('Anycubic Kobra 3 Max');
    } finally {
      await tester.close();
    }
  });

  // The next two run in order: the first leaves faults, a job, a powered-off printer and LAN Mode off.
  it('(1/2) a test that leaves a mess behind', async () => {
    const printer = mock().printer();
    printer.faults.add({ operation: 'info/query', kind: 'drop', times: Number.POSITIVE_INFINITY });
    printer.sim.startPrint('benchy.gcode');
    printer.sim.setTarget('bed', 60);
    printer.lan.setLanMode(false);
    await printer.powerOff();
    expect(printer.sim.snapshot().powered).toBe(false);
  });

  it('(2/2) starts with no faults and the printer as new', async () => {
    const printer = mock().printer();
    expect(printer.faults.list()).toEqual([]);
    expect(printer.online).toBe(true);
    expect(printer.lan.lanMode).toBe(true);
    expect(printer.sim.state).toBe('idle');
    expect(printer.sim.snapshot().temperatures.bed.target).toBe(0);
    expect(printer.sim.history()).toEqual([]);
    const tester = await Tester.connect(mock(), printer);
    try {
      expect((await tester.request('web', 'info', 'query')).state).toBe('done');
    } finally {
      await tester.close();
    }
  });
});
