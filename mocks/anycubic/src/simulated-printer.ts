/**
 * A simulated Anycubic printer that is an MQTT **client** (mqtt.js), exactly like the real firmware's
 * side of gkapi: it subscribes to its command topics on both the `web` and `slicer` roots, acks every
 * message on the `response` topic, answers with reports, pushes print progress, and registers a
 * `lastWill` `offline` as its MQTT will. Because it is only a client it can join the aedes mock or any
 * real broker (mosquitto).
 */
import type { Socket } from 'node:net';
import {
  createRandom,
  type FaultPlan,
  type PrinterSim,
  type Random,
  type SimSnapshot,
  type SimState,
  type TimerHandle,
} from '@printkit/printer-sim';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { findCommandHandler } from './commands.js';
import { createDeviceState, type DeviceState, type UdiskFile } from './device-state.js';
import { ANYCUBIC_CODES } from './error-codes.js';
import type { CommandContext, ReplyOptions } from './handlers/context.js';
import { type AnycubicModel, anycubicModel } from './models.js';
import { printTransitions } from './print-transitions.js';
import type { PrintTimeUnit, ReportContext } from './reports/context.js';
import { buildReport } from './reports/envelope.js';
import { infoData } from './reports/info.js';
import { printProgressData } from './reports/print.js';
import { lastWillFields, workState } from './reports/status.js';
import { temperatureData } from './reports/temperature.js';
import { COMMAND_ROOTS, commandSubscription, reportTopic, responseTopic } from './topics.js';
import { type CommandMessage, parseCommand } from './wire.js';

export interface SimulatedPrinterOptions {
  /** `mqtt://host:port` or `mqtts://host:port`. */
  brokerUrl: string;
  username?: string;
  password?: string;
  /** Extra mqtt.js options, e.g. `{ ca, rejectUnauthorized }` for an mqtts broker. */
  mqttOptions?: IClientOptions;
  deviceId: string;
  modelId: number;
  sim: PrinterSim;
  /** `printerName` in the info report; default the sim's name. */
  printerName?: string;
  /** The `s` token of `urls.fileUploadurl`. */
  uploadToken: string;
  /** Base of `urls.fileUploadurl` and the video URL, e.g. 'http://127.0.0.1:18910'. */
  httpUrl: string;
  /** Path (and query) of the video stream on `httpUrl`; default '/flv'. */
  videoPath?: string;
  /** Sim ms between pushed print reports while printing (and info pushes with `pushInfo`); default 5000. */
  reportIntervalMs?: number;
  /** Push info and `tempature` reports unasked every `reportIntervalMs` (disputed in the notes); default false. */
  pushInfo?: boolean;
  /** Wire unit of `print_time` / `remain_time`; default 'minutes' (notes). */
  printTimeUnit?: PrintTimeUnit;
  /** ACE units; default 1. */
  aceUnits?: number;
  udiskFiles?: UdiskFile[];
  firmwareVersion?: string;
  /** `ip` in the info report; default the httpUrl's host. */
  ip?: string;
  /** Real ms between reconnect attempts after a lost connection; default 250. */
  reconnectPeriodMs?: number;
  /** Seeds the printer's own ids (msgids of pushed reports); default 1. */
  seed?: number;
}

const BARRIER_TIMEOUT_MS = 5_000;

export class SimulatedAnycubicPrinter implements ReportContext {
  readonly deviceId: string;
  readonly modelId: number;
  readonly model: AnycubicModel;
  readonly printerName: string;
  readonly firmwareVersion: string;
  readonly ip: string;
  readonly sim: PrinterSim;
  readonly device: DeviceState;
  readonly urls: { readonly fileUploadurl: string; readonly rtspUrl: string };
  readonly printTimeUnit: PrintTimeUnit;
  readonly uploadToken: string;
  /** The MQTT client id; unique per printer object so two mocks never kick each other off. */
  readonly clientId: string;

