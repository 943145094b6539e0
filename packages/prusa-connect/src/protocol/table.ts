/**
 * Every Connect endpoint the client knows, in one table (STYLE.md "one table per protocol"): method,
 * path template, query and body types, the reply's schema, whether it needs the token and whether it
 * is idempotent (only idempotent requests are ever retried). Adding an endpoint is one entry here; the
 * generic `request()` in transport.ts and the resource groups in client.ts are built on this table, so
 * no path is spelled twice.
 */
import type * as z from 'zod/mini';
import type { HttpBody, HttpMethod } from '../transport/http.js';
import { leniencyOf } from './lenient.js';
import { CameraListSchema, CameraSchema } from './schemas-cameras.js';
import {
  CommandQueuedReplySchema,
  CommandSyncReplySchema,
  SupportedCommandsSchema,
} from './schemas-commands.js';
import { EventListSchema } from './schemas-events.js';
import { FileListSchema, PrinterFileSchema, StorageListSchema, TeamFileListSchema } from './schemas-files.js';
import { JobListSchema, JobSchema } from './schemas-jobs.js';
import {
  AnyReplySchema,
  AppConfigSchema,
  InvitationsSchema,
  NotificationsSchema,
  PrinterTypeListSchema,
  TeamSchema,
  TeamsSchema,
  UnseenNotificationsSchema,
  VersionSchema,
} from './schemas-misc.js';
import { PrinterListSchema, PrinterSchema, TelemetrySchema, TransferListSchema } from './schemas-printer.js';
import { QueueSchema } from './schemas-queue.js';
import {
  JobsSuccessSchema,
  MaterialQuantitySchema,
  PlannedTasksSchema,
  PrintingNotPrintingSchema,
} from './schemas-stats.js';
import { UploadedFileSchema, UploadListSchema, UploadSchema } from './schemas-uploads.js';
import type {
  AddTeamUserBody,
  CameraInfoBody,
  CommandBody,
  CreateUploadBody,
  DeleteFilesBody,
  EventsQuery,
  FilesQuery,
  JobReasonBody,
  JobsQuery,
  PageQuery,
  PrintersQuery,
  QueueAddBody,
  StatsQuery,
  TelemetryQuery,
  UploadsQuery,
} from './wire.js';

/** How a reply body is read. `finish` applies the lenient enums (lenient.ts) to a validated value. */
export interface JsonReplySpec {
  readonly kind: 'json';
  readonly schema: z.ZodMiniType;
  readonly finish?: (value: object) => unknown;
}

export type ReplySpec = JsonReplySpec | { readonly kind: 'empty' } | { readonly kind: 'binary' };

/** A binary reply (camera snapshot, team file). `notModified` answers a conditional request (304). */
export type BinaryReply =
  | {
      notModified: false;
      data: Uint8Array;
      contentType: string;
      etag?: string;
      /** The `Last-Modified` header as sent (an HTTP date). */
      lastModified?: string;
    }
  | { notModified: true; etag?: string; lastModified?: string };

export interface EndpointDefinition<Path extends string = string> {
  readonly method: HttpMethod;
  readonly path: Path;
  readonly reply: ReplySpec;
  /** Sends the token. False only for the public endpoints (version, config, printer types). */
  readonly auth: boolean;
  /** May be retried after a 429/5xx or a dropped connection. Only GETs. */
  readonly idempotent: boolean;
  /** `json` bodies are serialised; `raw` bodies (uploads) are streamed as given. */
  readonly bodyKind: 'none' | 'json' | 'raw';
  /** Type carriers only: never present at runtime. */
  readonly types?: { query: unknown; body: unknown };
}

interface Definition<Path extends string, Query, Body, Reply extends ReplySpec>
  extends EndpointDefinition<Path> {
  readonly reply: Reply;
  readonly types?: { query: Query; body: Body };
}

const json = <S extends z.ZodMiniType>(schema: S) => ({ kind: 'json', schema }) as const;
/** A JSON reply whose validated value is then passed through `finish` (its type is the result's). */
const lenientJson = <S extends z.ZodMiniType, T>(schema: S, finish: (value: object) => T) =>
  ({ kind: 'json', schema, finish }) as const;
