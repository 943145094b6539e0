/**
 * A simulated printer's link as an mqtt.js **client** of any broker (a real mosquitto, or the aedes
 * mock over a socket): the lastWill is a real MQTT will, an abrupt loss is a destroyed socket, and
 * `flush()` is a marker published to a private topic that comes back once the broker forwarded
 * everything before it (brokers keep per-publisher order).
 */
import type { Socket } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { PrinterSession, PrinterTransport } from './printer-transport.js';

export interface MqttTransportOptions {
  /** `mqtt://host:port` or `mqtts://host:port`. */
  brokerUrl: string;
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  /** Extra mqtt.js options, e.g. `{ ca, rejectUnauthorized }` for an mqtts broker. */
  mqttOptions?: IClientOptions | undefined;
  /** Real ms between reconnect attempts after a lost connection; default 250. */
  reconnectPeriodMs?: number | undefined;
  /** Names the printer in the error of a refused join. */
  label: string;
}

/** A flush gives up after this long (a broker that lost the marker must not hang a test). */
const BARRIER_TIMEOUT_MS = 5_000;

export class MqttTransport implements PrinterTransport {
  readonly #options: MqttTransportOptions;
  readonly #barrierTopic: string;
  readonly #barriers = new Map<string, () => void>();
  #barrierSeq = 0;
  #client: MqttClient | undefined;
  /** Resolves the pending open() once the printer is subscribed and announced itself. */
  #onFirstReady: (() => void) | undefined;
  #failOpen: ((error: Error) => void) | undefined;

  constructor(options: MqttTransportOptions) {
    this.#options = options;
    this.#barrierTopic = `printkit-mock/flush/${options.clientId}`;
  }

  get connected(): boolean {
    return this.#client?.connected === true;
  }

  async open(session: PrinterSession): Promise<void> {
    const will = session.will();
    const client = mqtt.connect(this.#options.brokerUrl, {
      clientId: this.#options.clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: this.#options.reconnectPeriodMs ?? 250,
      connectTimeout: 10_000,
      // Stale reports must not be replayed after a reconnect.
      queueQoSZero: false,
      will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: false },
      ...(this.#options.username === undefined ? {} : { username: this.#options.username }),
      ...(this.#options.password === undefined ? {} : { password: this.#options.password }),
      ...this.#options.mqttOptions,
    });
    this.#client = client;
    client.on('message', (topic, payload) => {
      if (topic === this.#barrierTopic) this.#barriers.get(payload.toString())?.();
      else session.onMessage(topic, payload, undefined);
    });
    // Errors (refused CONNECT, resets) are retried by mqtt.js; the first one fails open() below.
    client.on('error', () => {});
    client.on('close', () => this.#releaseBarriers());
    client.on('connect', () => {
      // Nagle + delayed ACK would hold the report that follows each ack for ~40 ms (DESIGN.md).
      (client.stream as Partial<Socket>).setNoDelay?.(true);
      void this.#join(client, session);
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        this.#onFirstReady = undefined;
        this.#failOpen = undefined;
        client.off('error', onError);
        client.end(true);
        reject(
          new Error(`${this.#options.label} could not join ${this.#options.brokerUrl}: ${error.message}`),
        );
      };
      this.#onFirstReady = () => {
        this.#failOpen = undefined;
        client.off('error', onError);
        resolve();
      };
      this.#failOpen = onError;
      client.once('error', onError);
    });
  }

  publish(topic: string, payload: string, qos: 0 | 1 = 0): void {
    const client = this.#client;
    if (client?.connected) client.publish(topic, payload, { qos });
  }

  flush(): Promise<void> {
    const client = this.#client;
    if (!client?.connected) return Promise.resolve();
    const token = String(++this.#barrierSeq);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#barriers.get(token)?.(), BARRIER_TIMEOUT_MS);
      this.#barriers.set(token, () => {
        clearTimeout(timer);
        this.#barriers.delete(token);
        resolve();
      });
      client.publish(this.#barrierTopic, token, { qos: 0 });
    });
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#releaseBarriers();
    if (!client) return;
    client.removeAllListeners('message');
    // Settle an open() still waiting for the first join: nobody will ever see it ready now.
    this.#failOpen?.(new Error('closed before it joined'));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise((resolve) => {
      timer = setTimeout(resolve, 2_000);
    });
    await Promise.race([client.endAsync(), gaveUp]);
    clearTimeout(timer);
    client.end(true);
  }

  /** Destroys the socket without a DISCONNECT, like a Wi-Fi drop; mqtt.js reconnects by itself. */
  drop(): void {
    const stream = this.#client?.stream;
    if (stream && !stream.destroyed) stream.destroy();
  }

  /** A client of a foreign broker cannot kick another client: it drops its own link instead. */
  cutOff(): void {
    this.drop();
  }

  /** After every (re)connect: subscribe (sessions are clean), then let the printer announce itself. */
  async #join(client: MqttClient, session: PrinterSession): Promise<void> {
    try {
      await client.subscribeAsync([...session.subscriptions, this.#barrierTopic], { qos: 1 });
    } catch {
      return; // The connection dropped while subscribing; the next 'connect' joins again.
    }
    if (this.#client !== client) return;
    session.onReady();
    const ready = this.#onFirstReady;
    this.#onFirstReady = undefined;
    ready?.();
  }

  #releaseBarriers(): void {
    for (const release of [...this.#barriers.values()]) release();
  }
}
