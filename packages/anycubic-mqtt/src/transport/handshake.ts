/**
 * The LAN mode handshake (notes, "LAN mode on stock firmware" 2–4), with node:crypto only:
 * - split the discovery `token` into `signKey = token[0:16]` and `aesKey = token[16:32]`;
 * - `sign = md5hex(md5hex(signKey) + ts + nonce)` with `ts` in epoch ms and a 6-character nonce;
 * - `POST <ctrlInfoUrl>?ts=..&nonce=..&sign=..&did=..` with no body, `did` 32 chars of `[A-Z0-9]`;
 * - the answer's `data.info` is AES-128-CBC (PKCS#7), key = ASCII `aesKey`, IV = ASCII `data.token`
 *   truncated or right-padded with 0x00 to 16 bytes; the plaintext is the broker and its credentials.
 * The credentials rotate (at least on a power cycle): they live in memory only, and the client runs
 * this whole handshake again before every reconnect.
 */
import { createDecipheriv, createHash, randomInt } from 'node:crypto';
import {
  ConnectionError,
  ProtocolError,
  type RequestOptions,
  redactText,
  redactUrl,
  truncateMessage,
  withDeadline,
} from '@printkit/core-types';
import { decodeWith } from '@printkit/core-types/codec';
import { type Dispatcher, request } from 'undici';
import type { CredentialsProvider } from '../client/session.js';
import { HandshakeRejectedError, LanModeOffError, UnsupportedPrinterError } from '../protocol/errors.js';
import { ctrlAnswerSchema, lanCredentialsSchema } from '../protocol/schemas.js';
import { type CommandKey, LAN_QUERY_SET } from '../protocol/table.js';
import { type DiscoverOptions, readDiscovery } from './discovery.js';
import { DEFAULT_TLS_PORT } from './mqtt.js';
import { type TlsTrust, validateTlsTrust } from './tls-trust.js';

/** The broker and the credentials one handshake handed out (secret: `password`). */
export interface LanCredentials {
  /** The broker host (may differ from the discovery host: the printer's answer decides). */
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** 32 lower-case hex digits. */
  readonly deviceId: string;
  readonly modelId: number;
}