const empty = { kind: 'empty' } as const;
const binary = { kind: 'binary' } as const;

/**
 * Declares one endpoint. `Query` and `Body` are given as type arguments (`never` = none); GETs are
 * idempotent, everything else is not, unless said otherwise.
 */
function endpoint<Query = never, Body = never>() {
  return <const Path extends string, const Reply extends ReplySpec>(definition: {
    method: HttpMethod;
    path: Path;
    reply: Reply;
    auth?: boolean;
    bodyKind?: 'json' | 'raw';
  }): Definition<Path, Query, Body, Reply> => ({
    method: definition.method,
    path: definition.path,
    reply: definition.reply,
    auth: definition.auth ?? true,
    idempotent: definition.method === 'GET',
    bodyKind: definition.bodyKind ?? (definition.method === 'GET' ? 'none' : 'json'),
  });
}

export const ENDPOINTS = {
  // Public, no token.
  version: endpoint()({ method: 'GET', path: '/version.json', reply: json(VersionSchema), auth: false }),
  appConfig: endpoint()({ method: 'GET', path: '/app/config', reply: json(AppConfigSchema), auth: false }),
  printerTypes: endpoint()({
    method: 'GET',
    path: '/app/printer-types',
    reply: json(PrinterTypeListSchema),
    auth: false,
  }),

  // Printers.
  'printers.list': endpoint<PrintersQuery>()({
    method: 'GET',
    path: '/app/printers',
    reply: lenientJson(PrinterListSchema, leniencyOf.printerList),
  }),
  'printers.get': endpoint()({
    method: 'GET',
    path: '/app/printers/{uuid}',
    reply: lenientJson(PrinterSchema, leniencyOf.printer),
  }),
  'printers.telemetry': endpoint<TelemetryQuery>()({
    method: 'GET',
    path: '/app/printers/{uuid}/telemetry',
    reply: json(TelemetrySchema),
  }),
  'printers.transfers': endpoint<PageQuery>()({
    method: 'GET',
    path: '/app/printers/{uuid}/transfers',
    reply: json(TransferListSchema),
  }),

  // Jobs.
  'jobs.list': endpoint<JobsQuery>()({
    method: 'GET',
    path: '/app/printers/{uuid}/jobs',
    reply: lenientJson(JobListSchema, leniencyOf.jobList),
  }),
  /** The team-wide history: every printer's jobs, newest first, each with its `printer_uuid`. */
  'jobs.listTeam': endpoint<JobsQuery>()({
    method: 'GET',
    path: '/app/jobs',
    reply: lenientJson(JobListSchema, leniencyOf.jobList),
  }),
  'jobs.get': endpoint()({
    method: 'GET',
    path: '/app/printers/{uuid}/jobs/{jobId}',
    reply: lenientJson(JobSchema, leniencyOf.job),
  }),
  'jobs.patchReason': endpoint<never, JobReasonBody>()({
    method: 'PATCH',
    path: '/app/printers/{uuid}/jobs/{jobId}',
    reply: empty,
  }),

  // Queue.
  'queue.list': endpoint<PageQuery>()({
    method: 'GET',
    path: '/app/printers/{uuid}/queue',
    reply: json(QueueSchema),
  }),
  'queue.add': endpoint<never, QueueAddBody>()({
    method: 'POST',
    path: '/app/printers/{uuid}/queue',
    reply: json(AnyReplySchema),
  }),
  'queue.remove': endpoint()({ method: 'DELETE', path: '/app/printers/{uuid}/queue/{jobId}', reply: empty }),
  'downloadQueue.list': endpoint<PageQuery>()({
    method: 'GET',
    path: '/app/printers/{uuid}/download-queue',
    reply: json(QueueSchema),
  }),

  // Events.
  'events.list': endpoint<EventsQuery>()({
    method: 'GET',
    path: '/app/printers/{uuid}/events',
    reply: lenientJson(EventListSchema, leniencyOf.eventList),
  }),

  // Files and storages.
  'files.list': endpoint<FilesQuery>()({
    method: 'GET',
    path: '/app/printers/{uuid}/files',
    reply: json(FileListSchema),
  }),
  'files.delete': endpoint<never, DeleteFilesBody>()({
    method: 'DELETE',
    path: '/app/printers/{uuid}/files',
    reply: empty,
  }),
  'files.teamList': endpoint<PageQuery>()({
    method: 'GET',
    path: '/app/teams/{teamId}/files',
    reply: json(TeamFileListSchema),
  }),
  'files.teamGet': endpoint()({
    method: 'GET',
    path: '/app/teams/{teamId}/files/{hash}',
    reply: json(PrinterFileSchema),
  }),
  'files.teamDownload': endpoint()({
    method: 'GET',
    path: '/app/teams/{teamId}/files/{hash}/raw',
    reply: binary,
  }),
  /** The preview image behind `job_info.preview_url` / a file's `preview_url`. */
  'files.teamPreview': endpoint()({
    method: 'GET',
    path: '/app/teams/{teamId}/files/{hash}/preview',
    reply: binary,
  }),
  'storages.list': endpoint()({
    method: 'GET',
    path: '/app/printers/{uuid}/storages',
    reply: json(StorageListSchema),
  }),

  // Cameras.
  'cameras.list': endpoint<PageQuery>()({
    method: 'GET',
    path: '/app/cameras',
    reply: json(CameraListSchema),
  }),
  'cameras.forPrinter': endpoint()({
    method: 'GET',
    path: '/app/printers/{uuid}/cameras',
    reply: json(CameraListSchema),
  }),
  /** Registers a camera on a printer; the reply carries the camera's `token` (a credential). */
  'cameras.register': endpoint<{ origin?: 'WEB' | 'OTHER' }>()({
    method: 'POST',
    path: '/app/printers/{uuid}/camera',
    reply: json(CameraSchema),
  }),
  'cameras.snapshot': endpoint<{ printer_uuid?: string }>()({
    method: 'GET',
    path: '/app/cameras/{cameraId}/snapshots/last',
    reply: binary,
  }),

  // The camera side (a camera, or an app acting as one: `Token` + `Fingerprint` headers, no Bearer).
  'camera.putSnapshot': endpoint<never, HttpBody>()({
    method: 'PUT',
    path: '/c/snapshot',
    reply: empty,
    auth: false,
    bodyKind: 'raw',
  }),
  'camera.putInfo': endpoint<never, CameraInfoBody>()({
    method: 'PUT',
    path: '/c/info',
    reply: json(CameraSchema),
    auth: false,
  }),

  // Two-step upload.
  'uploads.create': endpoint<never, CreateUploadBody>()({
    method: 'POST',
    path: '/app/users/teams/{teamId}/uploads',
    reply: json(UploadSchema),
  }),
  'uploads.put': endpoint<{ upload_id: number }, HttpBody>()({
    method: 'PUT',
    path: '/app/teams/{teamId}/files/raw',
    reply: json(UploadedFileSchema),
    bodyKind: 'raw',
  }),
  'uploads.abort': endpoint()({
    method: 'POST',
    path: '/app/uploads/{uploadId}/abort',
    reply: json(AnyReplySchema),
  }),
  'uploads.list': endpoint<UploadsQuery>()({
    method: 'GET',
    path: '/app/users/teams/{teamId}/uploads',
    reply: json(UploadListSchema),
  }),

  // Commands.
  'commands.supported': endpoint()({
    method: 'GET',
    path: '/app/printers/{uuid}/supported-commands',
    reply: json(SupportedCommandsSchema),
  }),
  /** `GET .../commands`: the same supported list (one public SDK reads it from here). */
  'commands.list': endpoint()({
    method: 'GET',
    path: '/app/printers/{uuid}/commands',
    reply: json(SupportedCommandsSchema),
  }),
  'commands.send': endpoint<never, CommandBody>()({
    method: 'POST',
    path: '/app/printers/{uuid}/commands',
    reply: lenientJson(CommandQueuedReplySchema, leniencyOf.queuedReply),
  }),
  'commands.sync': endpoint<{ timeout?: number }, CommandBody>()({
    method: 'POST',
    path: '/app/printers/{uuid}/commands/sync',
    reply: lenientJson(CommandSyncReplySchema, leniencyOf.syncReply),
  }),

  // Account.
  'invitations.list': endpoint()({ method: 'GET', path: '/app/invitations', reply: json(InvitationsSchema) }),
  'notifications.list': endpoint<PageQuery>()({
    method: 'GET',
    path: '/app/notifications',
    reply: json(NotificationsSchema),
  }),
  'notifications.unseen': endpoint()({
    method: 'GET',
    path: '/app/notifications/unseen',
    reply: json(UnseenNotificationsSchema),
  }),
  'teams.list': endpoint()({ method: 'GET', path: '/app/users/teams', reply: json(TeamsSchema) }),
  'teams.get': endpoint()({ method: 'GET', path: '/app/users/teams/{teamId}', reply: json(TeamSchema) }),
  'teams.addUser': endpoint<never, AddTeamUserBody>()({
    method: 'POST',
    path: '/app/teams/{teamId}/add-user',
    reply: json(AnyReplySchema),
  }),

  // Statistics (per printer; `from`/`to` Unix seconds).
  'stats.printingNotPrinting': endpoint<StatsQuery>()({
    method: 'GET',
    path: '/app/stats/printers/{uuid}/printing_not_printing',
    reply: json(PrintingNotPrintingSchema),
  }),
  'stats.materialQuantity': endpoint<StatsQuery>()({
    method: 'GET',
    path: '/app/stats/printers/{uuid}/material_quantity',
    reply: json(MaterialQuantitySchema),
  }),
  'stats.plannedTasks': endpoint<StatsQuery>()({
    method: 'GET',
    path: '/app/stats/printers/{uuid}/planned_tasks',
    reply: json(PlannedTasksSchema),
  }),
  'stats.jobsSuccess': endpoint<StatsQuery>()({
    method: 'GET',
    path: '/app/stats/printers/{uuid}/jobs_success',
    reply: json(JobsSuccessSchema),
  }),
} as const;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;

