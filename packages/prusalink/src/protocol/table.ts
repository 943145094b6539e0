/**
 * Every PrusaLink endpoint the client knows, in one table (STYLE.md "one table per protocol"): method,
 * path template, how the input becomes a path, headers and body, how the reply is read, and whether
 * the request is idempotent (only those are ever retried). The generic `request()` and every
 * one-liner of the client are built on it, so no path is spelled twice.
 *
 * v1 endpoints: spec/openapi.yaml (Prusa-Link-Web). Legacy endpoints: spec/openapi-legacy.yaml.
 */
import { InvalidArgumentError } from '@printkit/core-types';
import {
  type Decoder,
  decodeCameras,
  decodeFileInfo,
  decodeInfo,
  decodeJob,
  decodeLegacyFiles,
  decodeLegacyJob,
  decodeLegacyPrinter,
  decodeStatus,
  decodeStorageList,
  decodeTransfer,
  decodeVersion,
} from './decode.js';
import type {
  Camera,
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
} from './wire.js';

export interface JobRef {
  /** The job id from `/api/v1/status` or `/api/v1/job`. */
  id: number;
}

export interface FileRef {
  /** Storage as the URL names it: `usb` (Buddy firmware) or `local` / `sdcard` (PrusaLink on a Pi). */
  storage: string;
  /** Path below the storage, `/`-separated, e.g. `examples/cube.gcode`. Empty for the storage itself. */
  path: string;
}

export interface CameraRef {
  /** `camera_id` from `/api/v1/cameras`. */
  id: string;
}

export interface UploadInput extends FileRef {
  /** The whole file. */
  data: Uint8Array;
  /** `Print-After-Upload: ?1`. Default false. */
  printAfterUpload?: boolean;
  /** `Overwrite: ?1`. Default false: an existing file makes the printer answer 409. */
  overwrite?: boolean;
}

export interface DeleteInput extends FileRef {
  /** `Force: ?1`: delete a folder that is not empty. */
  force?: boolean;
}

/** The endpoint table's types: input and result of each endpoint, by name. */
export interface Endpoints {
  /** `GET /api/version` */
  version: { input: undefined; result: Version };
  /** `GET /api/v1/info` */
  info: { input: undefined; result: Info };
  /** `GET /api/v1/status` */
  status: { input: undefined; result: Status };
  /** `GET /api/v1/job`; undefined when there is no job (204). */
  job: { input: undefined; result: Job | undefined };
  /** `PUT /api/v1/job/{id}/pause` */
  pauseJob: { input: JobRef; result: undefined };
  /** `PUT /api/v1/job/{id}/resume` */
  resumeJob: { input: JobRef; result: undefined };
  /** `PUT /api/v1/job/{id}/continue` (after a timelapse capture) */
  continueJob: { input: JobRef; result: undefined };
  /** `DELETE /api/v1/job/{id}` */
  stopJob: { input: JobRef; result: undefined };
  /** `GET /api/v1/storage` */
  storage: { input: undefined; result: StorageList };
  /** `GET /api/v1/transfer`; undefined when nothing is being transferred (204). */
  transfer: { input: undefined; result: Transfer | undefined };
  /** `DELETE /api/v1/transfer/{id}` */
  stopTransfer: { input: JobRef; result: undefined };
  /** `GET /api/v1/files/{storage}/{path}`: a file, or a folder with its children. */
  fileInfo: { input: FileRef; result: FileInfo };
  /** `HEAD /api/v1/files/{storage}/{path}` */
  fileHead: { input: FileRef; result: FileHead };
  /** `PUT /api/v1/files/{storage}/{path}` */
  uploadFile: { input: UploadInput; result: undefined };
  /** `POST /api/v1/files/{storage}/{path}`: print the file. */
  startPrint: { input: FileRef; result: undefined };
  /** `DELETE /api/v1/files/{storage}/{path}` */
  deleteFile: { input: DeleteInput; result: undefined };
  /** `GET /api/v1/cameras` */
  cameras: { input: undefined; result: Camera[] };
  /** `GET /api/v1/cameras/snap`; undefined when there is no image yet (204). */
  snapshot: { input: undefined; result: Snapshot | undefined };
  /** `GET /api/v1/cameras/{id}/snap`: a snapshot from one camera; undefined on 204. */
  cameraSnapshot: { input: CameraRef; result: Snapshot | undefined };
  /** Legacy `GET /api/printer` */
  legacyPrinter: { input: undefined; result: LegacyPrinter };
  /** Legacy `GET /api/job` */
  legacyJob: { input: undefined; result: LegacyJob };
  /** Legacy `POST /api/job` */
  legacyJobCommand: { input: LegacyJobCommand; result: undefined };
  /** Legacy `GET /api/files` */
  legacyFiles: { input: undefined; result: LegacyFiles };
  /** Legacy `POST /api/files/{target}/{path}`: select a file, and print it with `print: true`. */
  legacyFileCommand: { input: LegacyFileCommandInput; result: undefined };
}

