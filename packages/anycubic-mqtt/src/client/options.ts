/**
 * The client's options and their validation: bad input is an `InvalidArgumentError` when the client
 * is created, before anything is sent (never a `TypeError` from Node or mqtt.js later).
 */
import {
  type Clock,
  InvalidArgumentError,
  type Logger,
  silentLogger,
  systemClock,
} from '@printkit/core-types';
import { DEFAULT_MODEL_ID } from '../protocol/models.js';
import { type CommandKey, isCommandKey } from '../protocol/table.js';
import { DEFAULT_PORT, DEFAULT_TLS_PORT } from '../transport/mqtt.js';
import { type TlsTrust, validateTlsTrust } from '../transport/tls-trust.js';
import type { UploadFormOptions, UploadRequestOptions } from '../transport/upload.js';
import type { CredentialsProvider, ReconnectOptions, SessionOptions } from './session.js';

export interface AnycubicClientOptions {
  host: string;
  /** Default 2883 (plain) or 9883 (TLS). */
  port?: number;
  username?: string;
  password?: string;
  /** Default: random per instance (a fixed id makes two clients kick each other off). */
  clientId?: string;
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  /** Default 30. */
  keepaliveSeconds?: number;
  /** MQTT over TLS with one explicit trust choice (see `TlsTrust`). */
  tls?: TlsTrust;
  /**
   * Run before every connect and reconnect for credentials that rotate: LAN mode's handshake
   * (`lanOptions()` sets it). Its login replaces `username` / `password` (and `host` / `port` when it
   * names them) for that attempt.
   */
  credentials?: CredentialsProvider;
  /** `false` turns automatic reconnection off. */
  reconnect?: ReconnectOptions | false;
  /** The printer's device id (32 hex characters on rooted printers). */
  deviceId: string;
  /** Model id used in the topics. Default 20024 (Kobra 3); see `MODELS`. */
  modelId?: number;
  /** Default deadline of a command, ms (0 = none). Default 10 000. */
  timeoutMs?: number;
  /** Default deadline of `connect()`, ms. Default 30 000. */
  connectTimeoutMs?: number;
  /**
   * Polls `info/query` whenever no info (or `tempature`) report has arrived for this long (ms),
   * whatever else arrives — print reports carry no temperatures — and once after every (re)connect.
   * Whether a printer pushes info unasked is disputed in the notes: a printer that does is never
   * polled, one that does not is polled on this interval. 0 turns polling off. Default 10 000.
   */
  pollIntervalMs?: number;
  /**
   * More queries sent on connect and every `pollIntervalMs`, without waiting for their answers (which
   * merge into the state). Default none; `lanOptions()` sets LAN mode's query set (the printer answers
   * queries but does not push everything there).
   */
  pollQueries?: readonly CommandKey[];
  /** How uploads are sent (the form layout is unverified in the notes). */
  upload?: UploadFormOptions & Pick<UploadRequestOptions, 'dispatcher'>;
  /** Overrides the camera stream URL (default: `info.urls.rtspUrl`, else `http://<host>:18088/flv`). */
  cameraUrl?: string;
  /** Clock for `timestamp` fields, state times, polls and reconnect delays. Default the system clock. */
  clock?: Clock;
  /** Debug events (connect, reconnect, retries, protocol errors); silent by default, never a secret. */
  logger?: Logger;
}

export interface ResolvedClientOptions {
  readonly session: SessionOptions;
  readonly deviceId: string;
  readonly modelId: number;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly pollQueries: readonly CommandKey[];
  readonly upload: UploadFormOptions & Pick<UploadRequestOptions, 'dispatcher'>;
  readonly cameraUrl: string | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`${argument}: ${message}`, { argument, operation: 'createAnycubicClient' });
}

function optionalString(options: Record<string, unknown>, key: string, nonEmpty = false): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || (nonEmpty && value === '')) {
    throw invalid(key, nonEmpty ? 'expected a non-empty string' : 'expected a string');
  }
  return value;
}

function optionalNumber(
  options: Record<string, unknown>,
  key: string,
  check: (value: number) => boolean,
  expected: string,
): number | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !check(value)) throw invalid(key, `expected ${expected}`);
  return value;
}

const isDuration = (value: number) =>
  value >= 0 && (Number.isFinite(value) || value === Number.POSITIVE_INFINITY);
const isPort = (value: number) => Number.isInteger(value) && value > 0 && value < 65_536;

