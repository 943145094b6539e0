/**
 * The session with the printer's broker, on mqtt.js over a socket `transport/mqtt.ts` builds:
 * connect, reconnect with capped exponential backoff and jitter, and subscribe again after every
 * reconnect (the printer's broker keeps clean sessions).
 *
 * Refusals: credentials refused on the very first connect reject `connect()` (nothing was ever right);
 * refused on a reconnect (a broker restarting, credentials briefly out of step) they are retried with a
 * slower backoff, reported once as an `AuthError` `error` event, and the session recovers as soon as
 * the broker accepts again. A certificate that no longer matches the pin is never retried.
 */
import { randomBytes } from 'node:crypto';
import {
  type Backoff,
  type Clock,
  ConnectionError,
  type ConnectionState,
  createBackoff,
  type Logger,
  type PrintkitError,
  TypedEmitter,
  toPrintkitError,
} from '@printkit/core-types';
import { type IClientOptions, MqttClient } from 'mqtt';
import { authRefusal, type BrokerAddress, type BrokerSocket, openBrokerSocket } from '../transport/mqtt.js';

export interface ReconnectOptions {
  /** First delay after a drop, ms. Default 500. */
  initialDelayMs?: number;
  /** Longest delay, ms. Default 30 000. */
  maxDelayMs?: number;
}

/** A broker login; `host` / `port` override the configured ones when given. */
export interface BrokerLogin {
  readonly host?: string;
  readonly port?: number;
  readonly username: string;
  readonly password: string;
}

/**
 * Run before every connect and reconnect for credentials that rotate (LAN mode's handshake): the
 * login it resolves is used for that attempt only, and kept in memory only.
 */
export type CredentialsProvider = (signal: AbortSignal) => Promise<BrokerLogin>;

export interface SessionOptions extends BrokerAddress {
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly credentials: CredentialsProvider | undefined;
  readonly clientId: string | undefined;
  readonly protocolVersion: 4 | 5;
  readonly keepaliveSeconds: number;
  readonly reconnect: ReconnectOptions | false;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface SessionEvents {
  message: [topic: string, payload: Uint8Array];
  /** After every successful (re)connect, once the subscriptions are in place. */
  connected: [first: boolean];
  /** The link dropped (not after `close()`). */
  disconnected: [];
  state: [state: ConnectionState, previous: ConnectionState];
  error: [error: PrintkitError];
}

/** How much slower reconnects go while the broker refuses the credentials. */
const AUTH_BACKOFF_FACTOR = 4;

export class MqttSession {
  readonly clientId: string;
  readonly events = new TypedEmitter<SessionEvents>();
  readonly #options: SessionOptions;
  readonly #subscriptions: readonly string[];
  readonly #backoff: Backoff;
  readonly #maxDelayMs: number;
  #client: MqttClient | undefined;
  #state: ConnectionState = 'disconnected';
  #everConnected = false;
  #closing = false;
  #reconnectTimer: unknown;
  /** The last refusal of a reconnect, until the broker accepts again (reported once). */
  #authRefused = false;
  #authReported = false;
  #pinMismatch: ConnectionError | undefined;
  #lastStreamError: Error | undefined;
  /** Where and as whom the next attempt connects (a credentials provider may change both). */
  #address: BrokerAddress;
  #login: { username: string | undefined; password: string | undefined };
  /** Aborts a credentials refresh in flight when the session closes. */
  #refresh: AbortController | undefined;
  #refreshReported = false;
  /** A connection failure of the current outage was reported (reset once connected). */
  #outageReported = false;
  #firstWaiters: Array<{ resolve(): void; reject(error: PrintkitError): void }> = [];

