/**
 * A simulated printer hosted inside the aedes broker's process, without a socket of its own: the
 * real printer's broker is embedded in its firmware (notes, "Brokers": port 2883, "the gkapi embedded
 * broker"), so its commands never cross a network either. Subscriptions and publishes go straight
 * through aedes (`subscribe(topic, deliver, done)` / `publish(packet, done)`), which spares each
 * command two socket hops and the printer's own MQTT encode/decode.
 *
 * What the socket used to give for free is emulated here:
 * - the will: an abrupt loss (`drop()`) publishes the `lastWill` `offline` report, as the broker
 *   would for a dead connection, then the printer rejoins after `reconnectPeriodMs` and announces
 *   itself again; commands sent in between are lost, as they would be;
 * - a clean leave (`close()`) publishes nothing;
 * - the `disconnect` fault closes the client that sent the command, through the broker;
 * - `flush()` waits until aedes has handed every publish so far to its subscribers' sockets.
 */
import type { Aedes, AedesPublishPacket, PublishPacket } from 'aedes';
import type { PrinterSession, PrinterTransport } from './printer-transport.js';

/** aedes stamps the publishing client's id on the packet it delivers (`emitPacket`); its types omit it. */
type SenderStamped = AedesPublishPacket & { clientId?: string };

export interface InProcessTransportOptions {
  aedes: Aedes;
  /** Closes a connected client by id (no-op for an unknown id): the `disconnect` fault. */
  kick(clientId: string): void;
  /** Real ms before the printer rejoins after `drop()`; default 250 (as the mqtt.js transport). */
  reconnectPeriodMs?: number | undefined;
}

export class InProcessTransport implements PrinterTransport {
  readonly #options: InProcessTransportOptions;
  #session: PrinterSession | undefined;
  #connected = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every leave: a join still subscribing when the printer left must not complete. */
  #generation = 0;
  /** Publishes aedes has not finished delivering yet, and who waits for them. */
  #pending = 0;
  #idle: Array<() => void> = [];

  constructor(options: InProcessTransportOptions) {
    this.#options = options;
  }

  get connected(): boolean {
    return this.#connected;
  }

  async open(session: PrinterSession): Promise<void> {
    this.#session = session;
    await this.#join();
  }

  publish(topic: string, payload: string, qos: 0 | 1 = 0): void {
    if (this.#connected) this.#publish(topic, payload, qos);
  }

  flush(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async close(): Promise<void> {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    await this.#leave();
  }

  drop(): void {
    const session = this.#session;
    if (!this.#connected || !session) return;
    void this.#leave();
    const will = session.will();
    this.#publish(will.topic, will.payload, 1);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      void this.#join();
    }, this.#options.reconnectPeriodMs ?? 250);
  }

  cutOff(senderId: string | undefined): void {
    if (senderId !== undefined) this.#options.kick(senderId);
  }

  /** One function for every subscription: aedes keys a subscription by (topic, function). */
  readonly #deliver = (packet: AedesPublishPacket, done: () => void): void => {
    // aedes needs `done` before this returns, or other subscribers of the topic wait.
    done();
    // The printer handles the command on the next turn, once aedes handed it to every subscriber:
    // answering inside this delivery would reach the sender before a client watching the command
    // topics sees the command (a printer over a socket could never be that fast).
    setImmediate(this.#receive, packet);
  };

  readonly #receive = (packet: AedesPublishPacket): void => {
    if (!this.#connected) return; // a delivery racing a leave
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    this.#session?.onMessage(packet.topic, payload, (packet as SenderStamped).clientId);
  };

  readonly #published = (): void => {
    if (--this.#pending > 0) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  };

  #publish(topic: string, payload: string, qos: 0 | 1): void {
    this.#pending++;
    const packet: PublishPacket = { cmd: 'publish', topic, payload, qos, retain: false, dup: false };
    this.#options.aedes.publish(packet, this.#published);
  }

  async #join(): Promise<void> {
    const session = this.#session;
    if (!session || this.#connected) return;
    const generation = this.#generation;
    await Promise.all(
      session.subscriptions.map(
        (topic) =>
          new Promise<void>((resolve) => this.#options.aedes.subscribe(topic, this.#deliver, resolve)),
      ),
    );
    if (generation !== this.#generation || this.#connected) return;
    this.#connected = true;
    session.onReady();
  }

  /** Unsubscribing is idempotent in aedes, so a leave also undoes a join still under way. */
  async #leave(): Promise<void> {
    const session = this.#session;
    this.#generation++;
    if (!session) return;
    this.#connected = false;
    await Promise.all(
      session.subscriptions.map(
        (topic) =>
          new Promise<void>((resolve) => this.#options.aedes.unsubscribe(topic, this.#deliver, resolve)),
      ),
    );
  }
}
