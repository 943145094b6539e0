/**
 * The mock's options and their defaults. Every default names the source it was taken from (see the
 * README's Sources section): the Buddy firmware (MK4/MK3.9/CORE One/XL/MINI) for the v1 dialect and
 * HTTP Digest, PrusaLink on a Raspberry Pi (MK3) for the legacy dialect and its X-Api-Key.
 */
import { type Clock, type NewSimFile, PrinterSim, type PrinterSimOptions } from '@printkit/printer-sim';

/** `v1`: the current API (`/api/v1/...`). `legacy`: the OctoPrint-like API of PrusaLink 0.9 on a Pi. */
export type MockDialect = 'v1' | 'legacy';

/**
 * Which credentials the mock accepts. `both` is current firmware: HTTP Digest, or the same
 * password in `X-Api-Key`. `digest` refuses `X-Api-Key`; `api-key` refuses Digest (older firmware
 * and the legacy dialect, whose spec only lists ApiKeyAuth).
 */
export type MockAuthMode = 'both' | 'digest' | 'api-key';

/** How the legacy `/api/job` reports `progress.completion`. */
export type LegacyCompletionScale = 'fraction' | 'percent';

export interface MockPrusaLinkOptions {
  /** Default `v1`. */
  dialect?: MockDialect;
  /** Default `both` for v1, `api-key` for legacy. */
  auth?: MockAuthMode;
  /** Digest user name; the firmware's fixed `maker`. */
  username?: string;
  /** Digest password; default `printkit-pass`. */
  password?: string;
  /** Accepted `X-Api-Key`; default: the password (the firmware compares the key with it). */
  apiKey?: string;
  /** Digest realm; the firmware's `Printer API` (PrusaLink on a Pi uses `Administrator`). */
  realm?: string;
  /** Seconds a nonce stays valid, on the mock's clock; the firmware's 300. */
  nonceLifetimeSeconds?: number;
  /**
   * Offer `qop="auth"` (RFC 7616) in the challenge and require `nc`/`cnonce`. The firmware offers no
   * qop (RFC 2069 response); default false.
   */
  digestQop?: boolean;
  /** Storage the files live on: `usb` (firmware, type USB) or `local` (PrusaLink on a Pi, type LOCAL). Default `usb` (v1), `local` (legacy). */
  storage?: 'usb' | 'local';
  /** Uploads larger than this are refused with 413 before the body is read. Default 64 MiB. */
  maxUploadBytes?: number;
  /**
   * `fraction` (default): `completion` 0..1, as both the firmware and PrusaLink on a Pi send it.
   * `percent`: 0..100, as the legacy spec and OctoPrint document it.
   */
  legacyCompletionScale?: LegacyCompletionScale;
  /** Whether the printer has a camera (`/api/v1/cameras`); default true. Buddy firmware has none. */
  camera?: boolean;
  /** Print time given to an upload whose G-code has no `estimated printing time` comment. Default 600 s. */
  uploadEstimatedSeconds?: number;
  /**
   * The simulated printer: settings for one the mock makes (clock, seed, files...; default a manual
   * clock and two small files), or a `PrinterSim` you made (a fleet's); a sim you pass in stays yours:
   * `stop()` does not dispose it and `reset()` only clears faults and overrides.
   */
  sim?: PrinterSimOptions | PrinterSim;
  /** Shorthand for `sim.clock`. */
  clock?: Clock;
  /** Shorthand for `sim.files`. */
  files?: NewSimFile[];
  /** Shown in `/api/v1/info`. Default `printkit-mk4`. */
  hostname?: string;
  /** Serial number in `/api/v1/info`. */
  serial?: string;
}

export interface ResolvedOptions {
  readonly dialect: MockDialect;
  readonly auth: MockAuthMode;
  readonly username: string;
  readonly password: string;
  readonly apiKey: string;
  readonly realm: string;
  readonly nonceLifetimeSeconds: number;
  readonly digestQop: boolean;
  readonly storage: 'usb' | 'local';
  readonly maxUploadBytes: number;
  readonly legacyCompletionScale: LegacyCompletionScale;
  readonly camera: boolean;
  readonly uploadEstimatedSeconds: number;
  readonly hostname: string;
  readonly serial: string;
  readonly sim: PrinterSimOptions;
  /** The caller's simulator, when one was passed in. */
  readonly simInstance: PrinterSim | undefined;
}

/** Small jobs, so a whole print runs in a few simulated minutes. */
export const DEFAULT_MOCK_FILES: readonly NewSimFile[] = [
  {
    name: 'cube.gcode',
    sizeBytes: 120_000,
    estimatedSeconds: 300,
    layers: 25,
    nozzleCelsius: 215,
    bedCelsius: 60,
  },
  {
    name: 'benchy.gcode',
    sizeBytes: 1_234_567,
    estimatedSeconds: 2_700,
    layers: 120,
    nozzleCelsius: 215,
    bedCelsius: 60,
  },
];

export function resolveOptions(options: MockPrusaLinkOptions): ResolvedOptions {
  const dialect = options.dialect ?? 'v1';
  if (dialect !== 'v1' && dialect !== 'legacy') throw new Error(`dialect must be 'v1' or 'legacy'`);
  const auth = options.auth ?? (dialect === 'legacy' ? 'api-key' : 'both');
  if (!['both', 'digest', 'api-key'].includes(auth))
    throw new Error(`auth must be 'both', 'digest' or 'api-key'`);
  const password = options.password ?? 'printkit-pass';
  const positive = (value: number | undefined, fallback: number, what: string) => {
    const resolved = value ?? fallback;
    if (!(Number.isFinite(resolved) && resolved > 0)) throw new Error(`${what} must be a number > 0`);
    return resolved;
  };
  const simInstance = options.sim instanceof PrinterSim ? options.sim : undefined;
  const simOptions = options.sim instanceof PrinterSim ? {} : options.sim;
  const sim: PrinterSimOptions = { files: [...DEFAULT_MOCK_FILES], ...simOptions };
  if (options.clock) sim.clock = options.clock;
  if (options.files) sim.files = options.files;
  return {
    dialect,
    auth,
    username: options.username ?? 'maker',
    password,
    apiKey: options.apiKey ?? password,
    realm: options.realm ?? 'Printer API',
    nonceLifetimeSeconds: positive(options.nonceLifetimeSeconds, 300, 'nonceLifetimeSeconds'),
    digestQop: options.digestQop ?? false,
    storage: options.storage ?? (dialect === 'legacy' ? 'local' : 'usb'),
    maxUploadBytes: positive(options.maxUploadBytes, 64 * 1024 * 1024, 'maxUploadBytes'),
    legacyCompletionScale: options.legacyCompletionScale ?? 'fraction',
    camera: options.camera ?? true,
    uploadEstimatedSeconds: positive(options.uploadEstimatedSeconds, 600, 'uploadEstimatedSeconds'),
    hostname: options.hostname ?? 'printkit-mk4',
    serial: options.serial ?? 'CZPX4720X004XC34242',
    sim,
    simInstance,
  };
}