export interface HandshakeOptions extends RequestOptions {
  /** Port of `/info`; default 18910. */
  port?: number;
  dispatcher?: Dispatcher;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const md5hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** `md5hex(md5hex(signKey) + ts + nonce)`, lower-case hex, plain concatenation. */
export function signCtrl(signKey: string, ts: string, nonce: string): string {
  return md5hex(`${md5hex(signKey)}${ts}${nonce}`);
}

/** The IV: the ASCII bytes of `ivSource`, truncated or right-padded with 0x00 to 16 bytes. */
export function ivFrom(ivSource: string): Buffer {
  const iv = Buffer.alloc(16);
  Buffer.from(ivSource, 'latin1').copy(iv, 0, 0, 16);
  return iv;
}

/** Decrypts `data.info` (base64, AES-128-CBC, PKCS#7) to its text. Throws on a wrong key or padding. */
export function decryptCtrlInfo(infoBase64: string, aesKey: string, ivSource: string): string {
  const decipher = createDecipheriv('aes-128-cbc', Buffer.from(aesKey, 'latin1'), ivFrom(ivSource));
  return Buffer.concat([decipher.update(Buffer.from(infoBase64, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

function brokerAddress(
  broker: string | null | undefined,
  fallbackHost: string,
): { host: string; port: number } {
  if (!broker) return { host: fallbackHost, port: DEFAULT_TLS_PORT };
  try {
    const url = new URL(broker);
    const port = url.port === '' ? DEFAULT_TLS_PORT : Number(url.port);
    return { host: url.hostname.replace(/^\[|\]$/g, '') || fallbackHost, port };
  } catch {
    throw new ProtocolError('The printer answered /ctrl with a broker that is not a URL', {
      operation: 'handshake',
    });
  }
}

/**
 * Discovery → signed `/ctrl` → decrypted credentials. Rejects with `ConnectionError` (unreachable),
 * `LanModeOffError` (`ctrlType: "cloud"`), `UnsupportedPrinterError` (an older printer without the
 * handshake), `HandshakeRejectedError` (the printer refused the signed request), `ProtocolError`
 * (a malformed answer). No message carries the token or a credential.
 */
export async function lanHandshake(host: string, options: HandshakeOptions = {}): Promise<LanCredentials> {
  const operation = 'handshake';
  return withDeadline(
    async (signal) => {
      const discoverOptions: DiscoverOptions = {
        signal,
        timeoutMs: 0,
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      };
      const { discovery, document } = await readDiscovery(host, discoverOptions);
      if (document.ctrlType === 'cloud') {
        throw new LanModeOffError(
          `LAN Mode is off on the printer at ${host}: switch it on at the panel (Settings → Network → LAN Mode)`,
          { operation },
        );
      }
      const token = document.token ?? '';
      const ctrlInfoUrl = document.ctrlInfoUrl ?? '';
      if (!discovery.handshake || discovery.modelId === undefined) {
        throw new UnsupportedPrinterError(
          `The printer at ${host} offers no LAN handshake (no token, ctrlInfoUrl or modelId in /info): older firmware`,
          { operation },
        );
      }
      if (token.length < 32) {
        throw new ProtocolError('The printer served a discovery token shorter than 32 characters', {
          operation,
        });
      }
      const secrets = [token];
      const signKey = token.slice(0, 16);
      const aesKey = token.slice(16, 32);
      const ts = String(Date.now());
      const nonce = randomFrom(ALPHANUMERIC, 6);
      let url: URL;
      try {
        url = new URL(ctrlInfoUrl);
      } catch {
        throw new ProtocolError('The printer served a ctrlInfoUrl that is not a URL', { operation });
      }
      url.searchParams.set('ts', ts);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('sign', signCtrl(signKey, ts, nonce));
      url.searchParams.set('did', randomFrom(UPPER_ALPHANUMERIC, 32));
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: 'POST',
          signal,
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        });
      } catch (cause) {
        if (signal.aborted) throw cause;
        const detail = redactText(String((cause as Error).message), secrets);
        throw new ConnectionError(
          `The printer's control endpoint ${redactUrl(url.href)} cannot be reached: ${detail}`,
          {
            operation,
          },
        );
      }
      const text = await response.body.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ProtocolError(
          `The printer answered /ctrl (HTTP ${response.statusCode}) with something that is not JSON`,
          {
            operation,
          },
        );
      }
      const answer = decodeWith(ctrlAnswerSchema, json, { what: '/ctrl answer', operation });
      if (!answer.ok) throw new ProtocolError(answer.error.message, { operation });
      const { code, data } = answer.value;
      if (code !== 200 && code !== '200') {
        const said = answer.value.message ?? answer.value.msg ?? '';
        const detail = said ? `: ${truncateMessage(redactText(said, secrets), 200)}` : '';
        throw new HandshakeRejectedError(
          `The printer refused the LAN handshake with code ${String(code)}${detail}`,
          {
            operation,
            printerCode: code,
          },
        );
      }
      if (!data)
        throw new ProtocolError('The printer accepted the LAN handshake but sent no credentials', {
          operation,
        });
      let plaintext: string;
      try {
        plaintext = decryptCtrlInfo(data.info, aesKey, data.token);
      } catch {
        throw new ProtocolError('The LAN credentials could not be decrypted (wrong key, IV or padding)', {
          operation,
        });
      }
      let credentialsJson: unknown;
      try {
        credentialsJson = JSON.parse(plaintext);
      } catch {
        throw new ProtocolError('The decrypted LAN credentials are not JSON', { operation });
      }
      const credentials = decodeWith(lanCredentialsSchema, credentialsJson, {
        what: 'LAN credentials',
        operation,
      });
      if (!credentials.ok) throw new ProtocolError(credentials.error.message, { operation });
      const { username, password, deviceId, broker } = credentials.value;
      return { ...brokerAddress(broker, host), username, password, deviceId, modelId: discovery.modelId };
    },
    { timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal, operation },
  );
}

export interface LanOptionsInput extends HandshakeOptions {
  /** How to trust the printer's self-signed certificate; required (see `TlsTrust`). */
  tls: TlsTrust;
}

/** Client options for a printer in LAN mode; the credentials are held by `credentials`, not shown. */
export interface LanClientOptions {
  /** LAN mode's query set (the printer answers queries but does not push everything). */
  readonly pollQueries: readonly CommandKey[];
  /** ~15 s, as LAN clients poll (notes, LAN mode 6); override it after spreading. */
  readonly pollIntervalMs: number;
  readonly host: string;
  readonly port: number;
  readonly deviceId: string;
  readonly modelId: number;
  readonly tls: TlsTrust;
  readonly credentials: CredentialsProvider;
}

/**
 * Connects the dots for a printer in LAN mode from its host alone: discovery → signed handshake →
 * decrypted credentials, once now (for the device id, model id and broker) and again before every
 * later connect or reconnect (the credentials rotate). Spread the result into `createAnycubicClient`
 * or `createAnycubicPrinter` options. The credentials live in a closure, in memory only.
 */
export async function lanOptions(host: string, options: LanOptionsInput): Promise<LanClientOptions> {
  const { tls } = options;
  validateTlsTrust(tls);
  const first = await lanHandshake(host, options);
  // Later handshakes: same printer and transport, a deadline of their own, the attempt's signal.
  const again: HandshakeOptions = {
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  };
  let unused: LanCredentials | undefined = first;
  const credentials: CredentialsProvider = async (signal) => {
    const login = unused ?? (await lanHandshake(host, { ...again, signal }));
    unused = undefined;
    return { host: login.host, port: login.port, username: login.username, password: login.password };
  };
  return {
    host: first.host,
    port: first.port,
    deviceId: first.deviceId,
    modelId: first.modelId,
    tls,
    credentials,
    pollQueries: LAN_QUERY_SET,
    pollIntervalMs: 15_000,
  };
}
