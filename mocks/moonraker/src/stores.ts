/**
 * Moonraker's rolling stores: `server.gcode_store` (the last 1000 G-code commands and responses)
 * and `server.temperature_store` (one sample per second per sensor, the last 1200 = 20 minutes).
 */

export interface GcodeStoreEntry {
  message: string;
  time: number;
  type: 'command' | 'response';
}

const GCODE_STORE_SIZE = 1000;
const TEMPERATURE_STORE_SIZE = 1200;

export class GcodeStore {
  readonly #entries: GcodeStoreEntry[] = [];

  add(message: string, type: GcodeStoreEntry['type'], nowMs: number): void {
    this.#entries.push({ message, time: nowMs / 1000, type });
    if (this.#entries.length > GCODE_STORE_SIZE) this.#entries.shift();
  }

  last(count: number): GcodeStoreEntry[] {
    return count <= 0 ? [] : this.#entries.slice(-count).map((entry) => ({ ...entry }));
  }
}

interface Series {
  temperatures: number[];
  targets: number[];
  powers: number[];
}

export class TemperatureStore {
  readonly #series = new Map<string, Series>();

  sample(sensors: Record<string, { temperature: number; target: number; power: number }>): void {
    for (const [name, reading] of Object.entries(sensors)) {
      let series = this.#series.get(name);
      if (!series) {
        series = { temperatures: [], targets: [], powers: [] };
        this.#series.set(name, series);
      }
      push(series.temperatures, reading.temperature);
      push(series.targets, reading.target);
      push(series.powers, reading.power);
    }
  }

  snapshot(): Record<string, Series> {
    const out: Record<string, Series> = {};
    for (const [name, series] of this.#series) {
      out[name] = {
        temperatures: [...series.temperatures],
        targets: [...series.targets],
        powers: [...series.powers],
      };
    }
    return out;
  }
}

function push(values: number[], value: number): void {
  values.push(value);
  if (values.length > TEMPERATURE_STORE_SIZE) values.shift();
}
