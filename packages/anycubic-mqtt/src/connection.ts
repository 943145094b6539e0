/**
 * The MQTT link to the printer's broker, on mqtt.js with a stream this module builds itself so that
 * - TCP_NODELAY is on (Nagle + delayed ACK caps request/response at ~23 round trips/s, DESIGN.md);
 * - TLS (port 9883) always has an explicit trust choice: a CA, a pinned certificate fingerprint, or
 *   an explicit `insecure` flag. A pinned connection holds every outgoing byte (the CONNECT packet
 *   carries the password) until the certificate's fingerprint matched;
 * - reconnects use capped exponential backoff with jitter, and the subscriptions are made again after
 *   every reconnect (the printer's broker keeps clean sessions).
 */
import { randomBytes } from 'node:crypto';
import { isIP, connect as netConnect } from 'node:net';
import {
  checkServerIdentity,
  type ConnectionOptions as TlsConnectionOptions,
  connect as tlsConnect,
} from 'node:tls';
import {
  AuthError,
  ConnectionError,
  type ConnectionState,
  createBackoff,
  type PrintkitError,
  TypedEmitter,
} from '@printkit/core-types';
import { type IClientOptions, type IStream, MqttClient } from 'mqtt';

/** Plain MQTT port of the gkapi broker. */
export const DEFAULT_PORT = 2883;
/** MQTT over TLS ("LAN mode"). */
export const DEFAULT_TLS_PORT = 9883;

type Pem = string | Uint8Array;

/**
 * How to trust the printer's TLS certificate (printers present a self-signed one). There is no
 * default: a TLS connection without one of these is refused when the client is created.
 */
export type TlsTrust =
  | {
      /** Trust this CA (or the printer's own certificate, PEM). */
      ca: Pem | readonly Pem[];
      /** Check that the certificate names the host. Default true; printer certificates rarely name their IP. */
      verifyHostname?: boolean;
      servername?: string;
    }
  | {
      /** The SHA-256 fingerprint of the printer's certificate, hex with or without colons. */
      fingerprint256: string;
      servername?: string;
    }
  | {
      /** Accept any certificate. Encrypts but does not authenticate the printer. */
      insecure: true;
      servername?: string;
    };

export interface ReconnectOptions {
  /** First delay after a drop, ms. Default 500. */
  initialDelayMs?: number;
  /** Longest delay, ms. Default 30 000. */
  maxDelayMs?: number;
}

export interface ConnectionOptions {
  host: string;
  /** Default 2883 (plain) or 9883 (TLS). */
  port?: number;
  username?: string;
  password?: string;
  /** Default: random per instance (a fixed id makes two clients kick each other off). */
  clientId?: string;
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  keepaliveSeconds?: number;
  tls?: TlsTrust;
  /** `false` turns automatic reconnection off. */
  reconnect?: ReconnectOptions | false;
}

export interface ConnectionEvents {
  message: [topic: string, payload: Uint8Array];
  /** After every successful (re)connect, once the subscriptions are in place. */
  connected: [first: boolean];
  /** The link dropped (not after `close()`). */
  disconnected: [];
  state: [state: ConnectionState, previous: ConnectionState];
  error: [error: PrintkitError];
}

/** CONNACK codes that mean the credentials were refused (MQTT 3.1.1: 4, 5; MQTT 5: 134, 135). */
const AUTH_REFUSED = new Set([4, 5, 134, 135]);

function normaliseFingerprint(value: string): string {
  return value.replace(/:/g, '').toUpperCase();
}

/** Throws a `TypeError` for a TLS option without an explicit trust choice. */
export function assertTlsTrust(tls: unknown): asserts tls is TlsTrust | undefined {
  if (tls === undefined) return;
  const value = tls as Record<string, unknown>;
  const choices = [value.ca !== undefined, typeof value.fingerprint256 === 'string', value.insecure === true];
  if (typeof tls !== 'object' || tls === null || choices.filter(Boolean).length !== 1) {
    throw new TypeError(
      'tls needs exactly one trust choice: { ca }, { fingerprint256 } (pinned certificate) or { insecure: true }',
    );
  }
  if (
    typeof value.fingerprint256 === 'string' &&
    !/^[0-9A-F]{64}$/.test(normaliseFingerprint(value.fingerprint256))
  ) {
    throw new TypeError('tls.fingerprint256 must be a SHA-256 fingerprint: 64 hex digits, colons optional');
  }
}

function authError(error: unknown): AuthError | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'number' || !AUTH_REFUSED.has(code)) return undefined;
  return new AuthError('The printer broker refused the username or password', {
    cause: error,
    operation: 'connect',
  });
}

export class MqttConnection {
  readonly clientId: string;
  readonly events = new TypedEmitter<ConnectionEvents>();
  readonly #options: ConnectionOptions;
  readonly #subscriptions: readonly string[];
  readonly #port: number;
  #client: MqttClient | undefined;
  #state: ConnectionState = 'disconnected';
  #everConnected = false;
  #closing = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #backoff;

