/**
 * The G-code interpreter behind `printer.gcode.script` (and Moonraker's print/restart methods,
 * which send G-code to Klippy). Commands run one at a time in order, like Klipper's G-code queue;
 * a failing command sends `!! <message>` as a gcode response before the request fails with 400,
 * and the rest of the script is skipped. Unknown commands are not errors:
 * `// Unknown command:"X"`.
 */

import { type HeaterName, type PrinterSim, SimError } from '@printkit/printer-sim';
import { MoonrakerError } from './errors.js';
import { helpText, isUnsimulatedCommand } from './gcode-help.js';
import { type GcodeCommand, parseGcodeLine } from './gcode-parse.js';
import {
  AXIS_MAXIMUM_MM,
  endstopWord,
  type KlipperState,
  MIN_EXTRUDE_TEMP,
  queryEndstops,
} from './klipper-state.js';
import type { Klippy } from './klippy.js';
import { MACROS } from './objects.js';
import { isJobActive } from './sim-states.js';

export const SOFTWARE_VERSION = 'v0.12.0-85-gd785b396';

/** What the interpreter needs from the rest of the mock. */
export interface GcodeHost {
  readonly sim: PrinterSim;
  readonly klippy: Klippy;
  readonly klipper: KlipperState;
  /** Sends a `notify_gcode_response` to every client and records it in the gcode store. */
  respond(text: string): void;
  emergencyStop(reason: string): void;
  restart(): void;
  /** Every Klipper object as of now (EXCLUDE_OBJECT CURRENT reads exclude_object.current_object). */
  objects(): Record<string, Record<string, unknown>>;
}

/** Commands Klipper accepts while not ready (its "ready_only=False" handlers). */
const ALLOWED_WHEN_NOT_READY = new Set(['FIRMWARE_RESTART', 'RESTART', 'STATUS', 'HELP', 'M112', 'M115']);
/** Klipper's heater_generic/extruder/bed names as SET_HEATER_TEMPERATURE knows them. */
const HEATERS: Record<string, HeaterName> = { extruder: 'nozzle', heater_bed: 'bed', chamber: 'chamber' };
/** Klipper's M109/M190 wait ends once the reading is this close to the target. */
const WAIT_TOLERANCE_CELSIUS = 1;

type Handler = (cmd: GcodeCommand) => void | Promise<void>;

interface Waiter {
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

export class GcodeInterpreter {
  readonly #host: GcodeHost;
  readonly #handlers: Record<string, Handler>;
  readonly #waiters = new Set<Waiter>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(host: GcodeHost) {
    this.#host = host;
    this.#handlers = this.#buildHandlers();
  }

  /** Runs a script (lines separated by \n) after everything queued before it. */
  run(script: string): Promise<void> {
    const result = this.#queue.then(() => this.#runNow(script));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Fails every command that is waiting (M109, M190, G4), e.g. because Klippy went away. */
  abortWaits(error: MoonrakerError): void {
    for (const waiter of [...this.#waiters]) {
      waiter.cleanup();
      waiter.reject(error);
    }
  }

  async #runNow(script: string): Promise<void> {
    for (const raw of script.split('\n')) {
      const cmd = parseGcodeLine(raw);
      if (!cmd) continue;
      try {
        await this.#execute(cmd);
      } catch (error) {
        const failure = toGcodeError(error);
        // When Klippy itself went away there is nobody left to print `!! ...`.
        if (failure.status !== 503) this.#respondError(failure.message);
        throw failure;
      }
    }
  }

  async #execute(cmd: GcodeCommand): Promise<void> {
    const { klippy, klipper, sim } = this.#host;
    if (klippy.state !== 'ready' && !ALLOWED_WHEN_NOT_READY.has(cmd.command)) {
      throw new MoonrakerError(klippy.stateMessage);
    }
    klipper.lastActivityAt = sim.clock.now();
    // Command names come from the wire: own properties only (`constructor` is an unknown command).
    if (Object.hasOwn(MACROS, cmd.command)) {
      for (const line of (MACROS[cmd.command]?.gcode ?? '').split('\n')) {
        const inner = parseGcodeLine(line);
        if (inner) await this.#execute(inner);
      }
      return;
    }
    const handler = Object.hasOwn(this.#handlers, cmd.command) ? this.#handlers[cmd.command] : undefined;
    if (handler) await handler(cmd);
    else if (isUnsimulatedCommand(cmd.command))
      // A command Klipper lists in its help for this config but the sim has nothing to do it with:
      // an error in the words virtual_sdcard.py uses for its own unsupported M28-M30.
      throw new MoonrakerError(`${cmd.command} not supported by this simulated printer`);
    else this.#info(`Unknown command:"${cmd.command}"`);
  }

  /** Klipper's respond_info: every line prefixed with `// `, one response. */
  #info(message: string): void {
    const lines = message
      .trim()
      .split('\n')
      .map((line) => line.trim());
    this.#host.respond(`// ${lines.join('\n// ')}`);
  }