export interface LegacyFileCommandInput {
  /** `local` (PrusaLink's storage) or `sdcard`. */
  target: string;
  /** The file's path as `/api/files` lists it, e.g. `PrusaLink gcodes/cube.gcode`. */
  path: string;
  command: 'select';
  /** Start printing it right away. */
  print?: boolean;
}

export type EndpointName = keyof Endpoints;
export type EndpointInput<N extends EndpointName> = Endpoints[N]['input'];
export type EndpointResult<N extends EndpointName> = Endpoints[N]['result'];
export const ENDPOINT_NAMES = [
  'version',
  'info',
  'status',
  'job',
  'pauseJob',
  'resumeJob',
  'continueJob',
  'stopJob',
  'storage',
  'transfer',
  'stopTransfer',
  'fileInfo',
  'fileHead',
  'uploadFile',
  'startPrint',
  'deleteFile',
  'cameras',
  'snapshot',
  'cameraSnapshot',
  'legacyPrinter',
  'legacyJob',
  'legacyJobCommand',
  'legacyFiles',
  'legacyFileCommand',
] as const satisfies readonly EndpointName[];

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/** How a reply is read. `json-or-none`: 204 → undefined. */
export type ReplyKind<T> =
  | { readonly kind: 'json'; readonly decode: Decoder<T> }
  | { readonly kind: 'json-or-none'; readonly decode: Decoder<NonNullable<T>> }
  | { readonly kind: 'none' }
  | { readonly kind: 'head' }
  | { readonly kind: 'image' };

export interface BuiltRequest {
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface EndpointDef<N extends EndpointName> {
  readonly method: HttpMethod;
  /** The path template, e.g. `/api/v1/job/{id}/pause`: names the request in errors and logs. */
  readonly template: string;
  readonly reply: ReplyKind<EndpointResult<N>>;
  /** Builds path, headers and body; throws `InvalidArgumentError` for bad input. */
  build(input: EndpointInput<N>): BuiltRequest;
}

function jobId(input: JobRef | undefined, operation: string): number {
  const id = input?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw new InvalidArgumentError(`${operation}: id must be a non-negative integer, got ${String(id)}`, {
      argument: 'id',
      operation,
    });
  }
  return id;
}

/** `<prefix>/{storage}/{path}` with every segment percent-encoded (prefix `/api/v1/files`, legacy `/api/files`). */
export function filePath(input: FileRef | undefined, operation: string, prefix = '/api/v1/files'): string {
  const storage = input?.storage;
  const path = input?.path;
  if (typeof storage !== 'string' || !/^[^/?#\s]+$/.test(storage)) {
    throw new InvalidArgumentError(`${operation}: storage must be a name such as "usb" or "local"`, {
      argument: 'storage',
      operation,
    });
  }
  if (typeof path !== 'string') {
    throw new InvalidArgumentError(`${operation}: path must be a string`, { argument: 'path', operation });
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes('\0'))) {
    throw new InvalidArgumentError(`${operation}: path must not contain "." or ".." segments or NUL`, {
      argument: 'path',
      operation,
    });
  }
  const encoded = segments.map(encodeURIComponent).join('/');
  return `${prefix}/${encodeURIComponent(storage)}${encoded === '' ? '' : `/${encoded}`}`;
}

const structured = (value: boolean | undefined) => (value ? '?1' : '?0');

const get = <N extends EndpointName>(
  template: string,
  reply: ReplyKind<EndpointResult<N>>,
): EndpointDef<N> => ({
  method: 'GET',
  template,
  reply,
  build: () => ({ path: template, headers: {} }),
});

const jobCommand = <N extends 'pauseJob' | 'resumeJob' | 'continueJob'>(command: string): EndpointDef<N> => ({
  method: 'PUT',
  template: `/api/v1/job/{id}/${command}`,
  reply: { kind: 'none' },
  build: (input) => ({ path: `/api/v1/job/${jobId(input, `${command}Job`)}/${command}`, headers: {} }),
});

const FILES = '/api/v1/files/{storage}/{path}';

