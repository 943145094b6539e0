import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.js';
import { SimError, type SimErrorCode } from './errors.js';
import type { PrinterSimOptions } from './options.js';
import { PrinterSim } from './simulator.js';
import type { SimState } from './snapshot.js';

function setup(options: PrinterSimOptions = {}) {
  const clock = createManualClock();
  const sim = new PrinterSim({ clock, ...options });
  return { clock, sim };
}

/** A sim that is printing the calibration cube (heaters at target). */
function printing(options: PrinterSimOptions = {}) {
  const ctx = setup(options);
  ctx.sim.startPrint('calibration-cube.gcode');
  ctx.clock.advance(120_000);
  expect(ctx.sim.state).toBe('printing');
  return ctx;
}

function stateLog(sim: PrinterSim): string[] {
  const log: string[] = [];
  sim.on('state', (next: SimState) => log.push(next));
  return log;
}

describe('PrinterSim: pause and resume', () => {
  it('steps printing → pausing → paused → resuming → printing, progress frozen while paused', () => {
    const { clock, sim } = printing();
    const log = stateLog(sim);
    sim.pause();
    expect(sim.state).toBe('pausing');
    clock.advance(999);
    expect(sim.state).toBe('pausing');
    clock.advance(1);
    expect(sim.state).toBe('paused');
    const paused = sim.snapshot();

    clock.advance(60_000);
    const later = sim.snapshot();
    expect(later.job?.progress).toBe(paused.job?.progress);
    expect(later.job?.printSeconds).toBe(paused.job?.printSeconds);
    expect(later.job?.elapsedSeconds).toBe((paused.job?.elapsedSeconds ?? 0) + 60);
    expect(later.temperatures.nozzle.target).toBe(210);
    expect(later.temperatures.bed.target).toBe(60);

    sim.resume();
    expect(sim.state).toBe('resuming');
    clock.advance(1000);
    expect(sim.state).toBe('printing');
    clock.advance(10_000);
    expect(sim.snapshot().job!.progress).toBeGreaterThan(later.job!.progress);
    expect(log).toEqual(['pausing', 'paused', 'resuming', 'printing']);
  });

  it('goes straight to the end state when transitionMs is 0', () => {
    const { sim } = printing({ transitionMs: { pause: 0, resume: 0, cancel: 0 } });
    const log = stateLog(sim);
    sim.pause();
    expect(sim.state).toBe('paused');
    sim.resume();
    expect(sim.state).toBe('printing');
    sim.cancel();
    expect(sim.state).toBe('cancelled');
    expect(log).toEqual(['paused', 'printing', 'cancelled']);
  });

  it('pauses a preparing job at once and resumes it into preparing', () => {
    const { clock, sim } = setup();
    sim.startPrint('benchy.gcode');
    clock.advance(1000);
    sim.pause();
    expect(sim.state).toBe('paused');
    // Heaters keep their targets while paused, but printing does not start.
    clock.advance(300_000);
    expect(sim.state).toBe('paused');
    expect(sim.snapshot().temperatures.bed.actual).toBeCloseTo(60, 0);
    const log = stateLog(sim);
    sim.resume();
    clock.advance(1250);
    // Resuming returns to the heating gate, which is already open, so printing follows.
    expect(log).toEqual(['resuming', 'preparing', 'printing']);
  });
});

describe('PrinterSim: cancel, fail, clearError', () => {
  it('cancels through cancelling, turning heaters off at once', () => {
    const { clock, sim } = printing();
    const jobs: string[] = [];
    sim.on('job-finished', (job) => jobs.push(job.result ?? '?'));
    sim.cancel();
    expect(sim.state).toBe('cancelling');
    expect(sim.snapshot().temperatures.nozzle.target).toBe(0);
    expect(sim.snapshot().temperatures.bed.target).toBe(0);
    expect(jobs).toEqual([]);
    clock.advance(1000);
    expect(sim.state).toBe('cancelled');
    expect(sim.snapshot().job?.result).toBe('cancelled');
    expect(sim.snapshot().job?.endedAt).toBe(clock.now());
    expect(jobs).toEqual(['cancelled']);
    expect(sim.history().map((j) => j.result)).toEqual(['cancelled']);
    sim.clearError();
    expect(sim.state).toBe('idle');
    expect(sim.snapshot().job?.result).toBe('cancelled');
  });

  it('cancelling during pausing wins over the pending pause step', () => {
    const { clock, sim } = printing();
    sim.pause();
    sim.cancel();
    clock.advance(5000);
    expect(sim.state).toBe('cancelled');
  });

  it('fail() ends the job as error, turns heaters off and can be cleared', () => {
    const { clock, sim } = printing();
    const finished: string[] = [];
    sim.on('job-finished', (job) => finished.push(`${job.result}:${job.message}`));
    sim.tripHeaterFault('nozzle');
    const snap = sim.snapshot();
    expect(snap.state).toBe('error');
    expect(snap.error).toEqual({
      code: 'heater-fault',
      message: 'Heater nozzle not heating at expected rate',
    });
    expect(snap.message).toBe('Heater nozzle not heating at expected rate');
    expect(snap.temperatures.nozzle.target).toBe(0);
    expect(snap.job?.result).toBe('error');
    expect(finished).toEqual(['error:Heater nozzle not heating at expected rate']);
    clock.advance(10_000);
    expect(sim.state).toBe('error');
    sim.clearError();
    expect(sim.snapshot()).toMatchObject({ state: 'idle', message: 'Printer is ready' });
    expect(sim.snapshot().error).toBeUndefined();
    expect(sim.history()).toHaveLength(1);
  });

  it('fail() from idle enters error without a job', () => {
    const { sim } = setup();
    sim.fail({ code: 'mcu-shutdown', message: 'MCU shutdown' });
    expect(sim.state).toBe('error');
    expect(sim.snapshot().job).toBeUndefined();
    expect(sim.history()).toEqual([]);
  });
});

