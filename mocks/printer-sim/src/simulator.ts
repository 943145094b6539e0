/**
 * PrinterSim: a deterministic, vendor-neutral printer. It holds the truth every vendor mock renders in
 * its own wire format: a state machine (idle → preparing → printing ⇄ paused → finished / cancelled /
 * error), a first-order thermal model, job progress and a fault plan.
 *
 * It drives itself with one interval on its clock (plus timeouts for the pausing/resuming/cancelling
 * steps), so with a manual clock everything happens inside `clock.advance()` and nothing is random
 * except what the seeded `random` draws.
 */
import { TypedEmitter } from '@printkit/core-types';
import { type Clock, createManualClock, type TimerHandle } from './clock.js';
import { SimError } from './errors.js';
import { FaultPlan } from './faults.js';
import { copyFile, DEFAULT_FILES, type NewSimFile, normalizeFile, type SimFile } from './files.js';
import {
  type ActiveJob,
  addPrintTime,
  completeWork,
  copyJob,
  createJob,
  endJob,
  refreshDerived,
  type SimJob,
} from './job.js';
import {
  type PrinterSimOptions,
  resolveNumber,
  resolveTiming,
  type StartPrintOptions,
  type Timing,
} from './options.js';
import { createRandom, type Random } from './random.js';
import {
  ACTIVE_STATES,
  cloneSnapshot,
  type SimEvents,
  type SimSnapshot,
  type SimState,
  sameSnapshot,
} from './snapshot.js';
import {
  createHeater,
  type Heater,
  type HeaterName,
  type HeaterReading,
  isAtTarget,
  resolveHeaterSpec,
  round2,
  stepTemperature,
} from './thermal.js';

const READY_MESSAGE = 'Printer is ready';
const DEFAULT_NOZZLE_CELSIUS = 210;
const DEFAULT_BED_CELSIUS = 60;
/** Layer height used to place the nozzle while printing; only for a plausible `position.z`. */
const LAYER_HEIGHT_MM = 0.2;
/** States from which jobs may be finished early by `finishNow` (cancelling is already ending). */
const FINISHABLE: ReadonlySet<SimState> = new Set<SimState>([
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
]);

type Axis = 'x' | 'y' | 'z';
const AXES: readonly Axis[] = ['x', 'y', 'z'];

export class PrinterSim {
  readonly clock: Clock;
  readonly random: Random;
  readonly faults: FaultPlan;
  readonly name: string;

  readonly #events = new TypedEmitter<SimEvents>();
  readonly #timing: Timing;
  readonly #ambient: number;
  readonly #noise: number;
  readonly #buildVolume: Readonly<Record<Axis, number>>;
  readonly #defaultLights: Readonly<Record<string, boolean>>;
  readonly #heaters: Partial<Record<HeaterName, Heater>> & { nozzle: Heater; bed: Heater };
  readonly #files = new Map<string, SimFile>();
  readonly #history: SimJob[] = [];

  #state: SimState = 'idle';
  #powered = true;
  #message = READY_MESSAGE;
  #error: { code: string; message: string } | undefined;
  #job: ActiveJob | undefined;
  #nextJobId = 1;
  #fanPercent = 0;
  #speedPercent = 100;
  #flowPercent = 100;
  #position: Record<Axis, number> = { x: 0, y: 0, z: 0 };
  #homedAxes = '';
  #lights: Record<string, boolean>;
  #interval: TimerHandle | undefined;
  #transition: TimerHandle | undefined;
  #lastTickAt: number;
  /** The last snapshot emitted (or the initial one); the reference for change detection. */
  #committed: SimSnapshot;
  /** Events raised by a mutation, emitted by `#commit()` after 'change' so they see the new snapshot. */
  #pending: Array<(snapshot: SimSnapshot) => void> = [];