type TypesOf<E> = E extends { readonly types?: infer T } ? NonNullable<T> : never;
type QueryOf<E> = TypesOf<E> extends { query: infer Q } ? Q : never;
type BodyOf<E> = TypesOf<E> extends { body: infer B } ? B : never;
type PathOf<E> = E extends { readonly path: infer P extends string } ? P : never;

/** Path parameters of an endpoint, e.g. `{ uuid: string; jobId: number | string }`. */
export type PathParams<N extends EndpointName> = {
  [K in PathParamNames<PathOf<Endpoints[N]>>]: string | number;
};

/** What `request(name, input)` takes for endpoint `N`. */
export type EndpointInput<N extends EndpointName> = ([PathParamNames<PathOf<Endpoints[N]>>] extends [never]
  ? { path?: undefined }
  : { path: PathParams<N> }) &
  ([QueryOf<Endpoints[N]>] extends [never]
    ? { query?: undefined }
    : { query?: QueryOf<Endpoints[N]> | undefined }) &
  ([BodyOf<Endpoints[N]>] extends [never] ? { body?: undefined } : { body: BodyOf<Endpoints[N]> }) & {
    /** Extra request headers (e.g. `If-None-Match`). */
    headers?: Record<string, string>;
  };

/** What `request(name, ...)` resolves to for endpoint `N`. */
export type EndpointResult<N extends EndpointName> = Endpoints[N]['reply'] extends {
  kind: 'json';
  finish: (value: object) => infer T;
}
  ? T
  : Endpoints[N]['reply'] extends {
        kind: 'json';
        schema: infer S extends z.ZodMiniType;
      }
    ? z.output<S>
    : Endpoints[N]['reply'] extends { kind: 'binary' }
      ? BinaryReply
      : undefined;