  constructor(options: ConnectionOptions, subscriptions: readonly string[]) {
    assertTlsTrust(options.tls);
    this.#options = options;
    this.#subscriptions = subscriptions;
    this.#port = options.port ?? (options.tls ? DEFAULT_TLS_PORT : DEFAULT_PORT);
    this.clientId = options.clientId ?? `printkit_${randomBytes(8).toString('hex')}`;
    const reconnect = options.reconnect === false ? {} : (options.reconnect ?? {});
    this.#backoff = createBackoff({
      initialDelayMs: reconnect.initialDelayMs ?? 500,
      maxDelayMs: reconnect.maxDelayMs ?? 30_000,
      jitter: 0.5,
    });
  }

  /** The broker port in use: the option, else 2883 plain or 9883 TLS. */
  get port(): number {
    return this.#port;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get connected(): boolean {
    return this.#state === 'connected';
  }

  /** Connects and subscribes; resolves once the first subscription is in place. */
  open(signal?: AbortSignal): Promise<void> {
    if (this.#closing)
      return Promise.reject(new ConnectionError('The client was closed', { operation: 'connect' }));
    if (this.#client) {
      if (this.connected) return Promise.resolve();
      return new Promise((resolve, reject) => this.#waitForFirst(resolve, reject, signal));
    }
    this.#setState('connecting');
    const client = new MqttClient(() => this.#buildStream(), this.#clientOptions());
    this.#client = client;
    // Handlers are bound to this client object: an abandoned first attempt may still report late.
    client.on('connect', () => this.#onConnect(client));
    client.on('message', (topic, payload) => this.events.emit('message', topic, payload));
    client.on('error', (error) => {
      if (this.#client === client) this.#onError(error);
    });
    client.on('close', () => {
      if (this.#client === client) this.#onClose();
    });
    const opened = new Promise<void>((resolve, reject) => this.#waitForFirst(resolve, reject, signal));
    client.connect();
    return opened;
  }

  /** Publishes one message; rejects with `ConnectionError` when the link is down. */
  /**
   * Publishes; `onError` hears when it could not be delivered. A callback, not a promise: every
   * command passes here, and the caller only ever needs the failure.
   */
  publish(topic: string, payload: string, qos: 0 | 1, onError: (error: ConnectionError) => void): void {
    const client = this.#client;
    if (!client || !this.connected) {
      onError(
        new ConnectionError(
          this.#closing ? 'The client was closed' : `Not connected to the printer (${this.#state})`,
          { operation: 'publish' },
        ),
      );
      return;
    }
    client.publish(topic, payload, { qos }, (error) => {
      if (error) {
        onError(
          new ConnectionError('The command could not be delivered', { cause: error, operation: 'publish' }),
        );
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearTimeout(this.#reconnectTimer);
    const client = this.#client;
    this.#setState('closed');
    // A connect still in progress would otherwise wait for its deadline (or forever without one):
    // the client's close and error events are ignored from here on.
    this.#settleFirst(
      new ConnectionError('The client was closed while connecting', { operation: 'connect' }),
    );
    if (!client) return;
    await new Promise<void>((resolve) => {
      // A graceful DISCONNECT when connected; a dead socket is destroyed at once.
      const timer = setTimeout(() => client.end(true, () => resolve()), 1_000);
      client.end(!client.connected, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #clientOptions(): IClientOptions {
    const { username, password, protocolVersion = 4, keepaliveSeconds = 30 } = this.#options;
    return {
      manualConnect: true,
      clientId: this.clientId,
      protocolVersion,
      clean: true,
      keepalive: keepaliveSeconds,
      // Reconnection is ours (backoff with jitter, fresh stores so nothing is re-sent blindly).
      reconnectPeriod: 0,
      resubscribe: false,
      connectTimeout: 30_000,
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
    };
  }

  #buildStream(): IStream {
    // Both describe one socket: a mismatch on an earlier socket says nothing about this one.
    this.#lastStreamError = undefined;
    this.#pinMismatch = undefined;
    const stream = this.#openSocket();
    // mqtt.js swallows most socket errors (TLS failures among them); keep the last one to explain a close.
    stream.once('error', (error: Error) => {
      this.#lastStreamError = error;
    });
    return stream;
  }

  #openSocket(): IStream & { once(event: 'error', listener: (error: Error) => void): unknown } {
    const { host, tls } = this.#options;
    const port = this.#port;
    if (!tls) return netConnect({ host, port, noDelay: true });

    const servername = tls.servername ?? (isIP(host) ? undefined : host);
    const base: TlsConnectionOptions = { host, port, ...(servername ? { servername } : {}) };
    if ('ca' in tls) {
      const ca = (Array.isArray(tls.ca) ? tls.ca : [tls.ca]).map((pem: Pem) =>
        typeof pem === 'string' ? pem : Buffer.from(pem),
      );
      const socket = tlsConnect({
        ...base,
        ca,
        rejectUnauthorized: true,
        checkServerIdentity: tls.verifyHostname === false ? () => undefined : checkServerIdentity,
      });
      socket.setNoDelay(true);
      return socket;
    }
    const socket = tlsConnect({ ...base, rejectUnauthorized: false });
    socket.setNoDelay(true);
    if ('fingerprint256' in tls) {
      const expected = normaliseFingerprint(tls.fingerprint256);
      // Hold the CONNECT packet (it carries the password) until the certificate is the pinned one,
      // whatever Node's TLS layer does with data written during the handshake.
      socket.cork();
      socket.once('secureConnect', () => {
        const actual = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
        if (actual === expected) socket.uncork();
        else {
          const error = new ConnectionError(
            "The printer's TLS certificate does not match the pinned fingerprint256",
            { operation: 'connect', retryable: false },
          );
          this.#pinMismatch = error;
          socket.destroy(error);
        }
      });
    }
    return socket;
  }

  #pinMismatch: ConnectionError | undefined;
  #lastStreamError: Error | undefined;
  #firstWaiters: Array<{ resolve(): void; reject(error: PrintkitError): void }> = [];

  #waitForFirst(resolve: () => void, reject: (error: PrintkitError) => void, signal?: AbortSignal): void {
    const waiter = {
      resolve: () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      reject: (error: PrintkitError) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    };
    const onAbort = () => {
      this.#firstWaiters = this.#firstWaiters.filter((w) => w !== waiter);
      reject(new ConnectionError('Connecting was aborted', { operation: 'connect', cause: signal?.reason }));
      if (!this.#everConnected && this.#firstWaiters.length === 0) void this.#abandonFirstConnect();
    };
    this.#firstWaiters.push(waiter);
    signal?.addEventListener('abort', onAbort, { once: true });
  }

  async #abandonFirstConnect(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    clearTimeout(this.#reconnectTimer);
    if (this.#state !== 'closed') this.#setState('disconnected');
    await new Promise<void>((resolve) => client?.end(true, () => resolve()) ?? resolve());
  }

  #settleFirst(error?: PrintkitError): void {
    const waiters = this.#firstWaiters;
    this.#firstWaiters = [];
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  #onConnect(client: MqttClient): void {
    if (this.#client !== client) return;
    const first = !this.#everConnected;
    client.subscribe([...this.#subscriptions], { qos: 1 }, (error) => {
      if (this.#client !== client || this.#closing) return;
      if (error) {
        const failure = new ConnectionError('Subscribing to the printer topics failed', {
          cause: error,
          operation: 'subscribe',
        });
        if (first) this.#failFirst(failure);
        else this.events.emit('error', failure);
        client.end(true);
        return;
      }
      this.#everConnected = true;
      this.#backoff.reset();
      this.#setState('connected');
      this.events.emit('connected', first);
      if (first) this.#settleFirst();
    });
  }

  #failFirst(error: PrintkitError): void {
    this.#settleFirst(error);
    void this.#abandonFirstConnect();
  }

  #onError(error: Error): void {
    if (this.#closing) return;
    const auth = authError(error);
    const failure =
      auth ??
      this.#pinMismatch ??
      new ConnectionError(`MQTT connection error: ${error.message}`, { cause: error, operation: 'connect' });
    if (!this.#everConnected) {
      this.#failFirst(failure);
      return;
    }
    this.events.emit('error', failure);
    if (auth || this.#pinMismatch) {
      // Retrying refused credentials or a wrong certificate cannot succeed.
      clearTimeout(this.#reconnectTimer);
      this.#reconnectBlocked = true;
      this.#setState('disconnected');
    }
  }

  #reconnectBlocked = false;

  #onClose(): void {
    if (this.#closing || !this.#client) return;
    if (!this.#everConnected) {
      const cause = this.#lastStreamError;
      this.#failFirst(
        this.#pinMismatch ??
          new ConnectionError(
            cause ? `Could not connect to the printer: ${cause.message}` : 'The broker closed the connection',
            { operation: 'connect', ...(cause ? { cause } : {}) },
          ),
      );
      return;
    }
    const client = this.#client;
    // Forget in-flight QoS 1 publishes: their calls fail now and must not be re-sent after reconnecting.
    for (const id of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(id));
    if (this.#state === 'connected') this.events.emit('disconnected');
    if (this.#options.reconnect === false || this.#reconnectBlocked) {
      this.#setState('disconnected');
      return;
    }
    this.#setState('reconnecting');
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => {
      if (!this.#closing && this.#client === client) client.reconnect();
    }, this.#backoff.next());
  }

  #setState(next: ConnectionState): void {
    const previous = this.#state;
    if (previous === next || previous === 'closed') return;
    this.#state = next;
    this.events.emit('state', next, previous);
  }
}