  readonly #options: SimulatedPrinterOptions;
  readonly #random: Random;
  readonly #barrierTopic: string;
  readonly #barriers = new Map<string, () => void>();
  readonly #delayed = new Set<ReturnType<typeof setTimeout>>();
  readonly #unsubscribe: Array<() => void> = [];
  #client: MqttClient | undefined;
  #ticker: TimerHandle | undefined;
  #powered = true;
  #stopped = false;
  #barrierSeq = 0;
  /** A copy of the sim's snapshot, dropped on every `change` event (see `snapshot()`). */
  #snapshot: SimSnapshot | undefined;
  /** Resolves the pending start()/powerOn() once the printer is subscribed and said `online`. */
  #onAnnounced: (() => void) | undefined;

  constructor(options: SimulatedPrinterOptions) {
    this.#options = options;
    this.deviceId = options.deviceId;
    this.modelId = options.modelId;
    this.model = anycubicModel(options.modelId);
    this.sim = options.sim;
    this.printerName = options.printerName ?? options.sim.name;
    this.firmwareVersion = options.firmwareVersion ?? '2.3.5.3';
    this.ip = options.ip ?? new URL(options.httpUrl).hostname;
    this.printTimeUnit = options.printTimeUnit ?? 'minutes';
    this.uploadToken = options.uploadToken;
    this.#random = createRandom(options.seed ?? 1);
    this.clientId = `anycubic-sim-${options.deviceId.slice(0, 8)}-${createRandom(Date.now()).hex(8)}`;
    this.#barrierTopic = `printkit-mock/flush/${this.clientId}`;
    this.device = createDeviceState({
      model: this.model,
      ...(options.aceUnits === undefined ? {} : { aceUnits: options.aceUnits }),
      ...(options.udiskFiles === undefined ? {} : { udiskFiles: options.udiskFiles }),
    });
    const httpUrl = options.httpUrl.replace(/\/$/, '');
    this.urls = {
      fileUploadurl: `${httpUrl}/gcode_upload?s=${options.uploadToken}`,
      rtspUrl: `${httpUrl}${options.videoPath ?? '/flv'}`,
    };
  }

