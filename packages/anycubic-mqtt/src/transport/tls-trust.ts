/**
 * TLS trust for the printer's broker (port 9883): printers present a self-signed certificate, so there
 * is no silent default. A `tls` option names exactly one trust choice, checked here in one place
 * (the way MQTT.js checks its TLS options in one file), before anything is sent:
 * - `{ ca }`: a CA or the printer's own certificate (PEM);
 * - `{ fingerprint256 }`: a pinned SHA-256 fingerprint; nothing (not even CONNECT, which carries the
 *   password) leaves before the certificate matched;
 * - `{ insecure: true }`: encrypts without authenticating the printer, said out loud.
 * Contradictory or half-set options (`{ fingerprint256, ca: undefined }`, `{ ca: null }`, an unknown
 * key) are an `InvalidArgumentError`, never a `TypeError` from Node later.
 */
import { isIP } from 'node:net';
import { type ConnectionOptions, checkServerIdentity, connect, type TLSSocket } from 'node:tls';
import { ConnectionError, InvalidArgumentError } from '@printkit/core-types';

type Pem = string | Uint8Array;

/**
 * How to trust the printer's TLS certificate. There is no default: a TLS connection without one of
 * these is refused when the client is created.
 */
export type TlsTrust =
  | {
      /** Trust this CA (or the printer's own certificate, PEM). */
      ca: Pem | readonly Pem[];
      /** Check that the certificate names the host. Default true; printer certificates rarely name their IP. */
      verifyHostname?: boolean;
      servername?: string;
      maxVersion?: TlsVersion;
    }
  | {
      /** The SHA-256 fingerprint of the printer's certificate, hex with or without colons. */
      fingerprint256: string;
      servername?: string;
      maxVersion?: TlsVersion;
    }
  | {
      /** Accept any certificate. Encrypts but does not authenticate the printer. */
      insecure: true;
      servername?: string;
      maxVersion?: TlsVersion;
    };

/**
 * Highest TLS version offered. Default `'TLSv1.2'`: the printer's broker requests an optional client
 * certificate and TLS 1.3 stacks that send none may be aborted (notes, LAN mode 5).
 */
export type TlsVersion = 'TLSv1.2' | 'TLSv1.3';

const CHOICES = ['ca', 'fingerprint256', 'insecure'] as const;
const ALLOWED_KEYS: ReadonlySet<string> = new Set([...CHOICES, 'verifyHostname', 'servername', 'maxVersion']);

/** `AB:CD:…` or `abcd…` → `ABCD…`. */
export function normaliseFingerprint(value: string): string {
  return value.replace(/:/g, '').toUpperCase();
}

function invalid(message: string): InvalidArgumentError {
  return new InvalidArgumentError(`tls: ${message}`, { operation: 'createAnycubicClient', argument: 'tls' });
}

const isPem = (value: unknown): value is Pem =>
  (typeof value === 'string' && value.trim() !== '') || value instanceof Uint8Array;

/**
 * The `tls` option checked: undefined for none, else a trust choice. Throws `InvalidArgumentError` for
 * anything else, naming what is wrong (never the values: a CA or fingerprint is not secret, but the
 * message should not carry key material either).
 */
export function validateTlsTrust(tls: unknown): TlsTrust | undefined {
  if (tls === undefined) return undefined;
  if (typeof tls !== 'object' || tls === null || Array.isArray(tls)) {
    throw invalid('expected an object: { ca }, { fingerprint256 } or { insecure: true }');
  }
  const value = tls as Record<string, unknown>;
  const unknownKeys = Object.keys(value).filter((key) => !ALLOWED_KEYS.has(key));
  if (unknownKeys.length > 0)
    throw invalid(`unknown option ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')}`);
  // A key that is present counts, even set to undefined: `{ fingerprint256, ca: undefined }` is
  // half-set, and guessing which one was meant is how a pin gets silently ignored.
  const chosen = CHOICES.filter((key) => Object.hasOwn(value, key));
  if (chosen.length !== 1) {
    throw invalid(
      chosen.length === 0
        ? 'needs one trust choice: { ca }, { fingerprint256 } (pinned certificate) or { insecure: true }'
        : `needs exactly one trust choice, got ${chosen.join(' and ')}`,
    );
  }
  if (
    Object.hasOwn(value, 'servername') &&
    (typeof value.servername !== 'string' || value.servername === '')
  ) {
    throw invalid('servername must be a non-empty string');
  }
  if (
    Object.hasOwn(value, 'maxVersion') &&
    value.maxVersion !== 'TLSv1.2' &&
    value.maxVersion !== 'TLSv1.3'
  ) {
    throw invalid('maxVersion must be "TLSv1.2" or "TLSv1.3"');
  }
  if (Object.hasOwn(value, 'verifyHostname') && chosen[0] !== 'ca') {
    throw invalid('verifyHostname only applies to { ca }');
  }
  if (Object.hasOwn(value, 'verifyHostname') && typeof value.verifyHostname !== 'boolean') {
    throw invalid('verifyHostname must be a boolean');
  }
  switch (chosen[0]) {
    case 'ca': {
      const list = Array.isArray(value.ca) ? value.ca : [value.ca];
      if (list.length === 0 || !list.every(isPem)) {
        throw invalid('ca must be a PEM string or bytes, or a non-empty array of them');
      }
      break;
    }
    case 'fingerprint256':
      if (
        typeof value.fingerprint256 !== 'string' ||
        !/^[0-9A-F]{64}$/.test(normaliseFingerprint(value.fingerprint256))
      ) {
        throw invalid('fingerprint256 must be a SHA-256 fingerprint: 64 hex digits, colons optional');
      }
      break;
    case 'insecure':
      if (value.insecure !== true) throw invalid('insecure must be true (or leave it out)');
      break;
  }
  return value as TlsTrust;
}