export const ENDPOINTS: { readonly [N in EndpointName]: EndpointDef<N> } = {
  version: get('/api/version', { kind: 'json', decode: decodeVersion }),
  info: get('/api/v1/info', { kind: 'json', decode: decodeInfo }),
  status: get('/api/v1/status', { kind: 'json', decode: decodeStatus }),
  job: get('/api/v1/job', { kind: 'json-or-none', decode: decodeJob }),
  pauseJob: jobCommand('pause'),
  resumeJob: jobCommand('resume'),
  continueJob: jobCommand('continue'),
  stopJob: {
    method: 'DELETE',
    template: '/api/v1/job/{id}',
    reply: { kind: 'none' },
    build: (input) => ({ path: `/api/v1/job/${jobId(input, 'stopJob')}`, headers: {} }),
  },
  storage: get('/api/v1/storage', { kind: 'json', decode: decodeStorageList }),
  transfer: get('/api/v1/transfer', { kind: 'json-or-none', decode: decodeTransfer }),
  stopTransfer: {
    method: 'DELETE',
    template: '/api/v1/transfer/{id}',
    reply: { kind: 'none' },
    build: (input) => ({ path: `/api/v1/transfer/${jobId(input, 'stopTransfer')}`, headers: {} }),
  },
  fileInfo: {
    method: 'GET',
    template: FILES,
    reply: { kind: 'json', decode: decodeFileInfo },
    build: (input) => ({ path: filePath(input, 'fileInfo'), headers: {} }),
  },
  fileHead: {
    method: 'HEAD',
    template: FILES,
    reply: { kind: 'head' },
    build: (input) => ({ path: filePath(input, 'fileHead'), headers: {} }),
  },
  uploadFile: {
    method: 'PUT',
    template: FILES,
    reply: { kind: 'none' },
    build: (input) => {
      const path = filePath(input, 'uploadFile');
      if (!(input.data instanceof Uint8Array)) {
        throw new InvalidArgumentError('uploadFile: data must be a Uint8Array', {
          argument: 'data',
          operation: 'uploadFile',
        });
      }
      if (input.path.replace(/\/+$/, '') === '') {
        throw new InvalidArgumentError('uploadFile: path must name a file', {
          argument: 'path',
          operation: 'uploadFile',
        });
      }
      return {
        path,
        headers: {
          'content-type': 'application/octet-stream',
          'print-after-upload': structured(input.printAfterUpload),
          overwrite: structured(input.overwrite),
        },
        body: input.data,
      };
    },
  },
  startPrint: {
    method: 'POST',
    template: FILES,
    reply: { kind: 'none' },
    build: (input) => ({ path: filePath(input, 'startPrint'), headers: {} }),
  },
  deleteFile: {
    method: 'DELETE',
    template: FILES,
    reply: { kind: 'none' },
    build: (input) => ({
      path: filePath(input, 'deleteFile'),
      headers: input.force === undefined ? {} : { force: structured(input.force) },
    }),
  },
  cameras: get('/api/v1/cameras', { kind: 'json', decode: decodeCameras }),
  snapshot: get('/api/v1/cameras/snap', { kind: 'image' }),
  cameraSnapshot: {
    method: 'GET',
    template: '/api/v1/cameras/{id}/snap',
    reply: { kind: 'image' },
    build: (input) => {
      const id = input?.id;
      if (typeof id !== 'string' || !/^[^/?#\s]+$/.test(id)) {
        throw new InvalidArgumentError('cameraSnapshot: id must be a camera_id from cameras()', {
          argument: 'id',
          operation: 'cameraSnapshot',
        });
      }
      return { path: `/api/v1/cameras/${encodeURIComponent(id)}/snap`, headers: {} };
    },
  },
  legacyPrinter: get('/api/printer', { kind: 'json', decode: decodeLegacyPrinter }),
  legacyJob: get('/api/job', { kind: 'json', decode: decodeLegacyJob }),
  legacyJobCommand: {
    method: 'POST',
    template: '/api/job',
    reply: { kind: 'none' },
    build: (input) => {
      const command = (input as { command?: unknown } | undefined)?.command;
      if (command !== 'pause' && command !== 'cancel' && command !== 'start') {
        throw new InvalidArgumentError('legacyJobCommand: command must be pause, cancel or start', {
          argument: 'command',
          operation: 'legacyJobCommand',
        });
      }
      return {
        path: '/api/job',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      };
    },
  },
  legacyFiles: get('/api/files', { kind: 'json', decode: decodeLegacyFiles }),
  legacyFileCommand: {
    method: 'POST',
    template: '/api/files/{target}/{path}',
    reply: { kind: 'none' },
    build: (input) => {
      const path = filePath(
        { storage: input?.target, path: input?.path } as FileRef,
        'legacyFileCommand',
        '/api/files',
      );
      if (input.command !== 'select') {
        throw new InvalidArgumentError('legacyFileCommand: command must be select', {
          argument: 'command',
          operation: 'legacyFileCommand',
        });
      }
      const body = JSON.stringify({ command: 'select', print: input.print === true });
      return { path, headers: { 'content-type': 'application/json' }, body };
    },
  },
};
