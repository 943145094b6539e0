import { describe, expect, it } from 'vitest';
import { createManualClock, DEFAULT_START_MS } from './clock.js';
import type { PrinterSimOptions } from './options.js';
import { PrinterSim } from './simulator.js';
import type { SimSnapshot, SimState } from './snapshot.js';

function setup(options: PrinterSimOptions = {}) {
  const clock = createManualClock();
  const sim = new PrinterSim({ clock, ...options });
  return { clock, sim };
}

/** Records every 'change' and 'state' event. */
function record(sim: PrinterSim) {
  const changes: SimSnapshot[] = [];
  const states: Array<{ next: SimState; prev: SimState; snapshot: SimSnapshot }> = [];
  sim.on('change', (next) => changes.push(next));
  sim.on('state', (next, prev, snapshot) => states.push({ next, prev, snapshot }));
  return { changes, states };
}

describe('PrinterSim: idle', () => {
  it('starts idle at ambient with the sample files, and emits nothing while nothing changes', () => {
    const { clock, sim } = setup();
    const snap = sim.snapshot();
    expect(snap).toMatchObject({
      state: 'idle',
      powered: true,
      temperatures: { nozzle: { actual: 25, target: 0 }, bed: { actual: 25, target: 0 } },
      fanPercent: 0,
      speedPercent: 100,
      flowPercent: 100,
      homedAxes: '',
      lights: { main: false },
      updatedAt: DEFAULT_START_MS,
    });
    expect(snap.job).toBeUndefined();
    expect(snap.temperatures.chamber).toBeUndefined();
    expect(sim.listFiles().map((f) => f.name)).toEqual(['benchy.gcode', 'calibration-cube.gcode']);
    expect(clock.pendingTimers()).toBe(1); // the one tick interval

    const { changes } = record(sim);
    clock.advance(600_000);
    expect(changes).toEqual([]);
    expect(sim.snapshot().updatedAt).toBe(DEFAULT_START_MS);
  });

  it('returns a fresh deep copy from snapshot()', () => {
    const { sim } = setup();
    const a = sim.snapshot();
    a.temperatures.nozzle.target = 999;
    a.lights.main = true;
    expect(sim.snapshot().temperatures.nozzle.target).toBe(0);
    expect(sim.snapshot().lights.main).toBe(false);
  });
});

describe('PrinterSim: heating gates printing', () => {
  it('stays preparing until every heater with a target is within tolerance', () => {
    const { clock, sim } = setup();
    const { states, changes } = record(sim);
    const job = sim.startPrint('benchy.gcode');
    expect(job).toMatchObject({ id: 1, file: 'benchy.gcode', progress: 0, layer: 0, totalLayers: 120 });
    expect(sim.state).toBe('preparing');
    expect(sim.snapshot().temperatures.nozzle.target).toBe(210);
    expect(sim.snapshot().temperatures.bed.target).toBe(60);

    // The nozzle (τ 12 s) is hot after ~50 s but the bed (τ 40 s) needs ln(35/2)·40 ≈ 114.5 s.
    clock.advance(60_000);
    expect(sim.state).toBe('preparing');
    expect(Math.abs(sim.snapshot().temperatures.nozzle.actual - 210)).toBeLessThanOrEqual(3);
    expect(sim.snapshot().job?.progress).toBe(0);

    clock.advance(60_000);
    expect(sim.state).toBe('printing');
    const started = states.find((s) => s.next === 'printing')!;
    expect(started.prev).toBe('preparing');
    expect(started.snapshot.updatedAt - DEFAULT_START_MS).toBe(114_500);
    expect(Math.abs(started.snapshot.temperatures.bed.actual - 60)).toBeLessThanOrEqual(2);
    // The tick before, the bed was still outside its tolerance.
    const before = changes.filter((c) => c.updatedAt < started.snapshot.updatedAt).at(-1)!;
    expect(before.state).toBe('preparing');
    expect(Math.abs(before.temperatures.bed.actual - 60)).toBeGreaterThan(2);
    expect(started.snapshot.homedAxes).toBe('xyz');
    expect(started.snapshot.job?.layer).toBe(1);
  });

  it('uses options, then file temperatures, then 210/60 as targets', () => {
    const { sim } = setup({
      transitionMs: { cancel: 0 },
      files: [
        {
          name: 'petg.gcode',
          sizeBytes: 10,
          estimatedSeconds: 60,
          layers: 3,
          nozzleCelsius: 240,
          bedCelsius: 80,
        },
        { name: 'plain.gcode', sizeBytes: 10, estimatedSeconds: 60, layers: 3 },
      ],
    });
    sim.startPrint('petg.gcode');
    expect(sim.snapshot().temperatures.nozzle.target).toBe(240);
    expect(sim.snapshot().temperatures.bed.target).toBe(80);
    sim.cancel();
    sim.startPrint('plain.gcode', { bedCelsius: 0 });
    expect(sim.snapshot().temperatures.nozzle.target).toBe(210);
    expect(sim.snapshot().temperatures.bed.target).toBe(0);
    sim.cancel();
    sim.startPrint('plain.gcode');
    expect(sim.snapshot().temperatures.bed.target).toBe(60);
  });

  it('starts printing on the next tick when no heater has a target', () => {
    const { clock, sim } = setup();
    sim.startPrint('calibration-cube.gcode', { nozzleCelsius: 0, bedCelsius: 0 });
    expect(sim.state).toBe('preparing');
    clock.advance(250);
    expect(sim.state).toBe('printing');
  });
});