/** Thrown through the socket when the certificate is not the pinned one; never retried. */
export function pinMismatchError(): ConnectionError {
  return new ConnectionError("The printer's TLS certificate does not match the pinned fingerprint256", {
    operation: 'connect',
    retryable: false,
  });
}

/**
 * Opens a TLS socket with `trust`. With a pin, the socket is corked until the certificate matched;
 * on a mismatch it is destroyed with `pinMismatchError()` and `onPinMismatch` hears it.
 */
export function openTlsSocket(
  host: string,
  port: number,
  trust: TlsTrust,
  onPinMismatch: (error: ConnectionError) => void,
): TLSSocket {
  const servername = trust.servername ?? (isIP(host) ? undefined : host);
  const base: ConnectionOptions = {
    host,
    port,
    maxVersion: trust.maxVersion ?? 'TLSv1.2',
    ...(servername ? { servername } : {}),
  };
  if ('ca' in trust) {
    const ca = (Array.isArray(trust.ca) ? trust.ca : [trust.ca]).map((pem: Pem) =>
      typeof pem === 'string' ? pem : Buffer.from(pem),
    );
    const socket = connect({
      ...base,
      ca,
      rejectUnauthorized: true,
      checkServerIdentity: trust.verifyHostname === false ? () => undefined : checkServerIdentity,
    });
    socket.setNoDelay(true);
    return socket;
  }
  const socket = connect({ ...base, rejectUnauthorized: false });
  socket.setNoDelay(true);
  if ('fingerprint256' in trust) {
    const expected = normaliseFingerprint(trust.fingerprint256);
    // Hold the CONNECT packet (it carries the password) until the certificate is the pinned one,
    // whatever Node's TLS layer does with data written during the handshake.
    socket.cork();
    socket.once('secureConnect', () => {
      const actual = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      if (actual === expected) socket.uncork();
      else {
        const error = pinMismatchError();
        onPinMismatch(error);
        socket.destroy(error);
      }
    });
  }
  return socket;
}

export interface FingerprintOptions {
  /** Default 9883. */
  port?: number;
  servername?: string;
  maxVersion?: TlsVersion;
  /** Default 10 000. */
  timeoutMs?: number;
}

/**
 * Trust on first use: connects to the printer's TLS broker, reads its certificate's SHA-256
 * fingerprint (`AB:CD:…`) and closes without sending a byte of MQTT. Store it and pass it as
 * `tls: { fingerprint256 }` from then on; a later mismatch means another certificate answered.
 */
export function fetchCertificateFingerprint(host: string, options: FingerprintOptions = {}): Promise<string> {
  const port = options.port ?? 9883;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const servername = options.servername ?? (isIP(host) ? undefined : host);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      rejectUnauthorized: false,
      maxVersion: options.maxVersion ?? 'TLSv1.2',
      ...(servername ? { servername } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new ConnectionError(`No TLS handshake with ${host}:${port} within ${timeoutMs} ms`, {
          operation: 'fingerprint',
        }),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.destroy();
      if (fingerprint) resolve(fingerprint);
      else
        reject(new ConnectionError(`${host}:${port} presented no certificate`, { operation: 'fingerprint' }));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new ConnectionError(`TLS to ${host}:${port} failed: ${error.message}`, { operation: 'fingerprint' }),
      );
    });
  });
}
