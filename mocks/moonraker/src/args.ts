/**
 * Request arguments with Moonraker's `WebRequest` getters: the same conversions and the same
 * messages (`No data for argument: x`, `Unable to convert argument [x] to <class 'int'>: ...`).
 * HTTP query strings arrive as strings, JSON bodies and JSON-RPC params as JSON values; both
 * convert the way Moonraker converts them.
 */
import { MoonrakerError } from './errors.js';
import { pythonRepr } from './python-repr.js';

type Kind = 'str' | 'int' | 'float' | 'bool';

export class Args {
  readonly raw: Readonly<Record<string, unknown>>;

  constructor(raw: Record<string, unknown>) {
    this.raw = raw;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.raw, key);
  }

  get(key: string): unknown;
  get<T>(key: string, fallback: T): unknown;
  get(key: string, ...fallback: unknown[]): unknown {
    if (this.has(key)) return this.raw[key];
    if (fallback.length > 0) return fallback[0];
    throw missing(key);
  }

  str(key: string): string;
  str<T>(key: string, fallback: T): string | T;
  str(key: string, ...fallback: unknown[]): unknown {
    return this.#convert(key, 'str', fallback);
  }

  int(key: string): number;
  int<T>(key: string, fallback: T): number | T;
  int(key: string, ...fallback: unknown[]): unknown {
    return this.#convert(key, 'int', fallback);
  }

  float(key: string): number;
  float<T>(key: string, fallback: T): number | T;
  float(key: string, ...fallback: unknown[]): unknown {
    return this.#convert(key, 'float', fallback);
  }

  bool(key: string): boolean;
  bool<T>(key: string, fallback: T): boolean | T;
  bool(key: string, ...fallback: unknown[]): unknown {
    return this.#convert(key, 'bool', fallback);
  }

  #convert(key: string, kind: Kind, fallback: unknown[]): unknown {
    if (!this.has(key)) {
      if (fallback.length > 0) return fallback[0];
      throw missing(key);
    }
    const value = this.raw[key];
    const converted = convert(value, kind);
    if (converted === undefined) {
      throw new MoonrakerError(
        `Unable to convert argument [${key}] to <class '${kind}'>: value recieved: ${pythonValue(value)}`,
      );
    }
    return converted;
  }
}

function missing(key: string): MoonrakerError {
  return new MoonrakerError(`No data for argument: ${key}`);
}

/** Python's str()/int()/float()/bool-from-"true"/"false", or undefined when Python would raise. */
function convert(value: unknown, kind: Kind): string | number | boolean | undefined {
  switch (kind) {
    case 'str':
      return typeof value === 'string' ? value : pythonValue(value);
    case 'int': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
      if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
      return undefined;
    }
    case 'float': {
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string' && value.trim() !== '') {
        const parsed = Number(value);
        return Number.isNaN(parsed) ? undefined : parsed;
      }
      return undefined;
    }
    case 'bool': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      return undefined;
    }
  }
}

function pythonValue(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}