  constructor(options: PrinterSimOptions = {}) {
    this.clock = options.clock ?? createManualClock();
    this.random = createRandom(options.seed ?? 1);
    this.faults = new FaultPlan({ random: this.random });
    this.name = options.name ?? 'Simulated Printer';
    this.#timing = resolveTiming(options);
    this.#ambient = resolveNumber(options.ambientCelsius, 25, 'ambientCelsius');
    this.#noise = resolveNumber(options.temperatureNoiseCelsius, 0, 'temperatureNoiseCelsius', 0);
    const volume = options.buildVolume ?? { x: 250, y: 250, z: 250 };
    for (const axis of AXES) resolveNumber(volume[axis], 0, `buildVolume.${axis}`, 0);
    this.#buildVolume = { ...volume };
    this.#defaultLights = { ...(options.lights ?? { main: false }) };
    this.#lights = { ...this.#defaultLights };

    const specs = options.heaters ?? {};
    this.#heaters = {
      nozzle: createHeater(resolveHeaterSpec('nozzle', specs.nozzle), this.#ambient),
      bed: createHeater(resolveHeaterSpec('bed', specs.bed), this.#ambient),
    };
    if (specs.chamber)
      this.#heaters.chamber = createHeater(resolveHeaterSpec('chamber', specs.chamber), this.#ambient);

    const now = this.clock.now();
    for (const file of options.files ?? DEFAULT_FILES) {
      const normalized = normalizeFile(file, now);
      this.#files.set(normalized.name, normalized);
    }
    this.#lastTickAt = now;
    this.#committed = this.#build(now);
    this.#startTicking();
  }

  // ---- observation -------------------------------------------------------------------------

  /** A fresh deep copy of the current state. */
  snapshot(): SimSnapshot {
    return cloneSnapshot(this.#committed);
  }

  get state(): SimState {
    return this.#state;
  }

  on<E extends keyof SimEvents>(event: E, listener: (...args: SimEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  // ---- files -------------------------------------------------------------------------------

  listFiles(): SimFile[] {
    return [...this.#files.values()].map(copyFile);
  }

  getFile(name: string): SimFile | undefined {
    const file = this.#files.get(name);
    return file && copyFile(file);
  }

  /** Adds a file, replacing one with the same name. Works while powered off (it is storage). */
  addFile(file: NewSimFile): SimFile {
    const normalized = normalizeFile(file, this.clock.now());
    this.#files.set(normalized.name, normalized);
    this.#events.emit('file-added', copyFile(normalized));
    return copyFile(normalized);
  }

  removeFile(name: string): boolean {
    const file = this.#files.get(name);
    if (!file) return false;
    this.#files.delete(name);
    this.#events.emit('file-removed', copyFile(file));
    return true;
  }

  /** Ended jobs (finished, cancelled, error), oldest first. */
  history(): SimJob[] {
    return this.#history.map(copyJob);
  }

  // ---- job commands ------------------------------------------------------------------------

  startPrint(fileName: string, options: StartPrintOptions = {}): SimJob {
    this.#assertPowered();
    if (this.#state === 'error') throw new SimError('in-error', `Cannot start a print: ${this.#message}`);
    if (ACTIVE_STATES.has(this.#state))
      throw new SimError('busy', `Cannot start a print while ${this.#state}`);
    const file = this.#files.get(fileName);
    if (!file) throw new SimError('file-not-found', `No such file: ${fileName}`);
    const nozzle = options.nozzleCelsius ?? file.nozzleCelsius ?? DEFAULT_NOZZLE_CELSIUS;
    const bed = options.bedCelsius ?? file.bedCelsius ?? DEFAULT_BED_CELSIUS;
    this.#checkTarget(this.#heaters.nozzle, 'nozzle', nozzle);
    this.#checkTarget(this.#heaters.bed, 'bed', bed);

    const now = this.clock.now();
    this.#job = createJob(this.#nextJobId++, file, now, this.#speedPercent);
    this.#heaters.nozzle.target = nozzle;
    this.#heaters.bed.target = bed;
    this.#error = undefined;
    // Printing starts on a later tick, once every heater with a target is within tolerance.
    this.#setState('preparing', `Heating for ${file.name}`);
    this.#commit();
    return copyJob(this.#job.record);
  }

  pause(): void {
    this.#assertPowered();
    if (this.#state === 'preparing') {
      // Nothing is moving yet, so there is no pausing step.
      this.#setState('paused', 'Print paused');
    } else if (this.#state === 'printing') {
      this.#step('pausing', 'Pausing', this.#timing.pause, () => this.#setState('paused', 'Print paused'));
    } else {
      throw new SimError('not-printing', `Cannot pause while ${this.#state}`);
    }
    this.#commit();
  }

  resume(): void {
    this.#assertPowered();
    if (this.#state !== 'paused') throw new SimError('not-paused', `Cannot resume while ${this.#state}`);
    const job = this.#job!;
    this.#step('resuming', 'Resuming', this.#timing.resume, () => {
      // A job paused while heating goes back to heating; printing re-checks the gate there.
      if (job.hasPrinted) this.#setState('printing', `Printing ${job.record.file}`);
      else this.#setState('preparing', `Heating for ${job.record.file}`);
    });
    this.#commit();
  }

  cancel(): void {
    this.#assertPowered();
    if (!FINISHABLE.has(this.#state)) throw new SimError('no-job', `No job to cancel while ${this.#state}`);
    this.#clearTransition();
    this.#heatersOff();
    this.#step('cancelling', 'Cancelling', this.#timing.cancel, () => {
      this.#setState('cancelled', 'Print cancelled');
      this.#endJob('cancelled');
    });
    this.#commit();
  }

  /** Puts the printer into 'error' (from any state while powered); an active job ends with 'error'. */
  fail(error: { code: string; message: string }): void {
    this.#assertPowered();
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
      throw new SimError('invalid-argument', 'fail() needs { code: string; message: string }');
    }
    this.#clearTransition();
    const hadJob = ACTIVE_STATES.has(this.#state);
    this.#heatersOff();
    this.#error = { code: error.code, message: error.message };
    this.#setState('error', error.message);
    if (hadJob) this.#endJob('error', error.message);
    this.#commit();
  }

  tripHeaterFault(heater: HeaterName): void {
    this.#assertPowered();
    this.#heater(heater);
    this.fail({ code: 'heater-fault', message: `Heater ${heater} not heating at expected rate` });
  }

  /** error | finished | cancelled → idle. A no-op when already idle. */
  clearError(): void {
    this.#assertPowered();
    if (ACTIVE_STATES.has(this.#state)) throw new SimError('busy', `Nothing to clear while ${this.#state}`);
    this.#error = undefined;
    this.#setState('idle', READY_MESSAGE);
    this.#commit();
  }

  /** Scenario helper: completes the active job now (progress 1 → 'finished'). */
  finishNow(): void {
    this.#assertPowered();
    if (!FINISHABLE.has(this.#state)) throw new SimError('no-job', `No job to finish while ${this.#state}`);
    this.#clearTransition();
    this.#finishJob();
    this.#commit();
  }

  // ---- machine commands --------------------------------------------------------------------

  setTarget(heater: HeaterName, celsius: number): void {
    this.#assertPowered();
    const h = this.#heater(heater);
    if (this.#state === 'error')
      throw new SimError('in-error', `Cannot heat while in error: ${this.#message}`);
    this.#checkTarget(h, heater, celsius);
    h.target = celsius;
    this.#commit();
  }

  setFanPercent(pct: number): void {
    this.#assertPowered();
    this.#fanPercent = checkRange(pct, 0, 100, 'Fan percent');
    this.#commit();
  }

  setSpeedPercent(pct: number): void {
    this.#assertPowered();
    this.#speedPercent = checkRange(pct, 10, 500, 'Speed percent');
    // Remaining time follows the speed factor at once, not at the next tick.
    if (this.#job && ACTIVE_STATES.has(this.#state)) {
      refreshDerived(this.#job, this.clock.now(), this.#speedPercent);
    }
    this.#commit();
  }

  setFlowPercent(pct: number): void {
    this.#assertPowered();
    this.#flowPercent = checkRange(pct, 10, 200, 'Flow percent');
    this.#commit();
  }

  /** Switches an existing light (see the `lights` option); unknown names throw 'no-such-light'. */
  setLight(name: string, on: boolean): void {
    this.#assertPowered();
    if (!Object.hasOwn(this.#lights, name)) throw new SimError('no-such-light', `No light named ${name}`);
    this.#lights[name] = on;
    this.#commit();
  }

  home(axes = 'xyz'): void {
    this.#assertMotionAllowed(false);
    const wanted = parseAxes(axes);
    for (const axis of wanted) this.#position[axis] = 0;
    this.#homedAxes = AXES.filter((a) => wanted.includes(a) || this.#homedAxes.includes(a)).join('');
    this.#commit();
  }

  /** Moves instantly (no motion model). Allowed when no job runs, and while paused. */
  move(target: Partial<Record<Axis, number>>, options: { relative?: boolean } = {}): void {
    this.#assertMotionAllowed(true);
    const next = { ...this.#position };
    for (const axis of AXES) {
      const value = target[axis];
      if (value === undefined) continue;
      if (!this.#homedAxes.includes(axis)) throw new SimError('not-homed', `Must home axis first: ${axis}`);
      const dest = options.relative ? this.#position[axis] + value : value;
      if (!Number.isFinite(dest) || dest < 0 || dest > this.#buildVolume[axis]) {
        throw new SimError(
          'out-of-range',
          `Move out of range: ${axis}=${dest} (0..${this.#buildVolume[axis]})`,
        );
      }
      next[axis] = round2(dest);
    }
    this.#position = next;
    this.#commit();
  }

  // ---- power and lifetime ------------------------------------------------------------------

  /** While off, readings are frozen and commands throw 'powered-off'; an active job is lost. */
  powerOff(): void {
    if (!this.#powered) return;
    this.#stopTicking();
    this.#clearTransition();
    if (ACTIVE_STATES.has(this.#state)) {
      const message = 'Power lost during print';
      this.#error = { code: 'power-loss', message };
      this.#setState('error', message);
      this.#endJob('error', message);
    } else {
      this.#message = 'Powered off';
    }
    this.#powered = false;
    this.#pending.push(() => this.#events.emit('power', false));
    this.#commit();
  }

  /** Like a real power cycle: heaters at ambient, targets off, axes unhomed, settings reset. */
  powerOn(): void {
    if (this.#powered) return;
    this.#powered = true;
    for (const heater of this.#heaterList()) {
      heater.actual = this.#ambient;
      heater.shown = round2(this.#ambient);
      heater.target = 0;
    }
    this.#fanPercent = 0;
    this.#speedPercent = 100;
    this.#flowPercent = 100;
    this.#homedAxes = '';
    this.#lights = { ...this.#defaultLights };
    // A lost job stays visible as an error until cleared; any other error is cleared by the cycle.
    if (this.#state === 'error' && this.#error?.code === 'power-loss') {
      this.#message = this.#error.message;
    } else {
      this.#error = undefined;
      this.#setState('idle', READY_MESSAGE);
      this.#message = READY_MESSAGE;
    }
    this.#lastTickAt = this.clock.now();
    this.#startTicking();
    this.#pending.push(() => this.#events.emit('power', true));
    this.#commit();
  }

  /** Stops the simulator's timers. The object stays readable. */
  dispose(): void {
    this.#stopTicking();
    this.#clearTransition();
  }

  // ---- internals ---------------------------------------------------------------------------

  #tick(): void {
    const now = this.clock.now();
    const dtSeconds = Math.max(0, now - this.#lastTickAt) / 1000;
    this.#lastTickAt = now;
    for (const heater of this.#heaterList()) {
      heater.actual = stepTemperature(
        heater.actual,
        heater.target,
        this.#ambient,
        dtSeconds,
        heater.spec.timeConstantSeconds,
      );
      const noise = this.#noise > 0 ? this.#noise * (2 * this.random.next() - 1) : 0;
      heater.shown = round2(heater.actual + noise);
    }
    const job = this.#job;
    if (job && ACTIVE_STATES.has(this.#state)) {
      if (this.#state === 'printing' && addPrintTime(job, dtSeconds, this.#speedPercent)) {
        this.#finishJob();
      } else {
        if (this.#state === 'preparing' && this.#heaterList().every(isAtTarget)) this.#beginPrinting(job);
        refreshDerived(job, now, this.#speedPercent);
        if (this.#state === 'printing') this.#followLayer(job);
      }
    }
    this.#commit();
  }

  #beginPrinting(job: ActiveJob): void {
    job.hasPrinted = true;
    // Real printers home and move to the bed before the first layer.
    this.#homedAxes = 'xyz';
    this.#position = { x: this.#buildVolume.x / 2, y: this.#buildVolume.y / 2, z: 0 };
    this.#setState('printing', `Printing ${job.record.file}`);
  }

  #followLayer(job: ActiveJob): void {
    this.#position.z = round2(Math.min(this.#buildVolume.z, job.record.layer * LAYER_HEIGHT_MM));
  }

  #finishJob(): void {
    const job = this.#job!;
    job.hasPrinted = true;
    completeWork(job);
    refreshDerived(job, this.clock.now(), this.#speedPercent);
    this.#heatersOff();
    this.#setState('finished', `Print finished: ${job.record.file}`);
    this.#endJob('finished');
  }

  /** Ends the job and queues 'job-finished'; callers set the state first so 'state' is emitted first. */
  #endJob(result: 'finished' | 'cancelled' | 'error', message?: string): void {
    const job = this.#job!;
    refreshDerived(job, this.clock.now(), this.#speedPercent);
    endJob(job, this.clock.now(), result, message);
    const record = copyJob(job.record);
    this.#history.push(record);
    this.#pending.push(() => this.#events.emit('job-finished', copyJob(record)));
  }

  /** Enters an intermediate state for `ms`, then runs `done`; with ms 0 runs `done` at once. */
  #step(state: SimState, message: string, ms: number, done: () => void): void {
    this.#clearTransition();
    if (ms <= 0) {
      done();
      return;
    }
    this.#setState(state, message);
    this.#transition = this.clock.setTimeout(() => {
      this.#transition = undefined;
      done();
      this.#commit();
    }, ms);
  }

  #setState(next: SimState, message: string): void {
    this.#message = message;
    const prev = this.#state;
    if (next === prev) return;
    this.#state = next;
    this.#pending.push((snapshot) => this.#events.emit('state', next, prev, snapshot));
  }

  /** Emits 'change' if anything visible changed, then the events the mutation queued. */
  #commit(): void {
    const prev = this.#committed;
    const candidate = this.#build(prev.updatedAt);
    if (!sameSnapshot(candidate, prev)) {
      candidate.updatedAt = this.clock.now();
      this.#committed = candidate;
      this.#events.emit('change', cloneSnapshot(candidate), cloneSnapshot(prev));
    }
    // Take the queue first: a listener may run a command, which commits its own events.
    const pending = this.#pending;
    this.#pending = [];
    for (const emit of pending) emit(cloneSnapshot(this.#committed));
  }

  #build(updatedAt: number): SimSnapshot {
    const { nozzle, bed, chamber } = this.#heaters;
    const snapshot: SimSnapshot = {
      state: this.#state,
      powered: this.#powered,
      message: this.#message,
      temperatures: { nozzle: reading(nozzle), bed: reading(bed) },
      fanPercent: this.#fanPercent,
      speedPercent: this.#speedPercent,
      flowPercent: this.#flowPercent,
      position: { ...this.#position },
      homedAxes: this.#homedAxes,
      lights: { ...this.#lights },
      updatedAt,
    };
    if (chamber) snapshot.temperatures.chamber = reading(chamber);
    if (this.#error) snapshot.error = { ...this.#error };
    if (this.#job) snapshot.job = copyJob(this.#job.record);
    return snapshot;
  }

  #heaterList(): Heater[] {
    const { nozzle, bed, chamber } = this.#heaters;
    return chamber ? [nozzle, bed, chamber] : [nozzle, bed];
  }

  #heater(name: HeaterName): Heater {
    const heater = this.#heaters[name];
    if (!heater) throw new SimError('no-such-heater', `This printer has no ${name} heater`);
    return heater;
  }

  #heatersOff(): void {
    for (const heater of this.#heaterList()) heater.target = 0;
  }

  #checkTarget(heater: Heater, name: HeaterName, celsius: number): void {
    checkRange(celsius, 0, heater.spec.maxCelsius, `${name} target`);
  }

  #assertPowered(): void {
    if (!this.#powered) throw new SimError('powered-off', 'The printer is powered off');
  }

  #assertMotionAllowed(allowWhilePaused: boolean): void {
    this.#assertPowered();
    if (this.#state === 'error')
      throw new SimError('in-error', `Cannot move while in error: ${this.#message}`);
    if (ACTIVE_STATES.has(this.#state) && !(allowWhilePaused && this.#state === 'paused')) {
      throw new SimError('busy', `Cannot move while ${this.#state}`);
    }
  }

  #startTicking(): void {
    this.#interval = this.clock.setInterval(() => this.#tick(), this.#timing.tickMs);
  }

  #stopTicking(): void {
    this.clock.clearTimer(this.#interval);
    this.#interval = undefined;
  }

  #clearTransition(): void {
    this.clock.clearTimer(this.#transition);
    this.#transition = undefined;
  }
}

function reading(heater: Heater): HeaterReading {
  return { actual: heater.shown, target: heater.target };
}

function checkRange(value: number, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new SimError('out-of-range', `${what} must be within ${min}..${max}, got ${value}`);
  }
  return value;
}

function parseAxes(axes: string): Axis[] {
  const wanted = [...axes.toLowerCase()];
  if (wanted.length === 0 || !wanted.every((a): a is Axis => (AXES as readonly string[]).includes(a))) {
    throw new SimError('invalid-argument', `Axes must be letters from "xyz", got ${JSON.stringify(axes)}`);
  }
  return wanted;
}
