import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.js';
import { PrinterSim } from './simulator.js';

function setup() {
  const clock = createManualClock();
  const sim = new PrinterSim({ clock });
  return { clock, sim };
}

describe('PrinterSim: power', () => {
  it('freezes readings while off and comes back idle at ambient', () => {
    const { clock, sim } = setup();
    const power: boolean[] = [];
    sim.on('power', (on) => power.push(on));
    sim.setTarget('nozzle', 200);
    sim.home();
    sim.setFanPercent(50);
    clock.advance(10_000);
    sim.powerOff();
    const frozen = sim.snapshot();
    expect(frozen).toMatchObject({ powered: false, state: 'idle', message: 'Powered off' });
    expect(frozen.temperatures.nozzle.actual).toBeGreaterThan(100);

    let changes = 0;
    sim.on('change', () => changes++);
    clock.advance(600_000);
    expect(sim.snapshot()).toEqual(frozen);
    expect(changes).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
    sim.powerOff(); // already off: nothing happens
    expect(power).toEqual([false]);

    sim.powerOn();
    expect(power).toEqual([false, true]);
    expect(sim.snapshot()).toMatchObject({
      powered: true,
      state: 'idle',
      message: 'Printer is ready',
      temperatures: { nozzle: { actual: 25, target: 0 } },
      homedAxes: '',
      fanPercent: 0,
    });
    clock.advance(1000);
    expect(sim.snapshot().temperatures.nozzle.actual).toBe(25);
    sim.setTarget('nozzle', 100);
    clock.advance(1000);
    expect(sim.snapshot().temperatures.nozzle.actual).toBeGreaterThan(25);
  });

  it('loses an active job as error power-loss and stays in error after power on', () => {
    const { clock, sim } = setup();
    const finished: string[] = [];
    sim.on('job-finished', (job) => finished.push(`${job.result}:${job.message}`));
    sim.startPrint('benchy.gcode');
    clock.advance(200_000);
    sim.powerOff();
    expect(sim.snapshot()).toMatchObject({
      state: 'error',
      powered: false,
      error: { code: 'power-loss' },
      job: { result: 'error' },
    });
    expect(finished).toEqual(['error:Power lost during print']);
    expect(sim.history()).toHaveLength(1);

    sim.powerOn();
    expect(sim.snapshot()).toMatchObject({ state: 'error', powered: true, error: { code: 'power-loss' } });
    expect(() => sim.startPrint('benchy.gcode')).toThrow(expect.objectContaining({ code: 'in-error' }));
    sim.clearError();
    expect(sim.startPrint('benchy.gcode').id).toBe(2);
  });

  it('clears an error that did not come from power loss on a power cycle', () => {
    const { sim } = setup();
    sim.fail({ code: 'x', message: 'broken' });
    sim.powerOff();
    sim.powerOn();
    expect(sim.state).toBe('idle');
    expect(sim.snapshot().error).toBeUndefined();
  });

  it('dispose() clears the sim timers', () => {
    const { clock, sim } = setup();
    sim.startPrint('benchy.gcode');
    clock.advance(120_000);
    sim.pause();
    expect(clock.pendingTimers()).toBe(2);
    sim.dispose();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('works on a realtime clock', async () => {
    const { createRealtimeClock } = await import('./clock.js');
    const clock = createRealtimeClock({ speed: 1000 });
    const sim = new PrinterSim({ clock, tickMs: 1000 });
    try {
      sim.startPrint('calibration-cube.gcode', { nozzleCelsius: 0, bedCelsius: 0 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      // ~100 sim seconds have passed (timers may lag, so be tolerant).
      const job = sim.snapshot().job!;
      expect(sim.state).toBe('printing');
      expect(job.printSeconds).toBeGreaterThan(10);
      expect(job.printSeconds).toBeLessThan(200);
    } finally {
      sim.dispose();
      clock.dispose();
    }
  });
});