describe('PrinterSim: a full print', () => {
  it('goes idle → preparing → printing → finished with consistent progress, layers and times', () => {
    const { clock, sim } = setup();
    const { states, changes } = record(sim);
    const finished: unknown[] = [];
    sim.on('job-finished', (job) => finished.push(job));
    sim.startPrint('calibration-cube.gcode');
    clock.advance(3_600_000);

    expect(states.map((s) => `${s.prev}>${s.next}`)).toEqual([
      'idle>preparing',
      'preparing>printing',
      'printing>finished',
    ]);
    let lastProgress = 0;
    let lastFilament = 0;
    for (const snap of changes) {
      const job = snap.job!;
      expect(job.progress).toBeGreaterThanOrEqual(lastProgress);
      expect(job.filamentMm).toBeGreaterThanOrEqual(lastFilament);
      expect(job.elapsedSeconds).toBeGreaterThanOrEqual(job.printSeconds);
      if (snap.state === 'printing') {
        expect(job.layer).toBe(Math.min(100, Math.floor(job.progress * 100) + 1));
        // At 100% speed, the work left is the estimate minus the time spent printing.
        expect(job.remainingSeconds).toBe(Math.round(900 - job.printSeconds));
        expect(job.progress * 900).toBeCloseTo(job.printSeconds, 6);
        expect(snap.position.z).toBeCloseTo(job.layer * 0.2, 6);
      }
      lastProgress = job.progress;
      lastFilament = job.filamentMm;
    }

    const snap = sim.snapshot();
    expect(snap.state).toBe('finished');
    expect(snap.temperatures.nozzle.target).toBe(0);
    expect(snap.temperatures.bed.target).toBe(0);
    expect(snap.job).toMatchObject({
      id: 1,
      progress: 1,
      layer: 100,
      remainingSeconds: 0,
      printSeconds: 900,
      result: 'finished',
    });
    const job = snap.job!;
    expect(job.filamentMm).toBeCloseTo(345_678 * 0.004, 2);
    expect(job.endedAt! - job.startedAt).toBe(job.elapsedSeconds * 1000);
    expect(job.elapsedSeconds).toBeGreaterThan(900); // includes heating
    expect(finished).toEqual([job]);
    expect(sim.history()).toEqual([job]);

    // The job stays visible after it ends, and a new print gets the next id.
    clock.advance(60_000);
    expect(sim.snapshot().job?.id).toBe(1);
    expect(sim.startPrint('benchy.gcode').id).toBe(2);
  });

  it('emits state before job-finished, and the state snapshot already shows the result', () => {
    const { clock, sim } = setup();
    const order: string[] = [];
    sim.on('state', (next, _prev, snapshot) => order.push(`state:${next}:${snapshot.job?.result ?? '-'}`));
    sim.on('job-finished', (job) => order.push(`job:${job.result}`));
    sim.startPrint('calibration-cube.gcode', { nozzleCelsius: 0, bedCelsius: 0 });
    clock.advance(1_000_000);
    expect(order).toEqual([
      'state:preparing:-',
      'state:printing:-',
      'state:finished:finished',
      'job:finished',
    ]);
  });

  it('scales progress and remaining time with the speed factor', () => {
    const a = setup();
    const b = setup();
    for (const { sim } of [a, b])
      sim.startPrint('calibration-cube.gcode', { nozzleCelsius: 0, bedCelsius: 0 });
    a.clock.advance(250);
    b.clock.advance(250);
    b.sim.setSpeedPercent(200);
    // Remaining time follows the new speed at once.
    expect(b.sim.snapshot().job?.remainingSeconds).toBe(450);
    a.clock.advance(100_000);
    b.clock.advance(100_000);
    const ja = a.sim.snapshot().job!;
    const jb = b.sim.snapshot().job!;
    expect(ja.printSeconds).toBe(100);
    expect(jb.printSeconds).toBe(100);
    expect(jb.progress).toBeCloseTo(2 * ja.progress, 9);
    expect(jb.remainingSeconds).toBe(Math.round((900 - 200) / 2));
    expect(ja.remainingSeconds).toBe(800);
    b.clock.advance(350_000);
    expect(b.sim.state).toBe('finished');
    expect(b.sim.snapshot().job?.printSeconds).toBe(450);
  });

  it('finishNow jumps the active job to completion', () => {
    const { clock, sim } = setup();
    sim.startPrint('benchy.gcode');
    clock.advance(1000);
    sim.finishNow();
    expect(sim.state).toBe('finished');
    expect(sim.snapshot().job).toMatchObject({
      progress: 1,
      layer: 120,
      remainingSeconds: 0,
      result: 'finished',
    });
    expect(sim.history()).toHaveLength(1);
  });
});