  /** Klipper's _respond_error: multi-line messages go out as info first, then `!! <first line>`. */
  #respondError(message: string): void {
    const lines = message.trim().split('\n');
    if (lines.length > 1) this.#info(lines.join('\n'));
    this.#host.respond(`!! ${(lines[0] ?? '').trim()}`);
  }

  #buildHandlers(): Record<string, Handler> {
    const host = this.#host;
    const { sim, klipper } = host;
    const setFan = (fraction: number) => sim.setFanPercent(Math.round(fraction * 10000) / 100);
    // Klipper registers SET_PIN only when an [output_pin] exists; otherwise it is an unknown command.
    const outputPinCommands: Record<string, Handler> =
      klipper.outputPins.size > 0 ? { SET_PIN: (cmd) => this.#setPin(cmd) } : {};
    return {
      ...outputPinCommands,
      G0: (cmd) => this.#move(cmd),
      G1: (cmd) => this.#move(cmd),
      G4: (cmd) => this.#sleep(float(cmd, 'P', 0, 0)),
      G28: (cmd) => {
        const axes =
          ['X', 'Y', 'Z']
            .filter((a) => a in cmd.params)
            .join('')
            .toLowerCase() || 'xyz';
        ignoreBusy(() => sim.home(axes));
        klipper.home(axes);
      },
      G90: () => {
        klipper.absoluteCoordinates = true;
      },
      G91: () => {
        klipper.absoluteCoordinates = false;
      },
      M82: () => {
        klipper.absoluteExtrude = true;
      },
      M83: () => {
        klipper.absoluteExtrude = false;
      },
      G92: (cmd) => {
        if ('E' in cmd.params) klipper.extruderPosition = float(cmd, 'E', 0);
      },
      M18: () => {
        klipper.homedAxes = '';
      },
      M84: () => {
        klipper.homedAxes = '';
      },
      M104: (cmd) => this.#setTemperature('nozzle', float(cmd, 'S', 0, 0), false),
      M109: (cmd) => this.#setTemperature('nozzle', float(cmd, 'S', 0, 0), true),
      M140: (cmd) => this.#setTemperature('bed', float(cmd, 'S', 0, 0), false),
      M190: (cmd) => this.#setTemperature('bed', float(cmd, 'S', 0, 0), true),
      SET_HEATER_TEMPERATURE: (cmd) => {
        const name = cmd.params.HEATER;
        const heater = name === undefined ? undefined : HEATERS[name];
        if (!heater || (heater === 'chamber' && !sim.snapshot().temperatures.chamber)) {
          throw new MoonrakerError(`The value '${name ?? 'None'}' is not valid for HEATER`);
        }
        return this.#setTemperature(heater, float(cmd, 'TARGET', 0, 0), false);
      },
      TURN_OFF_HEATERS: () => {
        const temperatures = sim.snapshot().temperatures;
        for (const heater of ['nozzle', 'bed', 'chamber'] as const) {
          if (temperatures[heater]) sim.setTarget(heater, 0);
        }
      },
      M105: () => {
        const t = sim.snapshot().temperatures;
        host.respond(
          `B:${t.bed.actual.toFixed(1)} /${t.bed.target.toFixed(1)} T0:${t.nozzle.actual.toFixed(1)} /${t.nozzle.target.toFixed(1)}`,
        );
      },
      M106: (cmd) => setFan(Math.min(255, float(cmd, 'S', 255, 0)) / 255),
      M107: () => setFan(0),
      M112: () => host.emergencyStop('Shutdown due to M112 command'),
      M114: () => {
        const p = sim.snapshot().position;
        host.respond(
          `X:${p.x.toFixed(3)} Y:${p.y.toFixed(3)} Z:${p.z.toFixed(3)} E:${klipper.extruderPosition.toFixed(3)}`,
        );
      },
      M115: () => this.#info(`FIRMWARE_NAME:Klipper FIRMWARE_VERSION:${SOFTWARE_VERSION}`),
      M117: (cmd) => {
        klipper.displayMessage = cmd.rest;
      },
      M118: (cmd) => host.respond(`echo: ${cmd.rest}`),
      M220: (cmd) => simCall(() => sim.setSpeedPercent(float(cmd, 'S', 100, 0, true))),
      M221: (cmd) => simCall(() => sim.setFlowPercent(float(cmd, 'S', 100, 0, true))),
      M400: () => undefined,
      M21: () => undefined,
      SET_DISPLAY_TEXT: (cmd) => {
        klipper.displayMessage = cmd.params.MSG ?? '';
      },
      // respond.py: PREFIX=, else TYPE=echo (default) "echo:", command "//", error "!!".
      RESPOND: (cmd) => {
        const type = (cmd.params.TYPE ?? 'echo').toLowerCase();
        const prefixes: Record<string, string> = { echo: 'echo:', command: '//', error: '!!' };
        if (!Object.hasOwn(prefixes, type))
          throw new MoonrakerError(
            `RESPOND TYPE '${type}' is invalid. Must be one of 'echo', 'command', or 'error'`,
          );
        host.respond(`${cmd.params.PREFIX ?? prefixes[type]} ${cmd.params.MSG ?? ''}`);
      },
      STATUS: () => {
        if (host.klippy.state !== 'ready') throw new MoonrakerError(host.klippy.stateMessage);
        this.#info('Klipper state: Ready');
      },
      HELP: () => this.#info(helpText(klipper.outputPins.size > 0, host.klippy.state === 'ready')),
      QUERY_ENDSTOPS: () => {
        const states = queryEndstops(sim.snapshot().position, klipper.homedAxes);
        klipper.lastEndstopQuery = states;
        // query_endstops.py L40-42: respond_raw, so no "// " prefix.
        host.respond(
          Object.entries(states)
            .map(([axis, state]) => `${axis}:${endstopWord(state)}`)
            .join(' '),
        );
      },
      RESTART: () => host.restart(),
      FIRMWARE_RESTART: () => host.restart(),
      SDCARD_PRINT_FILE: (cmd) => this.#printFile(cmd.params.FILENAME),
      SDCARD_RESET_FILE: () => {
        if (['finished', 'cancelled', 'error'].includes(sim.state)) sim.clearError();
      },
      // pause_resume.py's commands, renamed *_BASE by the printer.cfg macros (objects.ts MACROS).
      // Without a virtual-SD print to pause, pause_resume.py tells the host instead
      // (`// action:paused|resumed|cancel`, for OctoPrint-style hosts) and only remembers it.
      PAUSE_BASE: () => {
        if (sim.state === 'paused' || sim.state === 'pausing' || klipper.pausedWithoutSd)
          this.#info('Print already paused');
        else if (sim.state === 'printing' || sim.state === 'preparing') sim.pause();
        else {
          this.#info('action:paused');
          klipper.pausedWithoutSd = true;
        }
      },
      RESUME_BASE: () => {
        if (sim.state === 'paused') sim.resume();
        else if (klipper.pausedWithoutSd) {
          this.#info('action:resumed');
          klipper.pausedWithoutSd = false;
        } else this.#info('Print is not paused, resume aborted');
      },
      CLEAR_PAUSE: () => {
        klipper.pausedWithoutSd = false;
      },
      // exclude_object.py: names upper-cased; an unknown name is excluded all the same.
      EXCLUDE_OBJECT: (cmd) => {
        const name = (cmd.params.NAME ?? '').toUpperCase();
        if (cmd.params.RESET !== undefined) {
          if (name) {
            this.#info(`Unexcluding object ${name}`);
            klipper.excludedObjects = klipper.excludedObjects.filter((n) => n !== name);
          } else klipper.excludedObjects = [];
        } else if (name) {
          this.#exclude(name);
        } else if (cmd.params.CURRENT !== undefined) {
          const objects = this.#host.objects();
          const current = Object.hasOwn(objects, 'exclude_object')
            ? objects.exclude_object?.current_object
            : undefined;
          if (typeof current !== 'string') throw new MoonrakerError('There is no current object to cancel');
          this.#exclude(current);
        }
      },
      // print_stats.py: the file tells the layer counts.
      SET_PRINT_STATS_INFO: (cmd) => {
        const info = klipper.printStatsInfo ?? { total_layer: null, current_layer: null };
        if (cmd.params.TOTAL_LAYER !== undefined)
          info.total_layer = Math.trunc(float(cmd, 'TOTAL_LAYER', 0, 0));
        if (cmd.params.CURRENT_LAYER !== undefined)
          info.current_layer = Math.trunc(float(cmd, 'CURRENT_LAYER', 0, 0));
        klipper.printStatsInfo = info;
      },
      CANCEL_PRINT_BASE: () => {
        const state = sim.state;
        klipper.pausedWithoutSd = false;
        if (['preparing', 'printing', 'pausing', 'paused', 'resuming'].includes(state)) sim.cancel();
        else {
          this.#info('action:cancel');
          if (['finished', 'cancelled', 'error'].includes(state)) sim.clearError();
        }
      },
    };
  }

  #exclude(name: string): void {
    const { klipper } = this.#host;
    this.#info(`Excluding object ${name}`);
    if (!klipper.excludedObjects.includes(name))
      klipper.excludedObjects = [...klipper.excludedObjects, name].sort();
  }

  /** output_pin.py's cmd_SET_PIN behind gcode.py's mux lookup on PIN. */
  #setPin(cmd: GcodeCommand): void {
    const { sim, klipper } = this.#host;
    const name = cmd.params.PIN;
    if (name === undefined) throw new MoonrakerError(`Error on '${cmd.line}': missing PIN`);
    const config = klipper.outputPins.config(name);
    if (!config) throw new MoonrakerError(`The value '${name}' is not valid for PIN`);
    if (cmd.params.VALUE === undefined) throw new MoonrakerError(`Error on '${cmd.line}': missing VALUE`);
    const value = float(cmd, 'VALUE', 0, 0, false, 1);
    if (!config.pwm && value !== 0 && value !== 1) throw new MoonrakerError('Invalid pin value');
    if (Object.hasOwn(sim.snapshot().lights, name)) simCall(() => sim.setLight(name, value > 0));
    klipper.outputPins.set(name, value);
  }

  #printFile(filename: string | undefined): void {
    const { sim } = this.#host;
    if (isJobActive(sim.state)) {
      throw new MoonrakerError('SD busy');
    }
    const name = (filename ?? '').replace(/^\/+/, '');
    const file = name ? sim.getFile(name) : undefined;
    if (!file) throw new MoonrakerError('Unable to open file');
    this.#host.respond(`File opened:${file.name} Size:${file.sizeBytes}`);
    this.#host.respond('File selected');
    simCall(() => {
      if (sim.state === 'error') sim.clearError();
      sim.startPrint(file.name);
    });
  }

  #move(cmd: GcodeCommand): void {
    const { sim, klipper } = this.#host;
    const current = sim.snapshot();
    const start: [number, number, number, number] = [
      current.position.x,
      current.position.y,
      current.position.z,
      klipper.extruderPosition,
    ];
    const end = [...start] as [number, number, number, number];
    const axes = ['X', 'Y', 'Z', 'E'] as const;
    axes.forEach((axis, index) => {
      if (!(axis in cmd.params)) return;
      const value = float(cmd, axis, 0);
      const absolute =
        axis === 'E' ? klipper.absoluteExtrude && klipper.absoluteCoordinates : klipper.absoluteCoordinates;
      end[index] = absolute ? value : (start[index] ?? 0) + value;
    });
    if ('F' in cmd.params) klipper.feedRate = float(cmd, 'F', klipper.feedRate, 0, true);
    const position = `${end[0].toFixed(3)} ${end[1].toFixed(3)} ${end[2].toFixed(3)} [${end[3].toFixed(3)}]`;
    const limits = [AXIS_MAXIMUM_MM.x, AXIS_MAXIMUM_MM.y, AXIS_MAXIMUM_MM.z];
    for (let i = 0; i < 3; i++) {
      if (end[i] === start[i]) continue;
      if (!klipper.homedAxes.includes('xyz'[i] ?? ''))
        throw new MoonrakerError(`Must home axis first: ${position}`);
      if ((end[i] ?? 0) < 0 || (end[i] ?? 0) > (limits[i] ?? 0))
        throw new MoonrakerError(`Move out of range: ${position}`);
    }
    if (end[3] > start[3] && current.temperatures.nozzle.actual < MIN_EXTRUDE_TEMP) {
      throw new MoonrakerError(
        "Extrude below minimum temp\nSee the 'min_extrude_temp' config option for details",
      );
    }
    klipper.extruderPosition = end[3];
    const target: Partial<Record<'x' | 'y' | 'z', number>> = {};
    if (end[0] !== start[0]) target.x = end[0];
    if (end[1] !== start[1]) target.y = end[1];
    if (end[2] !== start[2]) target.z = end[2];
    if (Object.keys(target).length > 0) ignoreBusy(() => sim.move(target));
  }

  async #setTemperature(heater: HeaterName, celsius: number, wait: boolean): Promise<void> {
    const { sim } = this.#host;
    simCall(() => sim.setTarget(heater, celsius));
    if (!wait || celsius <= 0) return;
    const reached = () => {
      const reading = sim.snapshot().temperatures[heater];
      return (
        !reading ||
        Math.abs(reading.actual - reading.target) <= WAIT_TOLERANCE_CELSIUS ||
        reading.target !== celsius
      );
    };
    if (reached()) return;
    await this.#waitFor((done) => sim.on('change', () => reached() && done()));
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    const { clock } = this.#host.sim;
    return this.#waitFor((done) => {
      const timer = clock.setTimeout(done, ms);
      return () => clock.clearTimer(timer);
    });
  }

  /** Waits until `start`'s callback fires; abortable through `abortWaits`. */
  #waitFor(start: (done: () => void) => () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let stop: () => void = () => undefined;
      const waiter: Waiter = {
        reject,
        cleanup: () => {
          stop();
          this.#waiters.delete(waiter);
        },
      };
      this.#waiters.add(waiter);
      stop = start(() => {
        waiter.cleanup();
        resolve();
      });
    });
  }
}