  /**
   * The sim's current snapshot, shared and read-only. `sim.snapshot()` deep-copies on every call; the
   * sim only ever replaces its state in the step that emits `change`, so one copy serves every
   * report until the next `change` (which drops it). Not listening (before start, after stop): a
   * fresh copy each time.
   */
  snapshot(): SimSnapshot {
    if (this.#unsubscribe.length === 0) return this.sim.snapshot();
    this.#snapshot ??= this.sim.snapshot();
    return this.#snapshot;
  }

  get faults(): FaultPlan {
    return this.sim.faults;
  }

  /** Powered on and connected to the broker. */
  get online(): boolean {
    return this.#powered && this.#client?.connected === true;
  }

  get powered(): boolean {
    return this.#powered;
  }

  /** Connects, subscribes and announces `online`; rejects if the broker refuses the connection. */
  async start(): Promise<void> {
    this.#unsubscribe.push(
      this.sim.on('change', () => {
        this.#snapshot = undefined;
      }),
      this.sim.on('state', (next, prev, snapshot) => this.#onSimState(next, prev, snapshot)),
    );
    const interval = this.#options.reportIntervalMs ?? 5000;
    this.#ticker = this.sim.clock.setInterval(() => this.#pushTick(), interval);
    await this.#connect();
  }

  /** Leaves the broker cleanly (no will) and stops all timers. The sim is left as it is. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.sim.clock.clearTimer(this.#ticker);
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#snapshot = undefined;
    for (const timer of this.#delayed) clearTimeout(timer);
    this.#delayed.clear();
    this.#releaseBarriers();
    await this.#disconnect();
  }

  /** Publishes `lastWill` `offline`, leaves the broker and powers the sim off. */
  async powerOff(): Promise<void> {
    if (!this.#powered) return;
    this.#powered = false;
    const client = this.#client;
    if (client?.connected) {
      await client.publishAsync(reportTopic(this, 'lastWill'), this.#json(lastWillFields(false)), { qos: 1 });
    }
    await this.#disconnect();
    this.sim.powerOff();
  }

  /** Powers the sim on, reconnects and announces `online`. */
  async powerOn(): Promise<void> {
    if (this.#powered || this.#stopped) return;
    this.sim.powerOn();
    this.#powered = true;
    await this.#connect();
  }

  /**
   * Destroys the MQTT socket without a DISCONNECT, like a Wi-Fi drop: the broker publishes the will
   * (`offline`), and the printer reconnects by itself and announces `online` again.
   */
  dropConnection(): void {
    const stream = this.#client?.stream;
    if (stream && !stream.destroyed) stream.destroy();
  }

  /**
   * Resolves once everything this printer published so far went through the broker: it publishes a
   * marker to its own private topic and waits for it to come back (brokers keep per-publisher order).
   */
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

  // ---- connection -------------------------------------------------------------------------

  async #connect(): Promise<void> {
    const client = mqtt.connect(this.#options.brokerUrl, {
      clientId: this.clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: this.#options.reconnectPeriodMs ?? 250,
      connectTimeout: 10_000,
      // Stale reports must not be replayed after a reconnect.
      queueQoSZero: false,
      will: {
        topic: reportTopic(this, 'lastWill'),
        payload: Buffer.from(this.#json(lastWillFields(false))),
        qos: 1,
        retain: false,
      },
      ...(this.#options.username === undefined ? {} : { username: this.#options.username }),
      ...(this.#options.password === undefined ? {} : { password: this.#options.password }),
      ...this.#options.mqttOptions,
    });
    this.#client = client;
    client.on('message', (topic, payload) => this.#onMessage(topic, payload));
    // Errors (refused CONNECT, resets) are retried by mqtt.js; the first one fails start() below.
    client.on('error', () => {});
    client.on('close', () => this.#releaseBarriers());
    client.on('connect', () => {
      // Nagle + delayed ACK would hold the report that follows each ack for ~40 ms (DESIGN.md).
      (client.stream as Partial<Socket>).setNoDelay?.(true);
      void this.#announce(client);
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        this.#onAnnounced = undefined;
        client.end(true);
        reject(
          new Error(
            `Simulated printer ${this.deviceId} could not join ${this.#options.brokerUrl}: ${error.message}`,
          ),
        );
      };
      this.#onAnnounced = () => {
        client.off('error', onError);
        resolve();
      };
      client.once('error', onError);
    });
  }

  /** After every (re)connect: subscribe (sessions are clean), then say `online` and the work state. */
  async #announce(client: MqttClient): Promise<void> {
    try {
      await client.subscribeAsync(
        [...COMMAND_ROOTS.map((root) => commandSubscription(root, this)), this.#barrierTopic],
        {
          qos: 1,
        },
      );
      this.#publish('lastWill', lastWillFields(true));
      this.#publishReport('status', 'workReport', workState(this.sim.state), null, { msg: '' });
      const announced = this.#onAnnounced;
      this.#onAnnounced = undefined;
      announced?.();
    } catch {
      // The connection dropped while subscribing; the next 'connect' announces again.
    }
  }

  async #disconnect(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    client.removeAllListeners('message');
    await Promise.race([client.endAsync(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    client.end(true);
  }

  #releaseBarriers(): void {
    for (const release of [...this.#barriers.values()]) release();
  }

  // ---- inbound ----------------------------------------------------------------------------

  #onMessage(topic: string, payload: Buffer): void {
    if (topic === this.#barrierTopic) {
      this.#barriers.get(payload.toString())?.();
      return;
    }
    if (!this.#powered || this.#stopped) return;
    const parsed = parseCommand(payload);
    if (!parsed.ok) {
      // Unparseable commands are acked when they carry a msgid (the printer received them) and
      // otherwise ignored: the notes do not describe an error report for them.
      if (parsed.msgid !== undefined) this.#ack(parsed.msgid);
      return;
    }
    const command = parsed.command;
    const fault = this.sim.faults.take(`${command.type}/${command.action}`);
    if (fault?.kind === 'delay') {
      const timer = setTimeout(() => {
        this.#delayed.delete(timer);
        if (this.#powered && !this.#stopped) this.#handle(command, undefined);
      }, fault.delayMs ?? 0);
      this.#delayed.add(timer);
      return;
    }
    this.#handle(command, fault?.kind === 'auth-failure' ? undefined : fault);
  }

  #handle(command: CommandMessage, fault: ReturnType<FaultPlan['take']>): void {
    if (fault?.kind === 'drop') return;
    if (fault?.kind === 'disconnect') {
      // Over a foreign broker the printer cannot kick the sender; it drops its own connection instead.
      this.dropConnection();
      return;
    }
    if (command.msgid !== undefined) this.#ack(command.msgid);
    if (fault?.kind === 'malformed') {
      this.#client?.publish(
        reportTopic(this, command.type),
        `{"type":"${command.type}","action":"${command.action}",`,
      );
      return;
    }
    const ctx = this.#commandContext(command);
    if (fault?.kind === 'error-reply') {
      const code = Number(fault.code ?? fault.status ?? ANYCUBIC_CODES.invalidState);
      ctx.fail(
        Number.isInteger(code) ? code : ANYCUBIC_CODES.invalidState,
        fault.message ?? 'injected error',
      );
      return;
    }
    const handler = findCommandHandler(command.type, command.action);
    if (!handler) return;
    try {
      handler(ctx);
    } catch (error) {
      // A handler bug must not take the printer down; the caller sees a refusal instead.
      ctx.fail(ANYCUBIC_CODES.invalidState, error instanceof Error ? error.message : String(error));
    }
  }

  #commandContext(command: CommandMessage): CommandContext {
    const msgid = command.msgid ?? this.#random.uuid();
    const reply = (state: string, data: unknown, options: ReplyOptions = {}) =>
      this.#publishReport(command.type, options.action ?? command.action, state, data, {
        msgid,
        ...(options.code === undefined ? {} : { code: options.code }),
        ...(options.msg === undefined ? {} : { msg: options.msg }),
      });
    return {
      printer: this,
      command,
      reply,
      fail: (code, msg) => reply('failed', null, { code, msg }),
    };
  }

  #ack(msgid: string): void {
    this.#client?.publish(responseTopic(this), JSON.stringify({ msgid }));
  }

  // ---- outbound ---------------------------------------------------------------------------

  #onSimState(next: SimState, prev: SimState, snapshot: SimSnapshot): void {
    if (!this.#powered) return;
    for (const transition of printTransitions(next, prev, snapshot)) {
      this.#publishReport('print', transition.action, transition.state, printProgressData(this, snapshot), {
        ...(transition.code === undefined ? {} : { code: transition.code }),
        ...(transition.msg === undefined ? {} : { msg: transition.msg }),
      });
    }
    const work = workState(next);
    if (work !== workState(prev)) this.#publishReport('status', 'workReport', work, null, { msg: '' });
  }

  /** Every `reportIntervalMs`: print progress while printing; info and temperatures with `pushInfo`. */
  #pushTick(): void {
    if (!this.online) return;
    const snapshot = this.snapshot();
    if (snapshot.state === 'printing') {
      this.#publishReport('print', 'start', 'printing', printProgressData(this, snapshot));
    }
    if (this.#options.pushInfo) {
      this.#publishReport('info', 'report', 'done', infoData(this));
      this.#publishReport('tempature', 'auto', 'done', temperatureData(this, snapshot));
    }
  }

  #publishReport(
    type: string,
    action: string,
    state: string,
    data: unknown,
    options: { msgid?: string; code?: number; msg?: string } = {},
  ): void {
    const client = this.#client;
    if (!client?.connected) return;
    const report = buildReport({
      type,
      action,
      state,
      data,
      msgid: options.msgid ?? this.#random.uuid(),
      timestamp: this.sim.clock.now(),
      code: options.code,
      msg: options.msg,
    });
    client.publish(reportTopic(this, type), JSON.stringify(report));
  }

  #publish(
    type: string,
    fields: {
      type: string;
      action: string;
      state: string;
      data: unknown;
      code?: number;
      msg?: string;
      msgid?: string;
    },
  ): void {
    const client = this.#client;
    if (!client?.connected) return;
    client.publish(reportTopic(this, type), this.#json(fields));
  }

  #json(fields: {
    type: string;
    action: string;
    state: string;
    data: unknown;
    code?: number;
    msg?: string;
    msgid?: string;
  }): string {
    return JSON.stringify(
      buildReport({
        ...fields,
        msgid: fields.msgid ?? this.#random.uuid(),
        timestamp: this.sim.clock.now(),
      }),
    );
  }
}