describe('PrinterSim: files', () => {
  it('adds, replaces, lists and removes files with events', () => {
    const { clock, sim } = setup({ files: [] });
    const added: string[] = [];
    const removed: string[] = [];
    sim.on('file-added', (f) => added.push(f.name));
    sim.on('file-removed', (f) => removed.push(f.name));
    clock.advance(5000);
    const file = sim.addFile({
      name: 'a.gcode',
      sizeBytes: 3,
      estimatedSeconds: 10,
      layers: 2,
      content: new Uint8Array([1, 2, 3]),
    });
    expect(file.addedAt).toBe(DEFAULT_START_MS + 5000);
    sim.addFile({ name: 'a.gcode', sizeBytes: 4, estimatedSeconds: 20, layers: 2, addedAt: 7 });
    expect(sim.listFiles()).toHaveLength(1);
    expect(sim.getFile('a.gcode')).toMatchObject({ sizeBytes: 4, addedAt: 7 });
    expect(sim.getFile('a.gcode')?.content).toBeUndefined();
    expect(sim.removeFile('a.gcode')).toBe(true);
    expect(sim.removeFile('a.gcode')).toBe(false);
    expect(sim.getFile('a.gcode')).toBeUndefined();
    expect(added).toEqual(['a.gcode', 'a.gcode']);
    expect(removed).toEqual(['a.gcode']);
  });

  it('copies file content in and out', () => {
    const { sim } = setup({ files: [] });
    const content = new Uint8Array([1, 2, 3]);
    sim.addFile({
      name: 'c.gcode',
      sizeBytes: 3,
      estimatedSeconds: 10,
      layers: 1,
      content,
      metadata: { a: 1 },
    });
    content[0] = 9;
    const out = sim.getFile('c.gcode')!;
    expect([...out.content!]).toEqual([1, 2, 3]);
    out.content![1] = 9;
    (out.metadata as { a: number }).a = 2;
    expect([...sim.getFile('c.gcode')!.content!]).toEqual([1, 2, 3]);
    expect(sim.getFile('c.gcode')!.metadata).toEqual({ a: 1 });
  });

  it('rejects invalid files', () => {
    const { sim } = setup({ files: [] });
    expect(() => sim.addFile({ name: '', sizeBytes: 1, estimatedSeconds: 1, layers: 1 })).toThrow(/name/);
    expect(() => sim.addFile({ name: 'x', sizeBytes: 1, estimatedSeconds: 0, layers: 1 })).toThrow(
      /estimatedSeconds/,
    );
    expect(() => sim.addFile({ name: 'x', sizeBytes: 1, estimatedSeconds: 1, layers: 0 })).toThrow(/layers/);
    expect(sim.listFiles()).toEqual([]);
  });
});

describe('PrinterSim: determinism', () => {
  function runScenario(seed: number): SimSnapshot[] {
    const { clock, sim } = setup({ seed, temperatureNoiseCelsius: 0.5 });
    const history: SimSnapshot[] = [];
    sim.on('change', (next) => history.push(next));
    sim.faults.add({ operation: 'op', kind: 'drop', probability: 0.5, times: Number.POSITIVE_INFINITY });
    sim.startPrint('calibration-cube.gcode');
    for (let i = 0; i < 200; i++) {
      clock.advance(1000);
      if (sim.faults.take('op')) sim.setFanPercent(i % 101);
      if (i === 150) sim.pause();
      if (i === 170) sim.resume();
    }
    return history;
  }

  it('replays identical snapshot histories for the same seed and clock steps', () => {
    const a = runScenario(7);
    expect(a.length).toBeGreaterThan(100);
    expect(runScenario(7)).toEqual(a);
    expect(runScenario(8)).not.toEqual(a);
  });

  it('adds bounded seeded noise to readings only when asked', () => {
    const { clock, sim } = setup({ temperatureNoiseCelsius: 0.5 });
    const readings = new Set<number>();
    for (let i = 0; i < 40; i++) {
      clock.advance(250);
      const actual = sim.snapshot().temperatures.nozzle.actual;
      expect(Math.abs(actual - 25)).toBeLessThanOrEqual(0.5);
      readings.add(actual);
    }
    expect(readings.size).toBeGreaterThan(10);
  });
});
