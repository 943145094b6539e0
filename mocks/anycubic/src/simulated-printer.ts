/**
 * A simulated Anycubic printer, the firmware's side of gkapi: it listens to its command topics on
 * both the `web` and `slicer` roots, acks every message on the `response` topic, answers with
 * reports, pushes print progress, and says `lastWill` `online` / `offline`. How it reaches the broker
 * is its transport's business (see `transport/printer-transport.ts`): hosted inside the aedes mock's
 * process like the real printer's embedded broker, or as an mqtt.js client of any broker (mosquitto).
 */
import {
  createRandom,
  type FaultPlan,
  type PrinterSim,
  type Random,
  type SimSnapshot,
  type SimState,
  type TimerHandle,
} from '@printkit/printer-sim';
import type { IClientOptions } from 'mqtt';
import { findCommandHandler } from './commands.js';
import { createDeviceState, type DeviceState, type UdiskFile } from './device-state.js';
import { ANYCUBIC_CODES } from './error-codes.js';
import type { CommandContext, ReplyOptions } from './handlers/context.js';
import { type AnycubicModel, anycubicModel } from './models.js';
import { printTransitions } from './print-transitions.js';
import type { PrintTimeUnit, ReportContext } from './reports/context.js';
import { buildReport } from './reports/envelope.js';
import { infoData } from './reports/info.js';
import { takeDryStatusUpdate } from './reports/multi-color-box.js';
import { printProgressData } from './reports/print.js';
import { lastWillFields, workState } from './reports/status.js';
import { temperatureData } from './reports/temperature.js';
import { COMMAND_ROOTS, commandSubscription, reportTopic, responseTopic } from './topics.js';
import { MqttTransport } from './transport/mqtt-transport.js';
import type { PrinterSession, PrinterTransport } from './transport/printer-transport.js';
import { type CommandMessage, parseCommand } from './wire.js';

