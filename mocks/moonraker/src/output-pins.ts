/**
 * Klipper's `[output_pin <name>]` sections: a case light, a beeper, a relay. Each one is a printer
 * object `output_pin <name>` with `{ value }` (0..1) and answers `SET_PIN PIN=<name> VALUE=<v>`
 * (Klipper's klippy/extras/output_pin.py). Stock Klipper has none, so neither has the mock unless
 * the `outputPins` option names some.
 *
 * A pin whose name is also one of the simulator's lights switches that light (any value above 0 is
 * on), so an adapter's `setLight` shows up in the simulated printer.
 */

/** One pin as the `outputPins` option takes it: a name, or the name plus its config. */
export type OutputPinOption =
  | string
  | {
      name: string;
      /** `pwm: True` in the config: any VALUE from 0 to 1. Default false: only 0 or 1. */
      pwm?: boolean;
      /** The config's `value`: the pin's value at start and after every Klippy restart. Default 0. */
      value?: number;
    };

export interface OutputPinConfig {
  readonly name: string;
  readonly pwm: boolean;
  readonly initial: number;
}

/** Validates the option; a config Klipper itself would refuse throws a RangeError. */
export function resolveOutputPins(options: readonly OutputPinOption[] | undefined): OutputPinConfig[] {
  const pins: OutputPinConfig[] = [];
  for (const option of options ?? []) {
    const { name, pwm = false, value = 0 } = typeof option === 'string' ? { name: option } : option;
    // Klipper takes the second word of the section name, so a pin name is one word.
    if (typeof name !== 'string' || !/^\S+$/.test(name)) {
      throw new RangeError(`outputPins: a pin name is one word without spaces, got ${JSON.stringify(name)}`);
    }
    if (pins.some((pin) => pin.name === name)) throw new RangeError(`outputPins: ${name} is listed twice`);
    if (!(Number.isFinite(value) && value >= 0 && value <= 1) || (!pwm && value !== 0 && value !== 1)) {
      throw new RangeError(
        `outputPins: value of ${name} must be ${pwm ? 'from 0 to 1' : '0 or 1'}, got ${value}`,
      );
    }
    pins.push({ name, pwm, initial: value });
  }
  return pins;
}

/** The configured pins and their current values (Klippy's view: reset by every restart). */
export class OutputPins {
  readonly #configs: ReadonlyMap<string, OutputPinConfig>;
  readonly #values = new Map<string, number>();

  constructor(configs: readonly OutputPinConfig[]) {
    this.#configs = new Map(configs.map((config) => [config.name, config]));
    this.reset();
  }

  get size(): number {
    return this.#configs.size;
  }

  /** Pin names in config order. */
  names(): string[] {
    return [...this.#configs.keys()];
  }

  config(name: string): OutputPinConfig | undefined {
    return this.#configs.get(name);
  }

  value(name: string): number {
    return this.#values.get(name) ?? 0;
  }

  set(name: string, value: number): void {
    if (this.#configs.has(name)) this.#values.set(name, value);
  }

  /** Every pin back to its configured value, as after a Klippy restart. */
  reset(): void {
    for (const config of this.#configs.values()) this.#values.set(config.name, config.initial);
  }
}
