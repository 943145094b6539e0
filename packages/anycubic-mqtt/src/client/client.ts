/**
 * `createAnycubicClient(options)`: the protocol client. One generic `command(key, data)` over the
 * command table; every other method is a one-liner over it.
 */
import { randomUUID } from 'node:crypto';
import {
  abortReason,
  type ConnectionState,
  InvalidArgumentError,
  type PrintkitError,
  ProtocolError,
  type RequestOptions,
  redactUrl,
  TypedEmitter,
  withDeadline,
} from '@printkit/core-types';
import { decodeMessage } from '../protocol/decode.js';
import type { LightTypeValue } from '../protocol/models.js';
import {
  type AceFeedData,
  type AceSlotSetting,
  type AxisId,
  type AxisMoveData,
  buildMessage,
  COMMANDS,
  type CommandData,
  type CommandKey,
  type CommandReportType,
  type CommandSpec,
  CURRENT_TASK,
  type IdleTemperatureData,
  isCommandKey,
  type PrintUpdateSettings,
  type Settle,
  type StartPrintData,
} from '../protocol/table.js';
import { createTopics, type Topics } from '../protocol/topics.js';
import type {
  Ack,
  AnyReport,
  FileData,
  FileRecord,
  InfoData,
  LightData,
  MultiColorBoxData,
  PeripherieData,
  RawMessage,
  ReportType,
} from '../protocol/wire.js';
import { type CameraStream, cameraStreamUrl } from '../transport/camera.js';
import { type CommandReply, closedError, RequestTracker } from '../transport/request-tracker.js';
import { type UploadRequestOptions, type UploadResult, uploadFile } from '../transport/upload.js';
import { type AnycubicClientOptions, type ResolvedClientOptions, resolveClientOptions } from './options.js';
import { MqttSession } from './session.js';
import { type AnycubicState, applyReport, createInitialState } from './state.js';

export interface CommandOptions extends RequestOptions {
  /** Overrides what settles the call (see `Settle`); the table's choice by default. */
  settle?: Settle;
}

export interface AnycubicClientEvents {
  /** Every decoded report of a known type. */
  report: [report: AnyReport];
  /** Messages of an unknown type, or a known type with an unknown state (also sent as `report`). */
  raw: [message: RawMessage];
  /** Acks on the `response` topic. */
  ack: [ack: Ack];
  /** The merged state after a report changed it. */
  state: [state: Readonly<AnycubicState>, report: AnyReport];
  connection: [state: ConnectionState, previous: ConnectionState];
  /** Malformed payloads (`ProtocolError`), failed polls, connection trouble outside any call. */
  error: [error: PrintkitError];
}

export type FileStorage = 'local' | 'udisk';

export interface FileListOptions extends CommandOptions {
  path?: string;
  /** Default 1. */
  pageNum?: number;
  /** Default 50. Some firmware answers code 10112 when paging is missing, so it is always sent. */
  pageSize?: number;
}

const ACTIVE_PRINT_STATES: ReadonlySet<string> = new Set([
  'downloading',
  'checking',
  'preheating',
  'auto_leveling',
  'vibrating',
  'flow_calibrating',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'resumed',
  'stopping',
  'updated',
]);

export class AnycubicClient {
  readonly deviceId: string;
  readonly modelId: number;
  readonly host: string;
  readonly topics: Topics;
  readonly #options: ResolvedClientOptions;
  readonly #connection: MqttSession;
  readonly #tracker: RequestTracker;
  readonly #events = new TypedEmitter<AnycubicClientEvents>();
  readonly #state: AnycubicState = createInitialState();
  readonly #timeoutMs: number;
  readonly #pollIntervalMs: number;
  #pollTimer: unknown;
  /** `clock.now()` of the last info or `tempature` report. */
  #lastInfoAt = Number.NEGATIVE_INFINITY;
  #polling = false;
  #closed = false;

