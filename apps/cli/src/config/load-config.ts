/** Finds, reads, validates and resolves `printkit.config.json` (secrets from the environment included). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../usage-error.js';
import {
  type ConfigFileInput,
  configFileSchema,
  type PrinterConfigInput,
  type Secret,
} from './config-schema.js';
import { explainIssues } from './explain-issues.js';

export const CONFIG_FILE_NAME = 'printkit.config.json';

/** A printer entry with defaults applied and secrets read: what the vendor factories take. */
export type PrinterConfig =
  | {
      name: string;
      vendor: 'anycubic';
      /** LAN mode: discovery, handshake and rotating broker login from the host alone. */
      lan: true;
      /** The discovery address, `http://<host>:18910`. */
      url: string;
      tls: AnycubicTls;
      timeoutMs?: number;
    }
  | {
      name: string;
      vendor: 'anycubic';
      lan?: never;
      url: string;
      username: string;
      password: string;
      deviceId: string;
      modelId: number;
      tls?: AnycubicTls;
      timeoutMs?: number;
    }
  | {
      name: string;
      vendor: 'moonraker';
      url: string;
      apiKey?: string;
      login?: { username: string; password: string };
      light?: { pin: string } | { on: string; off: string };
      timeoutMs?: number;
    }
  | {
      name: string;
      vendor: 'prusa-connect';
      url: string;
      token: string;
      uuid: string;
      storage?: string;
      timeoutMs?: number;
    }
  | {
      name: string;
      vendor: 'prusalink';
      url: string;
      username: string;
      password?: string;
      apiKey?: string;
      dialect?: 'auto' | 'v1' | 'legacy';
      timeoutMs?: number;
    };

export type AnycubicTls =
  | { fingerprint256: string }
  | { caFile: string; verifyHostname?: boolean }
  | { insecure: true };

export interface LoadedConfig {
  /** Absolute path of the file read. */
  path: string;
  /** The file as the user named it, for messages. */
  label: string;
  printers: PrinterConfig[];
}

/** Ports a printer listens on when the config gives only `host`. */
export const DEFAULT_PORTS = { anycubic: 9883, moonraker: 7125, prusalink: 80 } as const;
/** An Anycubic printer's discovery port (`GET /info`) in LAN mode. */
export const ANYCUBIC_DISCOVERY_PORT = 18910;
/** The Buddy firmware's fixed Digest user. */
export const PRUSALINK_USERNAME = 'maker';
export const PRUSA_CONNECT_URL = 'https://connect.prusa3d.com';

function readSecret(secret: Secret, where: string, env: NodeJS.ProcessEnv): string {
  if (typeof secret === 'string') return secret;
  const value = env[secret.env];
  if (value === undefined || value === '') {
    throw new ConfigError(`${where}: environment variable ${secret.env} is not set`);
  }
  return value;
}

function hostUrl(scheme: string, host: string, port: number): string {
  // An IPv6 literal needs brackets in a URL.
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${scheme}://${bracketed}:${port}`;
}

