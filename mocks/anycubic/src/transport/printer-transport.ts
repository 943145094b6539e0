/**
 * How a simulated printer reaches its broker: the seam between the one printer implementation and
 * its two links — in the aedes broker's own process (`InProcessTransport`, what `startMockAnycubic`
 * uses: the real printer's broker is embedded in its firmware) or as an mqtt.js client of any broker
 * (`MqttTransport`, what `attachSimulatedAnycubicPrinter` uses with mosquitto).
 */

/** What the printer gives its transport: what to listen to, its will, and where messages go. */
export interface PrinterSession {
  /** Subscribed again after every (re)join (gkapi sessions are clean). */
  readonly subscriptions: readonly string[];
  /** The `lastWill` `offline` report the broker publishes when the link is lost abruptly. */
  will(): { topic: string; payload: string };
  /** A message on one of the subscriptions; `senderId` is the publishing client's id when known. */
  onMessage(topic: string, payload: Buffer, senderId: string | undefined): void;
  /** After every (re)join, once subscribed: the printer announces itself (`online`, work state). */
  onReady(): void;
}

export interface PrinterTransport {
  /** Joined and subscribed. */
  readonly connected: boolean;
  /**
   * Joins, subscribes, calls `onReady`; resolves after the first `onReady` and rejects (leaving
   * nothing running) if the broker refuses. After an abrupt loss the transport rejoins by itself.
   */
  open(session: PrinterSession): Promise<void>;
  /** Publishes when joined (dropped otherwise, like mqtt.js with `queueQoSZero: false`); QoS 0 by default. */
  publish(topic: string, payload: string, qos?: 0 | 1): void;
  /** Resolves once everything published so far went through the broker. */
  flush(): Promise<void>;
  /** Leaves cleanly: the broker publishes no will. Idempotent; `open` may follow. */
  close(): Promise<void>;
  /** An abrupt loss (no DISCONNECT): the broker publishes the will; the transport rejoins by itself. */
  drop(): void;
  /**
   * The `disconnect` fault: cuts off the client that sent a command. A transport that cannot reach
   * other clients (an mqtt.js client of a foreign broker) drops its own link instead.
   */
  cutOff(senderId: string | undefined): void;
}
