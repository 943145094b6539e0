/**
 * A hand-written MQTT peer for the tests: plain mqtt.js and topic strings spelled out here (not the
 * mock's topic builder), so a mistake in the mock's topics cannot hide behind the same mistake here.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface Received {
  topic: string;
  raw: string;
  json: Record<string, unknown> | undefined;
}

export interface Report {
  type: string;
  action: string;
  state: string;
  code: number;
  msg: string;
  msgid: string;
  timestamp: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read wire payloads by key
  data: any;
}

export interface Target {
  modelId: number;
  deviceId: string;
}

export function reportTopicOf(target: Target, type: string): string {
  return `anycubic/anycubicCloud/v1/printer/public/${target.modelId}/${target.deviceId}/${type}/report`;
}

export function commandTopicOf(target: Target, root: 'web' | 'slicer', type: string): string {
  return `anycubic/anycubicCloud/v1/${root}/printer/${target.modelId}/${target.deviceId}/${type}`;
}

export class Tester {
  readonly received: Received[] = [];
  readonly #waiters = new Set<() => void>();

  private constructor(
    readonly client: MqttClient,
    readonly target: Target,
  ) {
    client.on('message', (topic, payload) => {
      const raw = payload.toString();
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      this.received.push({ topic, raw, json });
      for (const wake of [...this.#waiters]) wake();
    });
  }

  static async connect(
    broker: { url: string; username?: string | undefined; password?: string | undefined },
    target: Target,
    extra: IClientOptions = {},
  ): Promise<Tester> {
    const client = await mqtt.connectAsync(broker.url, {
      ...extra,
      ...(broker.username === undefined ? {} : { username: broker.username }),
      ...(broker.password === undefined ? {} : { password: broker.password }),
      reconnectPeriod: 0,
      clientId: `tester-${randomUUID()}`,
    });
    await client.subscribeAsync(
      `anycubic/anycubicCloud/v1/printer/public/${target.modelId}/${target.deviceId}/#`,
      {
        qos: 1,
      },
    );
    return new Tester(client, target);
  }

  /** Publishes a command with a fresh msgid; returns the msgid. */
  send(
    root: 'web' | 'slicer',
    type: string,
    action: string,
    data: unknown = null,
    msgid = randomUUID(),
  ): string {
    this.client.publish(
      commandTopicOf(this.target, root, type),
      JSON.stringify({ type, action, msgid, timestamp: Date.now(), data }),
      { qos: 1 },
    );
    return msgid;
  }

  mark(): number {
    return this.received.length;
  }

  reports(since = 0): Report[] {
    return this.received
      .slice(since)
      .filter((m) => m.topic.endsWith('/report') && m.json)
      .map((m) => m.json as unknown as Report);
  }

  acks(since = 0): string[] {
    return this.received
      .slice(since)
      .filter((m) => m.topic.endsWith('/response'))
      .map((m) => String(m.json?.msgid));
  }

  /** Resolves with the first message since `since` that matches, waiting for it if needed. */
  waitFor(predicate: (message: Received) => boolean, since = 0, timeoutMs = 5_000): Promise<Received> {
    return new Promise((resolve, reject) => {
      let index = since;
      const check = () => {
        for (; index < this.received.length; index++) {
          const message = this.received[index]!;
          if (predicate(message)) {
            finish();
            resolve(message);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `no matching message within ${timeoutMs} ms; got ${this.received
              .slice(since)
              .map((m) => m.raw)
              .join('\n')}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  async waitForReport(predicate: (report: Report) => boolean, since = 0, timeoutMs = 5_000): Promise<Report> {
    const message = await this.waitFor(
      (m) => m.topic.endsWith('/report') && m.json !== undefined && predicate(m.json as unknown as Report),
      since,
      timeoutMs,
    );
    return message.json as unknown as Report;
  }

  /** Sends a command and waits for the report that carries its msgid. */
  async request(root: 'web' | 'slicer', type: string, action: string, data: unknown = null): Promise<Report> {
    const since = this.mark();
    const msgid = this.send(root, type, action, data);
    return this.waitForReport((r) => r.msgid === msgid, since);
  }

  async waitForAck(msgid: string, since = 0): Promise<void> {
    await this.waitFor((m) => m.topic.endsWith('/response') && m.json?.msgid === msgid, since);
  }

  async close(): Promise<void> {
    // A client the broker already kicked has nothing to flush; waiting for its end would hang.
    if (!this.client.connected) {
      this.client.end(true);
      return;
    }
    await this.client.endAsync();
  }
}
