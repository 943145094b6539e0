/**
 * `createPrusaLinkClient`: the generic `request(name, input, options)` over the endpoint table, and a
 * one-liner per endpoint. The client owns what it creates (its undici connections) and closes them in
 * `close()`; an injected `fetch` or `dispatcher` stays the caller's.
 */
import { ConnectionError, InvalidArgumentError } from '@printkit/core-types';
import {
  type DeleteInput,
  ENDPOINTS,
  type EndpointInput,
  type EndpointName,
  type EndpointResult,
  type FileRef,
  type LegacyFileCommandInput,
  type UploadInput,
} from '../protocol/table.js';
import type {
  Camera,
  Dialect,
  FileHead,
  FileInfo,
  Info,
  Job,
  LegacyFiles,
  LegacyJob,
  LegacyJobCommand,
  LegacyPrinter,
  Snapshot,
  Status,
  StorageList,
  Transfer,
  Version,
} from '../protocol/wire.js';
import { createDefaultTransport } from '../transport/default-transport.js';
import { DigestSession } from '../transport/digest.js';
import { createFetchTransport } from '../transport/fetch.js';
import type { HttpTransport } from '../transport/http.js';
import { type CallOptions, Requester } from '../transport/request.js';
import { type PrusaLinkClientOptions, resolveClientOptions } from './options.js';
import { detectDialect } from './state.js';

/** `request()`'s arguments: endpoints without input take none. */
export type RequestArgs<N extends EndpointName> =
  EndpointInput<N> extends undefined
    ? [input?: undefined, options?: CallOptions]
    : [input: EndpointInput<N>, options?: CallOptions];

export interface PrusaLinkClient {
  /** The printer's origin, e.g. `http://192.168.1.20` (never with credentials). */
  readonly origin: string;
  /** Any endpoint of the table by name. */
  request<N extends EndpointName>(name: N, ...args: RequestArgs<N>): Promise<EndpointResult<N>>;
  /** The dialect: the option when given, else detected from `/api/version` once and remembered. */
  dialect(options?: CallOptions): Promise<Dialect>;

  version(options?: CallOptions): Promise<Version>;
  info(options?: CallOptions): Promise<Info>;
  status(options?: CallOptions): Promise<Status>;
  /** The current job, or undefined when there is none. */
  job(options?: CallOptions): Promise<Job | undefined>;
  pauseJob(id: number, options?: CallOptions): Promise<void>;
  resumeJob(id: number, options?: CallOptions): Promise<void>;
  continueJob(id: number, options?: CallOptions): Promise<void>;
  stopJob(id: number, options?: CallOptions): Promise<void>;
  storage(options?: CallOptions): Promise<StorageList>;
  transfer(options?: CallOptions): Promise<Transfer | undefined>;
  stopTransfer(id: number, options?: CallOptions): Promise<void>;
  fileInfo(file: FileRef, options?: CallOptions): Promise<FileInfo>;
  fileHead(file: FileRef, options?: CallOptions): Promise<FileHead>;
  uploadFile(upload: UploadInput, options?: CallOptions): Promise<void>;
  startPrint(file: FileRef, options?: CallOptions): Promise<void>;
  deleteFile(file: DeleteInput, options?: CallOptions): Promise<void>;
  cameras(options?: CallOptions): Promise<Camera[]>;
  /** A snapshot of the default camera, or undefined when it has none yet. */
  snapshot(options?: CallOptions): Promise<Snapshot | undefined>;
  /** A snapshot of one camera (`camera_id` from `cameras()`), or undefined when it has none yet. */
  cameraSnapshot(id: string, options?: CallOptions): Promise<Snapshot | undefined>;

  legacyPrinter(options?: CallOptions): Promise<LegacyPrinter>;
  legacyJob(options?: CallOptions): Promise<LegacyJob>;
  legacyJobCommand(command: LegacyJobCommand, options?: CallOptions): Promise<void>;
  legacyFiles(options?: CallOptions): Promise<LegacyFiles>;
  legacyFileCommand(command: LegacyFileCommandInput, options?: CallOptions): Promise<void>;