describe('PrinterSim: machine commands', () => {
  it('sets targets, fan, speed, flow and lights, emitting one change each', () => {
    const { clock, sim } = setup({ lights: { head: false, chamber: true } });
    const changes: number[] = [];
    sim.on('change', (next) => changes.push(next.updatedAt));
    sim.setTarget('bed', 50);
    sim.setFanPercent(40);
    sim.setSpeedPercent(150);
    sim.setFlowPercent(95);
    sim.setLight('head', true);
    expect(changes).toHaveLength(5);
    sim.setFanPercent(40); // no visible change, no event
    expect(changes).toHaveLength(5);
    expect(sim.snapshot()).toMatchObject({
      fanPercent: 40,
      speedPercent: 150,
      flowPercent: 95,
      lights: { head: true, chamber: true },
      temperatures: { bed: { target: 50 } },
    });
    clock.advance(40_000);
    expect(sim.snapshot().temperatures.bed.actual).toBeCloseTo(25 + 25 * (1 - Math.exp(-1)), 1);
  });

  it('has a chamber heater only when configured', () => {
    const { clock, sim } = setup({ heaters: { chamber: { timeConstantSeconds: 100 } } });
    expect(sim.snapshot().temperatures.chamber).toEqual({ actual: 25, target: 0 });
    sim.setTarget('chamber', 45);
    clock.advance(100_000);
    expect(sim.snapshot().temperatures.chamber!.actual).toBeCloseTo(25 + 20 * (1 - Math.exp(-1)), 1);
    expect(() => sim.setTarget('chamber', 61)).toThrow(SimError);
  });

  it('homes and moves within the build volume', () => {
    const { sim } = setup({ buildVolume: { x: 200, y: 200, z: 180 } });
    sim.home('yx');
    expect(sim.snapshot().homedAxes).toBe('xy');
    sim.move({ x: 10, y: 20 });
    sim.move({ x: 5 }, { relative: true });
    expect(sim.snapshot().position).toEqual({ x: 15, y: 20, z: 0 });
    sim.home();
    expect(sim.snapshot().homedAxes).toBe('xyz');
    expect(sim.snapshot().position).toEqual({ x: 0, y: 0, z: 0 });
    sim.move({ z: 180 });
    expect(sim.snapshot().position.z).toBe(180);
  });

  it('allows moves while paused', () => {
    const { sim } = printing({ transitionMs: { pause: 0 } });
    sim.pause();
    sim.move({ z: 5 }, { relative: true });
    expect(sim.snapshot().position.z).toBeGreaterThan(5);
  });
});