export interface SimulatedPrinterOptions {
  /**
   * How the printer reaches its broker. Default: an mqtt.js client of `brokerUrl` (`MqttTransport`).
   * `startMockAnycubic` hosts its printers in the broker's process (`InProcessTransport`).
   */
  transport?: PrinterTransport;
  /** `mqtt://host:port` or `mqtts://host:port`; needed without `transport`. */
  brokerUrl?: string;
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
  /** Path (and query) of the video stream on `httpUrl`; default '/flv'. Ignored with `rtspUrl`. */
  videoPath?: string;
  /** The whole camera URL for `info.urls.rtspUrl` (a camera server of its own, e.g. `:18088/flv`). */
  rtspUrl?: string;
  /** The `<token>` of the camera's `/live/<token>` URL; default 32 characters drawn from the seed. */
  videoToken?: string;
  /** Sim ms between pushed print reports while printing (and info pushes with `pushInfo`); default 5000. */
  reportIntervalMs?: number;
  /** Push info and `tempature` reports unasked every `reportIntervalMs` (disputed in the notes); default false. */
  pushInfo?: boolean;
  /** Wire unit of `print_time` / `remain_time`; default 'minutes' (notes). */
  printTimeUnit?: PrintTimeUnit;
  /** ACE units; default 1. */
  aceUnits?: number;
  udiskFiles?: UdiskFile[];
  /** A camera fitted (`peripherie` says camera 1); default true. */
  camera?: boolean;
  firmwareVersion?: string;
  /** `ip` in the info report; default the httpUrl's host. */
  ip?: string;
  /** Real ms between reconnect attempts after a lost connection (mqtt.js transport); default 250. */
  reconnectPeriodMs?: number;
  /** Seeds the printer's own ids (msgids of pushed reports); default 1. */
  seed?: number;
}

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
  /** The `<token>` of `/live/<token>` (not the upload token: a camera URL must not authorise uploads). */
  readonly videoToken: string;
  /** The MQTT client id (mqtt.js transport); unique per printer object so two mocks never kick each other off. */
  readonly clientId: string;

  readonly #options: SimulatedPrinterOptions;
  readonly #random: Random;
  readonly #transport: PrinterTransport;
  readonly #session: PrinterSession;
  readonly #delayed = new Set<ReturnType<typeof setTimeout>>();
  readonly #unsubscribe: Array<() => void> = [];
  #ticker: TimerHandle | undefined;
  #powered = true;
  #stopped = false;
  /** A copy of the sim's snapshot, dropped on every `change` event (see `snapshot()`). */
  #snapshot: SimSnapshot | undefined;

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
    // Its own stream, so the msgids drawn from the seed stay what they were before cameras had tokens.
    this.videoToken = options.videoToken ?? createRandom((options.seed ?? 1) + 0x5eed).hex(32);
    this.clientId = `anycubic-sim-${options.deviceId.slice(0, 8)}-${createRandom(Date.now()).hex(8)}`;
    this.device = createDeviceState({
      model: this.model,
      ...(options.aceUnits === undefined ? {} : { aceUnits: options.aceUnits }),
      ...(options.udiskFiles === undefined ? {} : { udiskFiles: options.udiskFiles }),
      ...(options.camera === undefined ? {} : { camera: options.camera }),
    });
    const httpUrl = options.httpUrl.replace(/\/$/, '');
    this.urls = {
      fileUploadurl: `${httpUrl}/gcode_upload?s=${options.uploadToken}`,
      rtspUrl: options.rtspUrl ?? `${httpUrl}${options.videoPath ?? '/flv'}`,
    };
    this.#transport = options.transport ?? this.#mqttTransport(options);
    this.#session = {
      subscriptions: COMMAND_ROOTS.map((root) => commandSubscription(root, this)),
      will: () => ({ topic: reportTopic(this, 'lastWill'), payload: this.#json(lastWillFields(false)) }),
      onMessage: (_topic, payload, senderId) => this.#onMessage(payload, senderId),
      onReady: () => this.#announce(),
    };
  }

  #mqttTransport(options: SimulatedPrinterOptions): PrinterTransport {
    if (options.brokerUrl === undefined) {
      throw new TypeError('A simulated printer needs a brokerUrl or a transport');
    }
    return new MqttTransport({
      brokerUrl: options.brokerUrl,
      clientId: this.clientId,
      username: options.username,
      password: options.password,
      mqttOptions: options.mqttOptions,
      reconnectPeriodMs: options.reconnectPeriodMs,
      label: `Simulated printer ${options.deviceId}`,
    });
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
    return this.#powered && this.#transport.connected;
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
    await this.#transport.open(this.#session);
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
    await this.#transport.close();
  }

  /** Publishes `lastWill` `offline`, leaves the broker and powers the sim off. */
  async powerOff(): Promise<void> {
    if (!this.#powered) return;
    this.#powered = false;
    this.#transport.publish(reportTopic(this, 'lastWill'), this.#json(lastWillFields(false)), 1);
    await this.#transport.flush();
    await this.#transport.close();
    this.sim.powerOff();
  }

  /** Powers the sim on, reconnects and announces `online`. */
  async powerOn(): Promise<void> {
    if (this.#powered || this.#stopped) return;
    this.sim.powerOn();
    this.#powered = true;
    await this.#transport.open(this.#session);
  }

  /**
   * Loses the link abruptly, like a Wi-Fi drop (no DISCONNECT): the broker publishes the will
   * (`offline`), and the printer rejoins by itself and announces `online` again.
   */
  dropConnection(): void {
    this.#transport.drop();
  }

  /** Resolves once everything this printer published so far went through the broker. */
  flush(): Promise<void> {
    return this.#transport.flush();
  }

  /** After every (re)join (sessions are clean): say `online` and the work state. */
  #announce(): void {
    this.#publish('lastWill', lastWillFields(true));
    this.#publishReport('status', 'workReport', workState(this.sim.state), null, { msg: '' });
  }

  // ---- inbound ----------------------------------------------------------------------------

  #onMessage(payload: Buffer, senderId: string | undefined): void {
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
        if (this.#powered && !this.#stopped) this.#handle(command, undefined, senderId);
      }, fault.delayMs ?? 0);
      this.#delayed.add(timer);
      return;
    }
    this.#handle(command, fault?.kind === 'auth-failure' ? undefined : fault, senderId);
  }

  #handle(command: CommandMessage, fault: ReturnType<FaultPlan['take']>, senderId: string | undefined): void {
    if (fault?.kind === 'drop') return;
    if (fault?.kind === 'disconnect') {
      // In the broker's process: the sender is kicked off. Over a foreign broker the printer cannot
      // kick anyone and drops its own connection instead.
      this.#transport.cutOff(senderId);
      return;
    }
    if (command.msgid !== undefined) this.#ack(command.msgid);
    if (fault?.kind === 'malformed') {
      this.#transport.publish(
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
      push: (action, state, data) => this.#publishReport(command.type, action, state, data),
    };
  }

  #ack(msgid: string): void {
    this.#transport.publish(responseTopic(this), JSON.stringify({ msgid }));
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
      if (this.model.printingNoise) this.#publishNoise();
    }
    if (this.#options.pushInfo) {
      this.#publishReport('info', 'report', 'done', infoData(this));
      this.#publishReport('tempature', 'auto', 'done', temperatureData(this, snapshot));
    }
    const drying = takeDryStatusUpdate(this);
    if (drying) this.#publishReport('multiColorBox', 'autoUpdateDryStatus', 'success', drying);
  }

  /**
   * What a Kobra X sends while printing besides its reports (~240 in two minutes, Nino PROTOCOL.md §5):
   * a message whose `type` is empty, and a bare `{"msgid":""}` ack. Their other fields are not
   * documented; the mock's are a guess. Clients must ignore both.
   */
  #publishNoise(): void {
    if (!this.#transport.connected) return;
    const empty = {
      type: '',
      action: '',
      timestamp: this.sim.clock.now(),
      msgid: this.#random.uuid(),
      data: null,
    };
    this.#transport.publish(reportTopic(this, 'print'), JSON.stringify(empty));
    this.#transport.publish(responseTopic(this), JSON.stringify({ msgid: '' }));
  }

  #publishReport(
    type: string,
    action: string,
    state: string,
    data: unknown,
    options: { msgid?: string; code?: number; msg?: string } = {},
  ): void {
    if (!this.#transport.connected) return;
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
    this.#transport.publish(reportTopic(this, type), JSON.stringify(report));
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
    if (!this.#transport.connected) return;
    this.#transport.publish(reportTopic(this, type), this.#json(fields));
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
