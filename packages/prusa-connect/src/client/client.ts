/**
 * `createPrusaConnectClient(options)`: the typed Prusa Connect REST client. Every method is a one-liner
 * over the generic `request(name, input, options)` and the endpoint table; every method takes
 * `{ signal, timeoutMs, maxRetries }` as its last argument.
 */

import { silentLogger, systemClock, truncateMessage } from '@printkit/core-types';
import {
  type CommandValidationOptions,
  type CommandValidator,
  createCommandValidator,
} from '../protocol/command-validation.js';
import { ConnectRejectedError } from '../protocol/errors.js';
import type {
  AddTeamUserBody,
  CommandKwargs,
  CommandQueuedReply,
  CommandSyncReply,
  CommandsWithoutKwargs,
  CreateUploadBody,
  EventsQuery,
  FilesQuery,
  JobFailureTag,
  JobsQuery,
  PageQuery,
  PrintersQuery,
  QueueAddBody,
  StatsQuery,
  TelemetryQuery,
  UploadsQuery,
} from '../protocol/wire.js';
import { TokenAuth } from '../transport/auth.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../transport/body.js';
import { createDefaultTransport } from '../transport/default-transport.js';
import { createFetchTransport } from '../transport/fetch.js';
import { type IterateOptions, paginate } from '../transport/pagination.js';
import { type CallOptions, createRequester, type Requester } from '../transport/request.js';
import { type PutUploadOptions, putUpload, type UploadFileOptions, uploadFile } from '../transport/upload.js';
import { checkClientOptions, DEFAULT_TIMEOUT_MS, type PrusaConnectClientOptions } from './options.js';

export interface CommandOptions extends CallOptions {
  /** Overrides the client's `validateCommands` for this call. */
  validate?: boolean;
  /** `commands/sync?timeout=` — seconds Connect waits for the printer (uncertain; from the notes). */
  timeoutSeconds?: number;
}

export interface SnapshotOptions extends CallOptions {
  /** Sent as `?printer_uuid=` (the web app does). */
  printerUuid?: string;
  /** The `etag` of the snapshot you hold: Connect answers `notModified` when it is still current. */
  ifNoneMatch?: string;
  /** The `lastModified` of the snapshot you hold (an HTTP date, or a Date). */
  ifModifiedSince?: string | Date;
}

type Without<T, K extends keyof T> = Omit<T, K>;

function splitIterate<Q extends object>(query: (Q & IterateOptions) | undefined) {
  const { pageSize, offset, ...rest } = query ?? ({} as Q & IterateOptions);
  const iterate: IterateOptions = {};
  if (pageSize !== undefined) iterate.pageSize = pageSize;
  if (offset !== undefined) iterate.offset = offset;
  return { iterate, rest };
}

/** `Accept: image/*` and the conditional-request headers of a snapshot or preview. */
function conditionalHeaders(o: SnapshotOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: 'image/*' };
  if (o.ifNoneMatch) headers['if-none-match'] = o.ifNoneMatch;
  if (o.ifModifiedSince) {
    headers['if-modified-since'] =
      typeof o.ifModifiedSince === 'string' ? o.ifModifiedSince : o.ifModifiedSince.toUTCString();
  }
  return headers;
}

export function createPrusaConnectClient(options: PrusaConnectClientOptions = {}) {
  return buildClient(options, []);
}

/**
 * The client, with credentials that are not the access token but must be masked in server text all
 * the same (a camera's `Token` and `Fingerprint`: camera.ts).
 */