describe('PrinterSim: refused commands change nothing', () => {
  type Case = [
    name: string,
    code: SimErrorCode,
    arrange: () => { sim: PrinterSim },
    act: (sim: PrinterSim) => void,
  ];
  const idle = () => setup();
  const homedXY = () => {
    const ctx = setup();
    ctx.sim.home('xy');
    return ctx;
  };
  const inError = () => {
    const ctx = setup();
    ctx.sim.fail({ code: 'x', message: 'broken' });
    return ctx;
  };
  const off = () => {
    const ctx = setup();
    ctx.sim.powerOff();
    return ctx;
  };
  const paused = () => {
    const ctx = printing({ transitionMs: { pause: 0 } });
    ctx.sim.pause();
    return ctx;
  };
  const finished = () => {
    const ctx = printing();
    ctx.sim.finishNow();
    return ctx;
  };
  const cancelling = () => {
    const ctx = printing();
    ctx.sim.cancel();
    return ctx;
  };

  const cases: Case[] = [
    ['startPrint while printing', 'busy', printing, (s) => s.startPrint('benchy.gcode')],
    ['startPrint while paused', 'busy', paused, (s) => s.startPrint('benchy.gcode')],
    ['startPrint of a missing file', 'file-not-found', idle, (s) => s.startPrint('nope.gcode')],
    ['startPrint in error', 'in-error', inError, (s) => s.startPrint('benchy.gcode')],
    ['startPrint powered off', 'powered-off', off, (s) => s.startPrint('benchy.gcode')],
    ['startPrint too hot', 'out-of-range', idle, (s) => s.startPrint('benchy.gcode', { nozzleCelsius: 301 })],
    ['pause when idle', 'not-printing', idle, (s) => s.pause()],
    ['pause when paused', 'not-printing', paused, (s) => s.pause()],
    ['resume when printing', 'not-paused', printing, (s) => s.resume()],
    ['resume when idle', 'not-paused', idle, (s) => s.resume()],
    ['cancel when idle', 'no-job', idle, (s) => s.cancel()],
    ['cancel when finished', 'no-job', finished, (s) => s.cancel()],
    ['cancel when cancelling', 'no-job', cancelling, (s) => s.cancel()],
    ['finishNow when idle', 'no-job', idle, (s) => s.finishNow()],
    ['clearError while printing', 'busy', printing, (s) => s.clearError()],
    ['fail powered off', 'powered-off', off, (s) => s.fail({ code: 'x', message: 'y' })],
    ['setTarget above max', 'out-of-range', idle, (s) => s.setTarget('nozzle', 300.5)],
    ['setTarget negative', 'out-of-range', idle, (s) => s.setTarget('bed', -1)],
    ['setTarget NaN', 'out-of-range', idle, (s) => s.setTarget('bed', Number.NaN)],
    ['setTarget on a missing chamber', 'no-such-heater', idle, (s) => s.setTarget('chamber', 40)],
    ['setTarget in error', 'in-error', inError, (s) => s.setTarget('nozzle', 200)],
    ['setTarget powered off', 'powered-off', off, (s) => s.setTarget('nozzle', 200)],
    ['tripHeaterFault on a missing chamber', 'no-such-heater', idle, (s) => s.tripHeaterFault('chamber')],
    ['fan above 100', 'out-of-range', idle, (s) => s.setFanPercent(101)],
    ['speed below 10', 'out-of-range', idle, (s) => s.setSpeedPercent(9)],
    ['speed above 500', 'out-of-range', idle, (s) => s.setSpeedPercent(501)],
    ['flow above 200', 'out-of-range', idle, (s) => s.setFlowPercent(201)],
    ['flow below 10', 'out-of-range', idle, (s) => s.setFlowPercent(9)],
    ['unknown light', 'no-such-light', idle, (s) => s.setLight('laser', true)],
    ['move unhomed axis', 'not-homed', homedXY, (s) => s.move({ x: 1, z: 1 })],
    ['move outside the volume', 'out-of-range', homedXY, (s) => s.move({ x: 251 })],
    ['relative move below 0', 'out-of-range', homedXY, (s) => s.move({ y: -1 }, { relative: true })],
    ['move while printing', 'busy', printing, (s) => s.move({ x: 1 })],
    ['home while printing', 'busy', printing, (s) => s.home()],
    ['home while paused', 'busy', paused, (s) => s.home()],
    ['home in error', 'in-error', inError, (s) => s.home()],
    ['home bad axes', 'invalid-argument', idle, (s) => s.home('xq')],
    ['home powered off', 'powered-off', off, (s) => s.home()],
  ];

  it.each(cases)('%s → %s', (_name, code, arrange, act) => {
    const { sim } = arrange();
    const before = sim.snapshot();
    const history = sim.history();
    let events = 0;
    for (const event of ['change', 'state', 'job-finished', 'power'] as const) sim.on(event, () => events++);
    let thrown: unknown;
    try {
      act(sim);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SimError);
    expect(SimError.isInstance(thrown)).toBe(true);
    expect((thrown as SimError).code).toBe(code);
    expect(sim.snapshot()).toEqual(before);
    expect(sim.history()).toEqual(history);
    expect(events).toBe(0);
  });

  it('SimError.isInstance recognises errors from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('printkit.printer-sim.error')]: true });
    expect(SimError.isInstance(foreign)).toBe(true);
    expect(SimError.isInstance(new Error('x'))).toBe(false);
    expect(SimError.isInstance(null)).toBe(false);
  });
});