function checkClock(value: unknown): Clock {
  if (value === undefined) return systemClock;
  const clock = value as Partial<Clock> | null;
  if (
    typeof clock !== 'object' ||
    clock === null ||
    typeof clock.now !== 'function' ||
    typeof clock.setTimeout !== 'function' ||
    typeof clock.clearTimeout !== 'function'
  ) {
    throw invalid('clock', 'expected { now, setTimeout, clearTimeout }');
  }
  return clock as Clock;
}

function checkLogger(value: unknown): Logger {
  if (value === undefined) return silentLogger;
  const logger = value as Partial<Logger> | null;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (
    typeof logger !== 'object' ||
    logger === null ||
    !methods.every((m) => typeof logger[m] === 'function')
  ) {
    throw invalid('logger', 'expected { debug, info, warn, error } (console fits)');
  }
  return logger as Logger;
}

function checkPollQueries(value: unknown): readonly CommandKey[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    !value.every((key) => (isCommandKey(key) && key.endsWith('/query')) || key === 'multiColorBox/getInfo')
  ) {
    throw invalid('pollQueries', 'expected query keys of the command table (`info/query`, `fan/query`...)');
  }
  return [...value];
}

function checkCredentials(value: unknown): CredentialsProvider | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function')
    throw invalid('credentials', 'expected a function (signal) => Promise<login>');
  return value as CredentialsProvider;
}

function checkReconnect(value: unknown): ReconnectOptions | false {
  if (value === undefined) return {};
  if (value === false) return false;
  if (typeof value !== 'object' || value === null) throw invalid('reconnect', 'expected an object or false');
  const record = value as Record<string, unknown>;
  const initialDelayMs = optionalNumber(
    record,
    'initialDelayMs',
    (v) => v >= 0 && Number.isFinite(v),
    'a finite number >= 0',
  );
  const maxDelayMs = optionalNumber(
    record,
    'maxDelayMs',
    (v) => v > 0 && Number.isFinite(v),
    'a finite number > 0',
  );
  return {
    ...(initialDelayMs === undefined ? {} : { initialDelayMs }),
    ...(maxDelayMs === undefined ? {} : { maxDelayMs }),
  };
}

/** Checks every option and fills in the defaults. Throws `InvalidArgumentError`. */
export function resolveClientOptions(options: AnycubicClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'expected an object');
  const record = options as unknown as Record<string, unknown>;
  const host = optionalString(record, 'host', true);
  if (host === undefined) throw invalid('host', 'expected a non-empty string');
  const deviceId = optionalString(record, 'deviceId', true);
  if (deviceId === undefined || /[/+#]/.test(deviceId)) {
    throw invalid('deviceId', 'expected a non-empty string without "/", "+" or "#"');
  }
  const modelId =
    optionalNumber(record, 'modelId', (v) => Number.isInteger(v) && v > 0, 'a positive integer') ??
    DEFAULT_MODEL_ID;
  const tls = validateTlsTrust(record.tls);
  const port =
    optionalNumber(record, 'port', isPort, 'an integer port 1..65535') ??
    (tls ? DEFAULT_TLS_PORT : DEFAULT_PORT);
  const protocolVersion = optionalNumber(record, 'protocolVersion', (v) => v === 4 || v === 5, '4 or 5') ?? 4;
  const keepaliveSeconds =
    optionalNumber(
      record,
      'keepaliveSeconds',
      (v) => Number.isInteger(v) && v >= 0 && v <= 65_535,
      'an integer 0..65535',
    ) ?? 30;
  const upload = record.upload;
  if (upload !== undefined && (typeof upload !== 'object' || upload === null))
    throw invalid('upload', 'expected an object');
  const clock = checkClock(record.clock);
  const logger = checkLogger(record.logger);
  return {
    session: {
      host,
      port,
      tls,
      username: optionalString(record, 'username'),
      password: optionalString(record, 'password'),
      credentials: checkCredentials(record.credentials),
      clientId: optionalString(record, 'clientId', true),
      protocolVersion: protocolVersion as 4 | 5,
      keepaliveSeconds,
      reconnect: checkReconnect(record.reconnect),
      clock,
      logger,
    },
    deviceId,
    modelId,
    timeoutMs: optionalNumber(record, 'timeoutMs', isDuration, 'a number of ms >= 0') ?? 10_000,
    connectTimeoutMs: optionalNumber(record, 'connectTimeoutMs', isDuration, 'a number of ms >= 0') ?? 30_000,
    pollIntervalMs: optionalNumber(record, 'pollIntervalMs', isDuration, 'a number of ms >= 0') ?? 10_000,
    pollQueries: checkPollQueries(record.pollQueries),
    upload: (upload ?? {}) as ResolvedClientOptions['upload'],
    cameraUrl: optionalString(record, 'cameraUrl', true),
    clock,
    logger,
  };
}