  constructor(options: SessionOptions, subscriptions: readonly string[]) {
    this.#options = options;
    this.#subscriptions = subscriptions;
    this.#address = { host: options.host, port: options.port, tls: options.tls };
    this.#login = { username: options.username, password: options.password };
    this.clientId = options.clientId ?? `printkit_${randomBytes(8).toString('hex')}`;
    const reconnect = options.reconnect === false ? {} : options.reconnect;
    this.#maxDelayMs = reconnect.maxDelayMs ?? 30_000;
    this.#backoff = createBackoff({
      initialDelayMs: reconnect.initialDelayMs ?? 500,
      maxDelayMs: this.#maxDelayMs,
      jitter: 0.5,
    });
  }

  get port(): number {
    return this.#address.port;
  }

  /**
   * Every credential this session holds now: the configured login and the one the last credentials
   * refresh (LAN mode's handshake) returned, for redaction. Read it when masking, not once: it rotates.
   */
  get secrets(): string[] {
    const held = [this.#options.password, this.#options.username, this.#login.password, this.#login.username];
    return [...new Set(held.filter((secret): secret is string => !!secret))];
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get connected(): boolean {
    return this.#state === 'connected';
  }

  /** Connects and subscribes; resolves once the first subscription is in place. */
  async open(signal?: AbortSignal): Promise<void> {
    if (this.#closing) throw new ConnectionError('The client was closed', { operation: 'connect' });
    if (this.#client) {
      if (this.connected) return;
      return new Promise((resolve, reject) => this.#waitForFirst(resolve, reject, signal));
    }
    if (this.#options.credentials) {
      // One first handshake at a time: a second connect() while it runs waits for the same one.
      this.#opening ??= this.#openWithCredentials(signal).finally(() => {
        this.#opening = undefined;
      });
      return this.#opening;
    }
    return this.#start(signal);
  }

  #opening: Promise<void> | undefined;

  async #openWithCredentials(signal?: AbortSignal): Promise<void> {
    this.#setState('connecting');
    try {
      await this.#refreshLogin(signal);
    } catch (error) {
      if (this.#state !== 'closed') this.#setState('disconnected');
      throw toPrintkitError(error, 'connect');
    }
    if (this.#closing)
      throw new ConnectionError('The client was closed while connecting', { operation: 'connect' });
    return this.#start(signal);
  }

  /** Runs the credentials provider (aborted by `close()` or `signal`) and takes its login. */
  async #refreshLogin(signal?: AbortSignal): Promise<void> {
    const provider = this.#options.credentials;
    if (!provider) return;
    const refresh = new AbortController();
    this.#refresh = refresh;
    const onAbort = () => refresh.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const login = await provider(refresh.signal);
      this.#address = {
        ...this.#address,
        host: login.host ?? this.#address.host,
        port: login.port ?? this.#address.port,
      };
      this.#login = { username: login.username, password: login.password };
      this.#options.logger.debug('anycubic: credentials refreshed', {
        host: this.#address.host,
        port: this.#address.port,
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (this.#refresh === refresh) this.#refresh = undefined;
    }
  }

  #start(signal?: AbortSignal): Promise<void> {
    this.#setState('connecting');
    const { host, port } = this.#address;
    this.#options.logger.debug('anycubic: connecting', { host, port, tls: this.#options.tls !== undefined });
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
    this.#refresh?.abort(new ConnectionError('The client was closed', { operation: 'connect' }));
    this.#options.clock.clearTimeout(this.#reconnectTimer);
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
    const { protocolVersion, keepaliveSeconds } = this.#options;
    const { username, password } = this.#login;
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

  #buildStream(): BrokerSocket {
    // Both describe one socket: a mismatch on an earlier socket says nothing about this one.
    this.#lastStreamError = undefined;
    this.#pinMismatch = undefined;
    const stream = openBrokerSocket(this.#address, (error) => {
      this.#pinMismatch = error;
    });
    // mqtt.js swallows most socket errors (TLS failures among them); keep the last one to explain a close.
    stream.once('error', (error: Error) => {
      this.#lastStreamError = error;
    });
    return stream;
  }

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
    this.#options.clock.clearTimeout(this.#reconnectTimer);
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
      this.#authRefused = false;
      this.#authReported = false;
      this.#refreshReported = false;
      this.#outageReported = false;
      this.#backoff.reset();
      this.#options.logger.debug(first ? 'anycubic: connected' : 'anycubic: reconnected', {
        clientId: this.clientId,
      });
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
    const auth = authRefusal(error);
    const failure =
      auth ??
      this.#pinMismatch ??
      new ConnectionError(`MQTT connection error: ${error.message}`, { cause: error, operation: 'connect' });
    if (!this.#everConnected) {
      this.#failFirst(failure);
      return;
    }
    if (auth) {
      // Retried (slower) from `#onClose`; said once until the broker accepts again.
      this.#authRefused = true;
      this.#options.logger.debug('anycubic: reconnect refused by the broker (credentials)', {});
      if (this.#authReported) return;
      this.#authReported = true;
    } else if (!this.#pinMismatch) {
      // A printer that is away fails every attempt the same way: said once per outage, not per retry.
      this.#options.logger.debug('anycubic: reconnect failed', { message: failure.message });
      if (this.#outageReported) return;
      this.#outageReported = true;
    }
    this.events.emit('error', failure);
    if (this.#pinMismatch) {
      // A certificate that is no longer the pinned one cannot become right by retrying.
      this.#options.clock.clearTimeout(this.#reconnectTimer);
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
    this.#scheduleReconnect(client);
  }

  #scheduleReconnect(client: MqttClient): void {
    const next = this.#backoff.next();
    const delay = this.#authRefused ? Math.min(this.#maxDelayMs, next * AUTH_BACKOFF_FACTOR) : next;
    this.#options.logger.debug('anycubic: reconnecting', { delayMs: Math.round(delay) });
    this.#options.clock.clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = this.#options.clock.setTimeout(() => void this.#reconnect(client), delay);
  }

  /** One reconnect attempt: fresh credentials first when they rotate, then the MQTT connect. */
  async #reconnect(client: MqttClient): Promise<void> {
    if (this.#closing || this.#client !== client) return;
    if (this.#options.credentials) {
      try {
        await this.#refreshLogin();
      } catch (error) {
        if (this.#closing || this.#client !== client) return;
        // Said once per outage; the printer may be off for a while (its /info and /ctrl answer nothing).
        if (!this.#refreshReported) {
          this.#refreshReported = true;
          this.events.emit('error', toPrintkitError(error));
        }
        this.#scheduleReconnect(client);
        return;
      }
      if (this.#closing || this.#client !== client) return;
      const { username, password } = this.#login;
      if (username !== undefined) client.options.username = username;
      if (password !== undefined) client.options.password = password;
    }
    client.reconnect();
  }

  #setState(next: ConnectionState): void {
    const previous = this.#state;
    if (previous === next || previous === 'closed') return;
    this.#state = next;
    this.events.emit('state', next, previous);
  }
}
