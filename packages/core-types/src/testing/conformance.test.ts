import { describe, expect, it } from 'vitest';
import type { Capability } from '../capabilities.js';
import { ConnectionError, InvalidArgumentError, TimeoutError, UnsupportedError } from '../errors.js';
import { describePrinterConformance, statusProblems } from './conformance.js';
import { FakePrinter, FakeSim } from './fake-printer.test-helper.js';

// The suite itself, run against an in-memory printer built on PrinterBase.
describePrinterConformance('in-memory fake', async () => {
  const sim = new FakeSim();
  return {
    printer: new FakePrinter(sim),
    sim: { advance: async (ms) => sim.advance(ms) },
    printableFile: 'cube.gcode',
    cleanup: async () => {},
  };
});

describe('PrinterBase', () => {
  it('emits status only when something other than updatedAt changes', async () => {
    const sim = new FakeSim();
    const printer = new FakePrinter(sim);
    const seen: string[] = [];
    printer.on('status', (next, previous) => seen.push(`${previous.state}->${next.state}`));
    await printer.connect();
    sim.now += 1_000;
    await printer.refresh();
    expect(printer.status.updatedAt).toBe(sim.now);
    await printer.setTargetTemperature('nozzle', 200);
    expect(seen).toEqual(['offline->idle', 'idle->idle']);
    await printer.close();
  });

  it('names the missing capability and the operation in UnsupportedError', async () => {
    const printer = new FakePrinter(new FakeSim(), ['print.start']);
    await printer.connect();
    const error = (await printer
      .setTargetTemperature('chamber', 40)
      .catch((e: unknown) => e)) as UnsupportedError;
    expect(UnsupportedError.isInstance(error)).toBe(true);
    expect(error.capability).toBe('temperature.chamber');
    expect(error.message).toBe('fake printers do not support temperature.chamber (setTargetTemperature)');
    await printer.close();
  });

  it('checks calls against capabilities replaced after construction', async () => {
    class LateDeclaringPrinter extends FakePrinter {
      declare(capabilities: Capability[]): void {
        this.setCapabilities(capabilities);
      }
    }
    const printer = new LateDeclaringPrinter(new FakeSim(), []);
    await expect(printer.setLight(true)).rejects.toSatisfy((e) => UnsupportedError.isInstance(e));
    printer.declare(['light']);
    expect([...printer.capabilities]).toEqual(['light']);
    await expect(printer.setLight(true)).resolves.toBeUndefined();
  });

  it('refuses values outside the shared ranges before anything is sent', async () => {
    const sim = new FakeSim();
    const printer = new FakePrinter(sim, ['temperature.nozzle', 'fan', 'speed']);
    const refused = async (call: Promise<void>) => {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
      return error as InvalidArgumentError;
    };
    expect((await refused(printer.setTargetTemperature('nozzle', -5))).message).toBe(
      'setTargetTemperature: celsius must be a number at least 0, got -5',
    );
    await refused(printer.setTargetTemperature('nozzle', Number.NaN));
    expect((await refused(printer.setFan(101))).message).toBe(
      'setFan: percent must be a number 0–100, got 101',
    );
    await refused(printer.setFan(-1));
    expect((await refused(printer.setSpeed(0))).argument).toBe('percent');
    await refused(printer.setSpeed(Number.POSITIVE_INFINITY));
    expect(sim.targets.nozzle).toBe(0);
    // An undeclared capability is reported as such, whatever the value.
    const error = await printer.setTargetTemperature('bed', -5).catch((e: unknown) => e);
    expect(UnsupportedError.isInstance(error)).toBe(true);
  });

  it('reports an adapter that declares a capability without implementing it', async () => {
    const printer = new FakePrinter(new FakeSim(), ['camera']);
    await expect(printer.camera()).rejects.toThrow('declares camera but does not implement it');
  });

  it('applies the default and per-call timeouts', async () => {
    const printer = new FakePrinter(new FakeSim());
    await printer.connect();
    printer.refreshDelayMs = 200;
    const error = await printer.refresh({ timeoutMs: 20 }).catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).operation).toBe('refresh');
    await printer.close();
  });

  it('rejects a pending call with ConnectionError when closed, and drops listeners', async () => {
    const printer = new FakePrinter(new FakeSim());
    await printer.connect();
    printer.refreshDelayMs = 10_000;
    const pending = printer.refresh();
    const states: string[] = [];
    printer.on('connection', (state) => states.push(state));
    await printer.close();
    await expect(pending).rejects.toSatisfy((e) => ConnectionError.isInstance(e));
    expect(states).toEqual(['closed']);
    await expect(printer.connect()).rejects.toThrow('connect: the printer was closed');
  });
});

describe('statusProblems', () => {
  it('finds what is wrong with a malformed status', () => {
    const problems = statusProblems({
      state: 'sleeping' as never,
      temperatures: { nozzle: { actual: Number.NaN, target: -1 } },
      job: { file: 'x', progress: 1.5, layer: -1 },
      updatedAt: -5,
    });
    expect(problems).toEqual([
      'state "sleeping" is not a PrinterState',
      'updatedAt is not a timestamp',
      'nozzle.actual is not a number',
      'nozzle.target invalid',
      'job.progress 1.5 is outside 0..1',
      'job.layer invalid',
    ]);
  });
});