  /** Settles every pending call and closes the connections the client made. Idempotent. */
  close(): Promise<void>;
}

export function createPrusaLinkClient(options: PrusaLinkClientOptions): PrusaLinkClient {
  const resolved = resolveClientOptions(options);
  const transport: HttpTransport = resolved.fetch
    ? createFetchTransport(resolved.origin, resolved.fetch)
    : createDefaultTransport(resolved.origin, {
        connections: resolved.connections,
        dispatcher: resolved.dispatcher,
      });
  const closed = new AbortController();
  const digest =
    resolved.apiKey === undefined && resolved.password !== undefined
      ? new DigestSession(resolved.username, resolved.password)
      : undefined;
  const requester = new Requester({
    origin: resolved.origin,
    transport,
    digest,
    apiKey: resolved.apiKey,
    secrets: [resolved.password, resolved.apiKey],
    timeoutMs: resolved.timeoutMs,
    maxRetries: resolved.maxRetries,
    logger: resolved.logger,
    clock: resolved.clock,
    closed: closed.signal,
  });
  let dialect: Promise<Dialect> | undefined =
    resolved.dialect === 'auto' ? undefined : Promise.resolve(resolved.dialect);

  function request<N extends EndpointName>(name: N, ...args: RequestArgs<N>): Promise<EndpointResult<N>> {
    const [input, callOptions] = args;
    if (!Object.hasOwn(ENDPOINTS, name)) {
      return Promise.reject(
        new InvalidArgumentError(`Unknown PrusaLink endpoint ${String(name)}`, {
          argument: 'name',
          operation: 'request',
        }),
      );
    }
    return requester.call(ENDPOINTS[name] as never, input, callOptions);
  }
  const call = request as <N extends EndpointName>(
    name: N,
    input?: unknown,
    options?: CallOptions,
  ) => Promise<EndpointResult<N>>;
  const done = async () => {};

  return {
    origin: resolved.origin,
    request,
    dialect(callOptions) {
      if (dialect) return dialect;
      const detecting = call('version', undefined, callOptions).then((version) => detectDialect(version));
      dialect = detecting;
      // A failed detection is not remembered: the next call asks again.
      detecting.catch(() => {
        if (dialect === detecting) dialect = undefined;
      });
      return detecting;
    },
    version: (o) => call('version', undefined, o),
    info: (o) => call('info', undefined, o),
    status: (o) => call('status', undefined, o),
    job: (o) => call('job', undefined, o),
    pauseJob: (id, o) => call('pauseJob', { id }, o).then(done),
    resumeJob: (id, o) => call('resumeJob', { id }, o).then(done),
    continueJob: (id, o) => call('continueJob', { id }, o).then(done),
    stopJob: (id, o) => call('stopJob', { id }, o).then(done),
    storage: (o) => call('storage', undefined, o),
    transfer: (o) => call('transfer', undefined, o),
    stopTransfer: (id, o) => call('stopTransfer', { id }, o).then(done),
    fileInfo: (file, o) => call('fileInfo', file, o),
    fileHead: (file, o) => call('fileHead', file, o),
    uploadFile: (upload, o) => call('uploadFile', upload, o).then(done),
    startPrint: (file, o) => call('startPrint', file, o).then(done),
    deleteFile: (file, o) => call('deleteFile', file, o).then(done),
    cameras: (o) => call('cameras', undefined, o),
    snapshot: (o) => call('snapshot', undefined, o),
    cameraSnapshot: (id, o) => call('cameraSnapshot', { id }, o),
    legacyPrinter: (o) => call('legacyPrinter', undefined, o),
    legacyJob: (o) => call('legacyJob', undefined, o),
    legacyJobCommand: (command, o) => call('legacyJobCommand', command, o).then(done),
    legacyFiles: (o) => call('legacyFiles', undefined, o),
    legacyFileCommand: (command, o) => call('legacyFileCommand', command, o).then(done),
    async close() {
      if (closed.signal.aborted) return;
      closed.abort(new ConnectionError('The PrusaLink client was closed', { operation: 'close' }));
      await transport.close();
    },
  };
}