function resolvePrinter(
  printer: PrinterConfigInput,
  index: number,
  label: string,
  env: NodeJS.ProcessEnv,
): PrinterConfig {
  const at = (field: string) => `${label}: printers[${index}].${field}`;
  const timeout = printer.timeoutMs === undefined ? {} : { timeoutMs: printer.timeoutMs };
  switch (printer.vendor) {
    case 'anycubic': {
      const { tls } = printer;
      const trust: AnycubicTls | undefined =
        tls && 'caFile' in tls
          ? {
              caFile: tls.caFile,
              ...(tls.verifyHostname === undefined ? {} : { verifyHostname: tls.verifyHostname }),
            }
          : tls;
      // The schema's rules guarantee these; checked again so the types follow without a cast.
      if (printer.lan === true) {
        if (trust === undefined || printer.host === undefined) {
          throw new ConfigError(`${at('lan')}: LAN mode needs "host" and "tls"`);
        }
        return {
          name: printer.name,
          vendor: 'anycubic',
          lan: true,
          url: hostUrl('http', printer.host, printer.port ?? ANYCUBIC_DISCOVERY_PORT),
          tls: trust,
          ...timeout,
        };
      }
      const { username, password, deviceId, modelId } = printer;
      if (
        username === undefined ||
        password === undefined ||
        deviceId === undefined ||
        modelId === undefined
      ) {
        throw new ConfigError(
          `${at('username')}: a broker entry needs username, password, deviceId and modelId`,
        );
      }
      const resolved: PrinterConfig = {
        name: printer.name,
        vendor: 'anycubic',
        url: printer.url ?? hostUrl('mqtts', printer.host ?? '', printer.port ?? DEFAULT_PORTS.anycubic),
        username,
        password: readSecret(password, at('password'), env),
        deviceId,
        modelId,
        ...timeout,
      };
      if (trust !== undefined) resolved.tls = trust;
      return resolved;
    }
    case 'moonraker': {
      const resolved: PrinterConfig = {
        name: printer.name,
        vendor: 'moonraker',
        url: printer.url ?? hostUrl('http', printer.host ?? '', printer.port ?? DEFAULT_PORTS.moonraker),
        ...timeout,
      };
      if (printer.apiKey !== undefined) resolved.apiKey = readSecret(printer.apiKey, at('apiKey'), env);
      if (printer.username !== undefined && printer.password !== undefined) {
        resolved.login = {
          username: printer.username,
          password: readSecret(printer.password, at('password'), env),
        };
      }
      if (printer.light !== undefined) resolved.light = printer.light;
      return resolved;
    }
    case 'prusa-connect':
      return {
        name: printer.name,
        vendor: 'prusa-connect',
        url: printer.url ?? PRUSA_CONNECT_URL,
        token: readSecret(printer.token, at('token'), env),
        uuid: printer.uuid,
        ...(printer.storage === undefined ? {} : { storage: printer.storage }),
        ...timeout,
      };
    case 'prusalink': {
      const resolved: PrinterConfig = {
        name: printer.name,
        vendor: 'prusalink',
        url: printer.url ?? hostUrl('http', printer.host ?? '', printer.port ?? DEFAULT_PORTS.prusalink),
        username: printer.username ?? PRUSALINK_USERNAME,
        ...timeout,
      };
      if (printer.password !== undefined)
        resolved.password = readSecret(printer.password, at('password'), env);
      if (printer.apiKey !== undefined) resolved.apiKey = readSecret(printer.apiKey, at('apiKey'), env);
      if (printer.dialect !== undefined) resolved.dialect = printer.dialect;
      return resolved;
    }
  }
}

/** Validates parsed JSON; `label` names the source in messages (the file name). */
export function parseConfig(input: unknown, label: string, env: NodeJS.ProcessEnv): PrinterConfig[] {
  const result = configFileSchema.safeParse(input);
  if (!result.success) {
    const problems = explainIssues(result.error, input);
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).join('; ')})` : '';
    throw new ConfigError(`${label}: ${problems[0]}${more}`);
  }
  const config: ConfigFileInput = result.data;
  return config.printers.map((printer, index) => resolvePrinter(printer, index, label, env));
}

/** "Unexpected token } in JSON at position 45" → "line 3, column 7: Unexpected token }…". */
function explainJsonError(text: string, error: unknown): string {
  // Some V8 messages quote the text around the bad token (`Unexpected token 's', ..."token": s3cr3t"...
  // is not valid JSON`): that text can be a secret, so only the token reaches the message.
  const message =
    (error instanceof Error ? error.message : String(error)).replace(
      /^(Unexpected token .+?(?=, ))?[\s\S]* is not valid JSON$/,
      (_quote, token: string | undefined) => token ?? '',
    ) || 'unexpected input';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position)).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

export function loadConfig(options: {
  path?: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
}): LoadedConfig {
  const path = resolve(options.cwd, options.path ?? CONFIG_FILE_NAME);
  const label = options.path ?? CONFIG_FILE_NAME;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.path === undefined) {
      throw new ConfigError(
        `no ${CONFIG_FILE_NAME} in ${options.cwd}; write one (printkit init), or pass --config <path>`,
      );
    }
    if (code === 'ENOENT') throw new ConfigError(`${label}: no such file`);
    throw new ConfigError(`${label}: cannot read it (${code ?? String(error)})`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${label}: not valid JSON: ${explainJsonError(text, error)}`);
  }
  return { path, label, printers: parseConfig(input, label, options.env) };
}