  /** Throws `InvalidArgumentError` for invalid options (see `createAnycubicClient`). */
  constructor(options: AnycubicClientOptions) {
    const resolved = resolveClientOptions(options);
    this.#options = resolved;
    this.deviceId = resolved.deviceId;
    this.modelId = resolved.modelId;
    this.host = resolved.session.host;
    this.topics = createTopics({ modelId: this.modelId, deviceId: this.deviceId });
    this.#timeoutMs = resolved.timeoutMs;
    this.#pollIntervalMs = resolved.pollIntervalMs;
    this.#tracker = new RequestTracker(resolved.clock);
    this.#connection = new MqttSession(resolved.session, this.topics.subscriptions);
    const events = this.#connection.events;
    events.on('message', (topic, payload) => this.#onMessage(topic, payload));
    events.on('state', (state, previous) => this.#events.emit('connection', state, previous));
    events.on('error', (error) => this.#emitError(error));
    events.on('connected', () => this.#onConnected());
    events.on('disconnected', () => this.#tracker.failAll((operation) => closedError(operation)));
  }

  /** A random id per instance unless one was given. */
  get clientId(): string {
    return this.#connection.clientId;
  }

  /** The broker port: `options.port`, else 2883 plain or 9883 with TLS. */
  get port(): number {
    return this.#connection.port;
  }

  get connectionState(): ConnectionState {
    return this.#connection.state;
  }

  /** The merged state; updated in place as reports arrive. */
  get state(): Readonly<AnycubicState> {
    return this.#state;
  }

  /** Whether the last known state shows a job on the printer. */
  get isPrinting(): boolean {
    const project = this.#state.info?.project;
    const print = this.#state.print;
    if (print && print.updatedAt >= this.#state.infoUpdatedAt)
      return ACTIVE_PRINT_STATES.has(print.rawState ?? '');
    return project != null && ACTIVE_PRINT_STATES.has(project.state ?? 'printing');
  }

  on<E extends keyof AnycubicClientEvents>(
    event: E,
    listener: (...args: AnycubicClientEvents[E]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** Connects, subscribes, and starts polling. Rejects with `AuthError` for refused credentials. */
  async connect(options: RequestOptions = {}): Promise<void> {
    await withDeadline((signal) => this.#connection.open(signal), {
      timeoutMs: options.timeoutMs ?? this.#options.connectTimeoutMs,
      signal: options.signal,
      operation: 'connect',
    });
  }

  /** Closes the connection; every pending call rejects with `ConnectionError`. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.clock.clearTimeout(this.#pollTimer);
    this.#tracker.failAll((operation) => closedError(operation));
    await this.#connection.close();
  }

  /**
   * Sends one command of the table, typed by its key (`'print/pause'`, `'light/control'`...), and
   * settles as the table says (or `options.settle`): with the answering report, whose type the key
   * decides. An unknown key rejects with `InvalidArgumentError` before anything is sent.
   */
  command<K extends CommandKey>(
    key: K,
    data: CommandData<K>,
    options: CommandOptions = {},
  ): Promise<CommandReply<CommandReportType<K>>> {
    if (!isCommandKey(key)) {
      return Promise.reject(
        new InvalidArgumentError(`Unknown command ${JSON.stringify(String(key))}; see AnycubicCommands`, {
          argument: 'key',
        }),
      );
    }
    return this.#send(COMMANDS[key], data, options) as Promise<CommandReply<CommandReportType<K>>>;
  }

  /**
   * Sends a command that is not in the table (a firmware feature this client does not know yet).
   * Settles on the ack unless `settle: 'report'` and `report` say which report answers it.
   */
  commandRaw(
    command: {
      type: string;
      action: string;
      data: unknown;
      root?: 'web' | 'slicer';
      qos?: 0 | 1;
      report?: ReportType;
      reportActions?: readonly string[];
    },
    options: CommandOptions = {},
  ): Promise<CommandReply> {
    const spec: CommandSpec = {
      type: command.type,
      action: command.action,
      root: command.root ?? 'web',
      qos: command.qos ?? 1,
      settle: options.settle ?? 'ack',
      report: command.report ?? 'info',
      ...(command.reportActions ? { reportActions: command.reportActions } : {}),
    };
    if (!command.report && spec.settle === 'report') {
      return Promise.reject(
        new InvalidArgumentError('commandRaw with settle "report" needs the report type', {
          argument: 'report',
        }),
      );
    }
    if (typeof command.type !== 'string' || command.type === '' || /[/+#]/.test(command.type)) {
      return Promise.reject(
        new InvalidArgumentError('commandRaw needs a type without "/", "+" or "#"', { argument: 'type' }),
      );
    }
    return this.#send(spec, command.data, options);
  }

  // ---- info ---------------------------------------------------------------------------------------

  async queryInfo(options?: CommandOptions): Promise<InfoData> {
    const reply = await this.command('info/query', null, options);
    return reply.report?.data ?? this.#requireInfo();
  }

  // ---- print --------------------------------------------------------------------------------------

  /** Starts printing a file on the printer; a name, or the full `print/start` data. */
  async startPrint(file: string | StartPrintData, options?: CommandOptions): Promise<CommandReply<'print'>> {
    const data: StartPrintData =
      typeof file === 'string' ? { taskid: CURRENT_TASK, filename: file, filetype: 1 } : file;
    return this.command('print/start', data, options);
  }

  pausePrint(options?: CommandOptions & { taskid?: string | number }): Promise<CommandReply<'print'>> {
    return this.command('print/pause', { taskid: options?.taskid ?? this.#jobTaskId() }, options);
  }

  resumePrint(options?: CommandOptions & { taskid?: string | number }): Promise<CommandReply<'print'>> {
    return this.command('print/resume', { taskid: options?.taskid ?? this.#jobTaskId() }, options);
  }

  stopPrint(options?: CommandOptions & { taskid?: string | number }): Promise<CommandReply<'print'>> {
    return this.command('print/stop', { taskid: options?.taskid ?? this.#jobTaskId() }, options);
  }

  /** Changes settings of the running job (an idle printer ignores this silently). */
  updatePrint(
    settings: PrintUpdateSettings,
    options?: CommandOptions & { taskid?: string | number },
  ): Promise<CommandReply<'print'>> {
    const taskid = options?.taskid ?? this.#currentTaskId();
    // A printing printer answers with an `updated` report (or an error code): wait for it. An idle
    // one ignores the command and only acks it.
    const settle = options?.settle ?? (this.isPrinting ? 'report' : 'ack');
    return this.command('print/update', { taskid, settings }, { ...options, settle });
  }

  // ---- temperatures, fan, lights, axes -----------------------------------------------------------------

  /** Idle heater targets (`tempature/set`); while printing use `updatePrint`. */
  setIdleTemperature(
    targets: { nozzle?: number; bed?: number },
    options?: CommandOptions,
  ): Promise<CommandReply<'tempature'>> {
    const data: IdleTemperatureData = {
      type: targets.nozzle !== undefined && targets.bed !== undefined ? 2 : targets.bed !== undefined ? 1 : 0,
      ...(targets.nozzle === undefined ? {} : { target_nozzle_temp: targets.nozzle }),
      ...(targets.bed === undefined ? {} : { target_hotbed_temp: targets.bed }),
    };
    return this.command('tempature/set', data, options);
  }

  setFanSpeed(percent: number, options?: CommandOptions): Promise<CommandReply<'fan'>> {
    return this.command('fan/setSpeed', { fan_speed_pct: percent }, options);
  }

  /** Light `type` 1 head, 2 chamber, 3 camera (see `LightType`). */
  setLight(
    type: LightTypeValue,
    on: boolean,
    options?: CommandOptions & { brightness?: number },
  ): Promise<CommandReply<'light'>> {
    const brightness = on ? (options?.brightness ?? 100) : 0;
    return this.command('light/control', { type, status: on ? 1 : 0, brightness }, options);
  }

  async queryLights(options?: CommandOptions): Promise<LightData[]> {
    const reply = await this.command('light/query', null, options);
    return reply.report?.data?.lights ?? Object.values(this.#state.light);
  }

  moveAxis(move: AxisMoveData, options?: CommandOptions): Promise<CommandReply<'axis'>> {
    return this.command('axis/move', move, options);
  }

  /** Homes an axis (default 5 = XYZ): `axis/move` with `move_type` 2. */
  homeAxis(axis: AxisId = 5, options?: CommandOptions): Promise<CommandReply<'axis'>> {
    return this.command('axis/move', { axis, move_type: 2, distance: 0 }, options);
  }

  /** Releases the steppers. */
  turnOffAxes(options?: CommandOptions): Promise<CommandReply<'axis'>> {
    return this.command('axis/turnOff', null, options);
  }

  queryAxes(options?: CommandOptions): Promise<CommandReply<'axis'>> {
    return this.command('axis/query', null, options);
  }

  // ---- camera -------------------------------------------------------------------------------------

  /** Starts the capture, then returns the FLV URL (nothing is served before `startCapture`). */
  async startCamera(options?: CommandOptions): Promise<CameraStream> {
    await this.command('video/startCapture', null, options);
    return { url: this.cameraUrl, format: 'flv' };
  }

  async stopCamera(options?: CommandOptions): Promise<void> {
    await this.command('video/stopCapture', null, options);
  }

  get cameraUrl(): string {
    return cameraStreamUrl(this.#state, this.host, this.#options.cameraUrl);
  }

  // ---- files --------------------------------------------------------------------------------------

  /** One page of a file list. */
  async listFiles(storage: FileStorage = 'local', options: FileListOptions = {}): Promise<FileData> {
    const data = {
      path: options.path ?? '/',
      page_num: options.pageNum ?? 1,
      page_size: options.pageSize ?? 50,
    };
    const key = storage === 'udisk' ? 'file/listUdisk' : 'file/listLocal';
    const reply = await this.command(key, data, options);
    return reply.report?.data ?? {};
  }

  /** Every page of a file list (stops at a short page, or after 100 pages). */
  async listAllFiles(storage: FileStorage = 'local', options: FileListOptions = {}): Promise<FileRecord[]> {
    const pageSize = options.pageSize ?? 50;
    const records: FileRecord[] = [];
    for (let page = options.pageNum ?? 1, pages = 0; pages < 100; page++, pages++) {
      const data = await this.listFiles(storage, { ...options, pageNum: page, pageSize });
      const batch = data.records ?? [];
      records.push(...batch);
      const total = data.total ?? undefined;
      if (batch.length < pageSize || (total !== undefined && records.length >= total)) break;
    }
    return records;
  }

  async deleteFile(
    storage: FileStorage,
    filename: string,
    options: CommandOptions & { path?: string } = {},
  ): Promise<void> {
    const key = storage === 'udisk' ? 'file/deleteUdisk' : 'file/deleteLocal';
    await this.command(key, { path: options.path ?? '/', filename }, options);
  }

  async fileDetails(storage: FileStorage, filename: string, options?: CommandOptions): Promise<FileData> {
    const reply = await this.command('file/fileDetails', { root: storage, filename }, options);
    return reply.report?.data ?? {};
  }

  /** Uploads a file over HTTP to `info.urls.fileUploadurl` (asks for info first if it is unknown). */
  async uploadFile(
    name: string,
    data: Uint8Array,
    options: UploadRequestOptions = {},
  ): Promise<UploadResult> {
    if (!this.#uploadUrl) await this.queryInfo({ signal: options.signal, timeoutMs: options.timeoutMs });
    const url = this.#uploadUrl;
    if (!url) {
      throw new ProtocolError('The printer did not report an upload URL (info.urls.fileUploadurl)', {
        operation: 'upload',
      });
    }
    const upload = { ...this.#options.upload, ...options, logger: this.#options.logger };
    // The session's current credentials, not the configured ones: LAN mode's rotate per handshake.
    return uploadFile(url, name, data, upload, this.#connection.secrets);
  }

  // ---- peripherals and the multi-colour box (ACE) ------------------------------------------------

  async queryPeripherals(options?: CommandOptions): Promise<PeripherieData> {
    const reply = await this.command('peripherie/query', null, options);
    return reply.report?.data ?? this.#state.peripherie ?? {};
  }

  /** `multiColorBox/getInfo` (a plain `query` gets no answer); returns the merged boxes. */
  async getAceInfo(options?: CommandOptions): Promise<MultiColorBoxData> {
    await this.command('multiColorBox/getInfo', null, options);
    return { multi_color_box: this.#state.multiColorBox };
  }

  setAceSlots(boxId: number, slots: AceSlotSetting[], options?: CommandOptions) {
    return this.command('multiColorBox/setInfo', { multi_color_box: [{ id: boxId, slots }] }, options);
  }

  /** Starts (`status` 1) or stops (0) drying; `duration` in minutes. */
  setAceDrying(
    boxId: number,
    drying: { status: 0 | 1; target_temp?: number; duration?: number },
    options?: CommandOptions,
  ) {
    return this.command(
      'multiColorBox/setDry',
      { multi_color_box: [{ id: boxId, drying_status: drying }] },
      options,
    );
  }

  setAceAutoFeed(boxId: number, on: boolean, options?: CommandOptions) {
    return this.command(
      'multiColorBox/setAutoFeed',
      { multi_color_box: [{ id: boxId, auto_feed: on ? 1 : 0 }] },
      options,
    );
  }

  /** `type` 1 feed, 2 retract, 3 stop. */
  feedFilament(slotIndex: number, type: AceFeedData['feed_status']['type'], options?: CommandOptions) {
    return this.command(
      'multiColorBox/feedFilament',
      { feed_status: { slot_index: slotIndex, type } },
      options,
    );
  }

  // ---- internals ----------------------------------------------------------------------------------

  /**
   * Where a command goes and what its errors call it, made once per spec rather than per call. A
   * WeakMap: the table's specs live as long as the module, `commandRaw`'s are collected with it.
   */
  readonly #routes = new WeakMap<CommandSpec, { topic: string; operation: string }>();

  #route(spec: CommandSpec): { topic: string; operation: string } {
    let route = this.#routes.get(spec);
    if (route === undefined) {
      route = { topic: this.topics.command(spec.root, spec.type), operation: `${spec.type}/${spec.action}` };
      this.#routes.set(spec, route);
    }
    return route;
  }

  /** Not `async`: every command passes here, and the tracker's promise is the answer as it is. */
  #send(spec: CommandSpec, data: unknown, options: CommandOptions): Promise<CommandReply> {
    const { topic, operation } = this.#route(spec);
    if (options.signal?.aborted) return Promise.reject(abortReason(options.signal, operation));
    if (this.#closed) return Promise.reject(closedError(operation));
    const msgid = randomUUID();
    let payload: string;
    try {
      // Before tracking: data that cannot be serialised must not leave a call waiting for its timeout.
      payload = JSON.stringify(buildMessage(spec, data, msgid, this.#options.clock.now()));
    } catch (cause) {
      return Promise.reject(
        new InvalidArgumentError(`${operation}: data cannot be sent as JSON`, {
          cause,
          argument: 'data',
          operation,
        }),
      );
    }
    const reply = this.#tracker.track({
      spec,
      msgid,
      settle: options.settle ?? spec.settle,
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      signal: options.signal,
      operation,
    });
    this.#connection.publish(topic, payload, spec.qos, (error) => this.#tracker.fail(msgid, error));
    return reply;
  }

  #requireInfo(): InfoData {
    if (this.#state.info) return this.#state.info;
    throw new ProtocolError('The printer answered the info query without data', { operation: 'info/query' });
  }

  /**
   * The id pause / resume / stop send: the job's real id from `info.project.task_id` (an integer on
   * LAN firmware) when the printer gave one, else `"-1"` ("the one running", what older clients send).
   */
  #jobTaskId(): string | number {
    const id = this.#state.info?.project?.task_id;
    return typeof id === 'number' || (typeof id === 'string' && id !== '') ? id : CURRENT_TASK;
  }

  #currentTaskId(): string {
    const taskid = this.#state.print?.data.taskid ?? this.#state.info?.project?.taskid;
    return taskid == null ? CURRENT_TASK : String(taskid);
  }

  #onMessage(topic: string, payload: Uint8Array): void {
    const decoded = decodeMessage(this.topics, topic, payload);
    switch (decoded.kind) {
      case 'foreign':
        return;
      case 'error':
        this.#emitError(decoded.error);
        return;
      case 'ack':
        this.#tracker.handleAck(decoded.ack);
        this.#events.emit('ack', decoded.ack);
        return;
      case 'raw':
        this.#events.emit('raw', decoded.raw);
        return;
      case 'report': {
        if (decoded.error) this.#emitError(decoded.error);
        const report = this.#withoutUploadToken(decoded.report);
        const now = this.#options.clock.now();
        if (report.type === 'info' || report.type === 'tempature') this.#lastInfoAt = now;
        if (decoded.raw) this.#events.emit('raw', decoded.raw);
        const changed = applyReport(this.#state, report, now);
        this.#events.emit('report', report);
        if (changed) this.#events.emit('state', this.#state, report);
        this.#tracker.handleReport(report);
      }
    }
  }

  /**
   * Info reports carry the upload URL, whose `s` query authorises uploads: the client keeps it here,
   * and what it hands out (events, `state`, `queryInfo()`) carries the URL redacted.
   */
  #uploadUrl: string | undefined;
  #redactedUploadUrl: string | undefined;

  /**
   * Masks the token in place: the report was parsed for this client and nothing else holds it yet, and
   * in place also masks it in the envelope a `raw` event carries (the same parsed object).
   */
  #withoutUploadToken(report: AnyReport): AnyReport {
    if (report.type !== 'info') return report;
    const urls = report.data?.urls;
    const url = urls?.fileUploadurl;
    if (!urls || typeof url !== 'string') return report;
    // Every info report carries the same URL: redact it once, not per report (the info hot path).
    if (url !== this.#uploadUrl || this.#redactedUploadUrl === undefined) {
      this.#uploadUrl = url;
      this.#redactedUploadUrl = redactUrl(url);
    }
    urls.fileUploadurl = this.#redactedUploadUrl;
    return report;
  }

  #emitError(error: PrintkitError): void {
    this.#options.logger.debug('anycubic: error', { code: error.code, message: error.message });
    this.#events.emit('error', error);
  }

  #onConnected(): void {
    if (this.#pollIntervalMs <= 0 || this.#closed) return;
    this.#poll();
    this.#pollOthers();
    this.#schedulePoll(this.#pollIntervalMs);
  }

  #schedulePoll(delayMs: number): void {
    const { clock } = this.#options;
    clock.clearTimeout(this.#pollTimer);
    if (this.#closed) return;
    this.#pollTimer = clock.setTimeout(() => this.#pollTick(), delayMs);
  }

  /**
   * Polls when info has been missing for a whole interval, else comes back when it will have been:
   * a printer that pushes info (or answers other callers' queries) pushes the poll back; print
   * reports do not, as they carry no temperatures.
   */
  #pollTick(): void {
    const now = this.#options.clock.now();
    const interval = this.#pollIntervalMs;
    if (now - this.#lastInfoAt >= interval) this.#poll();
    if (now - this.#lastOthersAt >= interval) this.#pollOthers();
    const next = Math.min(this.#lastInfoAt, this.#lastOthersAt) + interval - now;
    this.#schedulePoll(next > 0 ? next : interval);
  }

  /** `clock.now()` when the other `pollQueries` kinds were last asked. */
  #lastOthersAt = Number.NEGATIVE_INFINITY;

  /**
   * The other kinds of `pollQueries` (LAN mode's query set), sent without waiting for an answer:
   * printers ignore kinds they lack, and the answers merge into the state like any report.
   */
  #pollOthers(): void {
    this.#lastOthersAt = this.#options.clock.now();
    if (this.#options.pollQueries.length === 0) return;
    for (const key of this.#options.pollQueries) {
      if (key === 'info/query' || !this.#connection.connected) continue;
      const spec = COMMANDS[key];
      const message = JSON.stringify(buildMessage(spec, null, randomUUID(), this.#options.clock.now()));
      this.#connection.publish(this.topics.command(spec.root, spec.type), message, spec.qos, () => {});
    }
  }

  #poll(): void {
    // One poll at a time: an unanswered one times out on its own before the next is sent.
    if (!this.#connection.connected || this.#polling) return;
    this.#polling = true;
    this.queryInfo()
      .catch((error: PrintkitError) => {
        if (!this.#closed && this.#connection.connected) this.#emitError(error);
      })
      .finally(() => {
        this.#polling = false;
      });
  }
}

/**
 * Creates a client; call `connect()` next. Throws `InvalidArgumentError` for invalid options (TLS
 * without exactly one trust choice, a device id with `/`, `+` or `#`, a negative timeout...).
 */
export function createAnycubicClient(options: AnycubicClientOptions): AnycubicClient {
  return new AnycubicClient(options);
}