/** Klipper's gcmd.get_float with its error wording (klippy/gcode.py `GCodeCommand.get`). */
function float(
  cmd: GcodeCommand,
  name: string,
  fallback: number,
  minimum?: number,
  above = false,
  maximum?: number,
): number {
  const raw = cmd.params[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new MoonrakerError(`Error on '${cmd.line}': unable to parse ${raw}`);
  if (minimum !== undefined) {
    if (above && value <= minimum)
      throw new MoonrakerError(`Error on '${cmd.line}': ${name} must be above ${minimum.toFixed(1)}`);
    if (!above && value < minimum)
      throw new MoonrakerError(`Error on '${cmd.line}': ${name} must have minimum of ${minimum.toFixed(1)}`);
  }
  if (maximum !== undefined && value > maximum)
    throw new MoonrakerError(`Error on '${cmd.line}': ${name} must have maximum of ${maximum.toFixed(1)}`);
  return value;
}

/** Runs a simulator command; a refusal becomes Klipper-style 400 with the simulator's reason. */
function simCall(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (SimError.isInstance(error)) throw new MoonrakerError(error.message);
    throw error;
  }
}

/** Motion during a print belongs to the print: the simulator refuses it, Klipper would just queue it. */
function ignoreBusy(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (SimError.isInstance(error) && error.code === 'busy') return;
    if (SimError.isInstance(error)) throw new MoonrakerError(error.message);
    throw error;
  }
}

function toGcodeError(error: unknown): MoonrakerError {
  if (error instanceof MoonrakerError) return error;
  if (SimError.isInstance(error)) return new MoonrakerError(error.message);
  return new MoonrakerError(error instanceof Error ? error.message : String(error), 500);
}