export function buildClient(options: PrusaConnectClientOptions, otherSecrets: readonly string[]) {
  const base = checkClientOptions(options);
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  // Policy 2: a caller's transport is the caller's to close; the ones made here are ours.
  const ownsTransport = options.transport === undefined;
  const http =
    options.transport ??
    (options.fetch
      ? createFetchTransport(origin, options.fetch)
      : createDefaultTransport(origin, { connections: options.connections }));
  const auth = new TokenAuth({
    token: options.token,
    getToken: options.getToken,
    refreshToken: options.refreshToken,
    scheme: options.authScheme,
    otherSecrets,
  });
  const request: Requester = createRequester({
    basePath,
    http,
    auth,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    retry: { ...options.retry, maxRetries: options.maxRetries ?? 2 },
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    userAgent: options.userAgent,
  });
  const validation = options.validateCommands;
  const validationOptions: CommandValidationOptions = typeof validation === 'object' ? validation : {};
  const validators = new Map<string, Promise<CommandValidator>>();

  /** The supported-commands checker of a printer, fetched once and cached (a failed fetch is not cached). */
  function validator(
    uuid: string,
    callOptions?: CallOptions & { refresh?: boolean },
  ): Promise<CommandValidator> {
    let cached = callOptions?.refresh ? undefined : validators.get(uuid);
    if (!cached) {
      cached = request('commands.supported', { path: { uuid } }, callOptions).then((supported) =>
        createCommandValidator(supported, validationOptions),
      );
      validators.set(uuid, cached);
      cached.catch(() => validators.delete(uuid));
    }
    return cached;
  }

  async function validateIfAsked(
    uuid: string,
    name: string,
    kwargs: Record<string, unknown>,
    o?: CommandOptions,
  ) {
    const wanted = o?.validate ?? (validation !== undefined && validation !== false);
    if (!wanted) return;
    (await validator(uuid, o)).check(name, kwargs);
  }

  const commands = {
    /** `GET .../supported-commands` */
    supported: (uuid: string, o?: CallOptions) => request('commands.supported', { path: { uuid } }, o),
    /** `GET .../commands`: the same list, where one public SDK reads it. */
    list: (uuid: string, o?: CallOptions) => request('commands.list', { path: { uuid } }, o),
    /** The cached validator of a printer (fetches supported-commands the first time). */
    validator,
    /** `POST .../commands`: queued, returns at once. */
    async send<N extends string>(
      uuid: string,
      name: N,
      kwargs: CommandKwargs<N>,
      o?: CommandOptions,
    ): Promise<CommandQueuedReply> {
      await validateIfAsked(uuid, name, kwargs, o);
      return request('commands.send', { path: { uuid }, body: { command: name, kwargs } }, o);
    },
    /** `POST .../commands/sync`: waits for FINISHED or REJECTED and returns the reply as is. */
    async sync<N extends string>(
      uuid: string,
      name: N,
      kwargs: CommandKwargs<N>,
      o?: CommandOptions,
    ): Promise<CommandSyncReply> {
      await validateIfAsked(uuid, name, kwargs, o);
      const query = o?.timeoutSeconds === undefined ? {} : { timeout: o.timeoutSeconds };
      return request('commands.sync', { path: { uuid }, query, body: { command: name, kwargs } }, o);
    },
    startPrint: (uuid: string, path: string, o?: CommandOptions) => command(uuid, 'START_PRINT', { path }, o),
    pausePrint: (uuid: string, o?: CommandOptions) => command(uuid, 'PAUSE_PRINT', {}, o),
    resumePrint: (uuid: string, o?: CommandOptions) => command(uuid, 'RESUME_PRINT', {}, o),
    stopPrint: (uuid: string, o?: CommandOptions) => command(uuid, 'STOP_PRINT', {}, o),
    cancelObject: (uuid: string, objectId: number, o?: CommandOptions) =>
      command(uuid, 'CANCEL_OBJECT', { object_id: objectId }, o),
    move: (uuid: string, move: CommandKwargs<'MOVE'>, o?: CommandOptions) => command(uuid, 'MOVE', move, o),
    home: (uuid: string, axis = 'XYZ', o?: CommandOptions) => command(uuid, 'HOME', { axis }, o),
    setNozzleTemperature: (uuid: string, celsius: number, o?: CommandOptions) =>
      command(uuid, 'SET_NOZZLE_TEMPERATURE', { nozzle_temperature: celsius }, o),
    setHeatbedTemperature: (uuid: string, celsius: number, o?: CommandOptions) =>
      command(uuid, 'SET_HEATBED_TEMPERATURE', { bed_temperature: celsius }, o),
    setPrinterReady: (uuid: string, o?: CommandOptions) => command(uuid, 'SET_PRINTER_READY', {}, o),
    cancelPrinterReady: (uuid: string, o?: CommandOptions) => command(uuid, 'CANCEL_PRINTER_READY', {}, o),
    setSpeed: (uuid: string, percent: number, o?: CommandOptions) =>
      command(uuid, 'SET_SPEED', { speed: percent }, o),
    setFlow: (uuid: string, percent: number, o?: CommandOptions) =>
      command(uuid, 'SET_FLOW', { flow: percent }, o),
  };

  /**
   * Sends a command and waits for the printer (`commands/sync`). Resolves with the reply when the
   * command FINISHED; rejects with `ConnectRejectedError` (printerCode `REJECTED`) when the printer
   * rejected it, or with the HTTP error (`CONFLICT_COMMAND` 409 when the state does not allow it).
   */
  function command<N extends CommandsWithoutKwargs>(
    uuid: string,
    name: N,
    kwargs?: CommandKwargs<N>,
    o?: CommandOptions,
  ): Promise<CommandSyncReply>;
  function command<N extends string>(
    uuid: string,
    name: N,
    kwargs: CommandKwargs<N>,
    o?: CommandOptions,
  ): Promise<CommandSyncReply>;
  async function command(
    uuid: string,
    name: string,
    kwargs: Record<string, unknown> = {},
    o?: CommandOptions,
  ): Promise<CommandSyncReply> {
    const reply = await commands.sync(uuid, name, kwargs, o);
    const ended = reply.event?.event;
    if (reply.event && (ended === 'REJECTED' || ended === 'FAILED')) {
      // REJECTED: the printer refused it (a missing file, the wrong state); FAILED: it took the
      // command and running it went wrong. Either way its `reason` is what the user needs to read.
      const { reason } = reply.event;
      const state = reply.event.state_raw ?? reply.event.state;
      const printerMessage =
        typeof reason === 'string' && reason !== '' ? truncateMessage(reason) : undefined;
      const verb = ended === 'REJECTED' ? 'rejected' : 'failed';
      const where = typeof state === 'string' ? ` in state ${state}` : '';
      throw new ConnectRejectedError(
        `The printer ${verb} ${name}${where}${printerMessage ? `: ${printerMessage}` : ''}`,
        {
          operation: `command ${name}`,
          printerCode: ended,
          status: 200,
          ...(printerMessage ? { printerMessage, reason: printerMessage } : {}),
        },
      );
    }
    return reply;
  }

  return {
    /** The generic request over the endpoint table, for anything the groups below do not cover. */
    request,
    command,
    commands,

    /** `GET /version.json` (no token) */
    version: (o?: CallOptions) => request('version', {}, o),
    /** `GET /app/printer-types` (no token) */
    printerTypes: (o?: CallOptions) => request('printerTypes', {}, o),
    /** `GET /app/config` (no token) */
    appConfig: (o?: CallOptions) => request('appConfig', {}, o),

    printers: {
      list: (query?: PrintersQuery, o?: CallOptions) => request('printers.list', { query }, o),
      get: (uuid: string, o?: CallOptions) => request('printers.get', { path: { uuid } }, o),
      iterate: (query?: Without<PrintersQuery, 'limit' | 'offset'> & IterateOptions, o?: CallOptions) => {
        const { iterate, rest } = splitIterate(query);
        return paginate(async (offset, limit) => {
          const reply = await request('printers.list', { query: { ...rest, offset, limit } }, o);
          return { items: reply.printers, pager: reply.pager };
        }, iterate);
      },
      /** Recorded telemetry; `from` in Unix seconds, `granularity` in seconds per point. */
      telemetry: (uuid: string, query?: TelemetryQuery, o?: CallOptions) =>
        request('printers.telemetry', { path: { uuid }, query }, o),
      /** Files on their way to the printer (uploads that named it). */
      transfers: (uuid: string, query?: PageQuery, o?: CallOptions) =>
        request('printers.transfers', { path: { uuid }, query }, o),
    },

    jobs: {
      list: (uuid: string, query?: JobsQuery, o?: CallOptions) =>
        request('jobs.list', { path: { uuid }, query }, o),
      /** `GET /app/jobs`: every printer's jobs (team-wide), newest first; each job has its `printer_uuid`. */
      listAll: (query?: JobsQuery, o?: CallOptions) => request('jobs.listTeam', { query }, o),
      iterateAll: (query?: Without<JobsQuery, 'limit' | 'offset'> & IterateOptions, o?: CallOptions) => {
        const { iterate, rest } = splitIterate(query);
        return paginate(async (offset, limit) => {
          const reply = await request('jobs.listTeam', { query: { ...rest, offset, limit } }, o);
          return { items: reply.jobs, pager: reply.pager };
        }, iterate);
      },
      get: (uuid: string, jobId: number, o?: CallOptions) =>
        request('jobs.get', { path: { uuid, jobId } }, o),
      iterate: (
        uuid: string,
        query?: Without<JobsQuery, 'limit' | 'offset'> & IterateOptions,
        o?: CallOptions,
      ) => {
        const { iterate, rest } = splitIterate(query);
        return paginate(async (offset, limit) => {
          const reply = await request('jobs.list', { path: { uuid }, query: { ...rest, offset, limit } }, o);
          return { items: reply.jobs, pager: reply.pager };
        }, iterate);
      },
      /** Tags why a job failed or was stopped (`PATCH .../jobs/{id}`); never retried. */
      patchReason: (
        uuid: string,
        jobId: number,
        reason: { tag: ReadonlyArray<JobFailureTag | (string & {})>; other?: string },
        o?: CallOptions,
      ) => request('jobs.patchReason', { path: { uuid, jobId }, body: { reason } }, o),
    },

    queue: {
      list: (uuid: string, query?: { limit?: number; offset?: number }, o?: CallOptions) =>
        request('queue.list', { path: { uuid }, query }, o),
      iterate: (uuid: string, query?: IterateOptions, o?: CallOptions) =>
        paginate(async (offset, limit) => {
          const reply = await request('queue.list', { path: { uuid }, query: { offset, limit } }, o);
          return { items: reply.planned_jobs, pager: reply.pager };
        }, query),
      add: (uuid: string, job: QueueAddBody, o?: CallOptions) =>
        request('queue.add', { path: { uuid }, body: job }, o),
      remove: (uuid: string, jobId: number, o?: CallOptions) =>
        request('queue.remove', { path: { uuid, jobId } }, o),
    },

    downloadQueue: {
      list: (uuid: string, query?: { limit?: number; offset?: number }, o?: CallOptions) =>
        request('downloadQueue.list', { path: { uuid }, query }, o),
      iterate: (uuid: string, query?: IterateOptions, o?: CallOptions) =>
        paginate(async (offset, limit) => {
          const reply = await request('downloadQueue.list', { path: { uuid }, query: { offset, limit } }, o);
          return { items: reply.planned_jobs, pager: reply.pager };
        }, query),
    },

    events: {
      list: (uuid: string, query?: EventsQuery, o?: CallOptions) =>
        request('events.list', { path: { uuid }, query }, o),
      iterate: (
        uuid: string,
        query?: Without<EventsQuery, 'limit' | 'offset'> & IterateOptions,
        o?: CallOptions,
      ) => {
        const { iterate, rest } = splitIterate(query);
        return paginate(async (offset, limit) => {
          const reply = await request(
            'events.list',
            { path: { uuid }, query: { ...rest, offset, limit } },
            o,
          );
          return { items: reply.events, pager: reply.pager };
        }, iterate);
      },
    },

    files: {
      list: (uuid: string, query?: FilesQuery, o?: CallOptions) =>
        request('files.list', { path: { uuid }, query }, o),
      iterate: (
        uuid: string,
        query?: Without<FilesQuery, 'limit' | 'offset'> & IterateOptions,
        o?: CallOptions,
      ) => {
        const { iterate, rest } = splitIterate(query);
        return paginate(async (offset, limit) => {
          const reply = await request('files.list', { path: { uuid }, query: { ...rest, offset, limit } }, o);
          return { items: reply.files, pager: reply.pager };
        }, iterate);
      },
      /** `DELETE .../files` with `{"files": [paths]}`; never retried. */
      delete: (uuid: string, paths: readonly string[], o?: CallOptions) =>
        request('files.delete', { path: { uuid }, body: { files: paths } }, o),
      /** Team storage (uploaded files), by team id. */
      team: {
        list: (teamId: number, query?: { limit?: number; offset?: number }, o?: CallOptions) =>
          request('files.teamList', { path: { teamId }, query }, o),
        get: (teamId: number, hash: string, o?: CallOptions) =>
          request('files.teamGet', { path: { teamId, hash } }, o),
        download: (teamId: number, hash: string, o?: CallOptions) =>
          request('files.teamDownload', { path: { teamId, hash } }, o),
        /** The preview image (`job_info.preview_url`); `{ notModified }` answers `ifNoneMatch`. */
        preview: (teamId: number, hash: string, o: SnapshotOptions = {}) =>
          request('files.teamPreview', { path: { teamId, hash }, headers: conditionalHeaders(o) }, o),
      },
    },

    storages: {
      list: (uuid: string, o?: CallOptions) => request('storages.list', { path: { uuid } }, o),
    },

    cameras: {
      list: (query?: { limit?: number; offset?: number }, o?: CallOptions) =>
        request('cameras.list', { query }, o),
      forPrinter: (uuid: string, o?: CallOptions) => request('cameras.forPrinter', { path: { uuid } }, o),
      /**
       * Registers a new camera on a printer (`POST .../camera?origin=`); the reply's `token` is what
       * `createConnectCamera` needs. Never retried.
       */
      register: (uuid: string, origin: 'WEB' | 'OTHER' = 'OTHER', o?: CallOptions) =>
        request('cameras.register', { path: { uuid }, query: { origin } }, o),
      /**
       * The last snapshot (`GET /app/cameras/{id}/snapshots/last`). With `ifNoneMatch` /
       * `ifModifiedSince` from an earlier reply, an unchanged image comes back as `{ notModified: true }`
       * without a body.
       */
      snapshot: (cameraId: number, o: SnapshotOptions = {}) => {
        const headers = conditionalHeaders(o);
        const query = o.printerUuid ? { printer_uuid: o.printerUuid } : {};
        return request('cameras.snapshot', { path: { cameraId }, query, headers }, o);
      },
    },

    uploads: {
      /** Step 1 of an upload. */
      create: (teamId: number, body: CreateUploadBody, o?: CallOptions) =>
        request('uploads.create', { path: { teamId }, body }, o),
      /** Step 2: streams the bytes. */
      put: (teamId: number, uploadId: number, data: PutUploadOptions & { filename?: string }) =>
        putUpload(request, teamId, uploadId, data),
      abort: (uploadId: number, o?: CallOptions) => request('uploads.abort', { path: { uploadId } }, o),
      list: (teamId: number, query?: UploadsQuery, o?: CallOptions) =>
        request('uploads.list', { path: { teamId }, query }, o),
      /** Both steps; aborts the upload if the transfer fails. */
      uploadFile: (options: UploadFileOptions) => uploadFile(request, options),
    },

    invitations: {
      list: (o?: CallOptions) => request('invitations.list', {}, o),
    },

    notifications: {
      list: (query?: { limit?: number; offset?: number }, o?: CallOptions) =>
        request('notifications.list', { query }, o),
      unseen: (o?: CallOptions) => request('notifications.unseen', {}, o),
    },

    teams: {
      list: (o?: CallOptions) => request('teams.list', {}, o),
      /** `GET /app/users/teams/{team}`: the team with its members and invitees. */
      get: (teamId: number, o?: CallOptions) => request('teams.get', { path: { teamId } }, o),
      /** `POST /app/teams/{team}/add-user`: invites `email` (read-only unless rights say more); never retried. */
      addUser: (teamId: number, user: AddTeamUserBody, o?: CallOptions) =>
        request('teams.addUser', { path: { teamId }, body: user }, o),
    },

    /** Per-printer statistics over `{ from, to }` (Unix seconds; Connect's default: the last 7 days). */
    stats: {
      printingNotPrinting: (uuid: string, query?: StatsQuery, o?: CallOptions) =>
        request('stats.printingNotPrinting', { path: { uuid }, query }, o),
      materialQuantity: (uuid: string, query?: StatsQuery, o?: CallOptions) =>
        request('stats.materialQuantity', { path: { uuid }, query }, o),
      plannedTasks: (uuid: string, query?: StatsQuery, o?: CallOptions) =>
        request('stats.plannedTasks', { path: { uuid }, query }, o),
      jobsSuccess: (uuid: string, query?: StatsQuery, o?: CallOptions) =>
        request('stats.jobsSuccess', { path: { uuid }, query }, o),
    },

    /**
     * Closes the connection pool the client made; calls still pending fail with `ConnectionError`.
     * An injected `transport` is left open (close it yourself).
     */
    close: async (): Promise<void> => {
      if (ownsTransport) await http.close();
    },
  };
}

export type PrusaConnectClient = ReturnType<typeof buildClient>;
