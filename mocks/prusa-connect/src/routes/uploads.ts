/**
 * The two-step upload PrusaSlicer uses (protocol notes, "Files and upload"):
 * 1. `POST /app/users/teams/{team}/uploads` `{destination, filename, size, printer_uuid?}` →
 *    `{id, team_id, name, size, hash: null, state: "INITIATED", path}` (the hash is unknown until the
 *    bytes arrive);
 * 2. `PUT /app/teams/{team}/files/raw?upload_id={id}` with the raw bytes and `Upload-Size` → the
 *    upload with its `hash` and state FINISHED; the file lands in the team's files and, when a
 *    printer was named, on that printer's storage (so START_PRINT can print it).
 * Plus the uploads list (`?state=`) and `POST /app/uploads/{id}/abort` (state ABORTED, 204).
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { readBodyBytes } from '../body-limit.js';
import {
  badRequest,
  connectError,
  notFound,
  notFoundPrinter,
  notFoundTeam,
  payloadTooLarge,
} from '../connect-error.js';
import { hashBytes } from '../file-hash.js';
import { estimatePrint } from '../gcode-estimate.js';
import { defineRoute, readJsonObject } from '../route.js';
import {
  MAX_OPEN_UPLOADS,
  MAX_TEAM_FILES,
  MAX_UPLOADS,
  type MockWorld,
  type UploadRecord,
  type UploadState,
} from '../state.js';
import { STORAGE_ROOT, simFileNameOf } from '../storage-path.js';

const UPLOAD_STATES: UploadState[] = ['INITIATED', 'UPLOADING', 'FINISHED', 'ABORTED'];

function uploadPayload(upload: UploadRecord): Record<string, unknown> {
  return {
    id: upload.id,
    team_id: upload.team_id,
    name: upload.name,
    size: upload.size,
    hash: upload.hash,
    state: upload.state,
    path: upload.path,
    source: 'CONNECT_USER',
  };
}

/** A transfer to a printer ends in that printer's events log, carrying `transfer_id` as in the seed. */
function recordTransferEvent(world: MockWorld, upload: UploadRecord, event: string): void {
  const printer = upload.printerUuid === undefined ? undefined : world.printer(upload.printerUuid);
  if (!printer || upload.transferId === undefined) return;
  printer.addEvent({ event, source: 'CONNECT_USER', transfer_id: upload.transferId });
}

function joinPath(destination: string, filename: string): string {
  const folder = destination.replace(/\/+$/, '');
  return `${folder.startsWith('/') ? folder : `/${folder}`}/${filename}`;
}

export function uploadRoutes(world: MockWorld): HttpHandler[] {
  const teamOk = (raw: string) => /^\d+$/.test(raw) && Number(raw) === world.teamId;
  const uploadNotFound = () => notFound('NOT_FOUND_UPLOAD', 'Upload not found');
  return [
    defineRoute(world, 'get', '/app/users/teams/:team/uploads', ({ param, url }) => {
      if (!teamOk(param('team'))) return notFoundTeam();
      const states = url.searchParams.getAll('state');
      if (states.some((s) => !UPLOAD_STATES.includes(s as UploadState))) {
        return badRequest('Invalid query parameter: state');
      }
      const uploads = [...world.uploads.values()].filter(
        (u) => states.length === 0 || states.includes(u.state),
      );
      return HttpResponse.json({ uploads: uploads.map(uploadPayload) });
    }),
    defineRoute(world, 'post', '/app/users/teams/:team/uploads', async ({ param, request }) => {
      if (!teamOk(param('team'))) return notFoundTeam();
      const body = await readJsonObject(request);
      if (body instanceof Response) return body;
      const { destination = `${STORAGE_ROOT}/`, filename, size, printer_uuid } = body;
      if (typeof filename !== 'string' || filename.length === 0 || filename.includes('/')) {
        return badRequest('Field "filename" must be a file name');
      }
      if (typeof destination !== 'string') return badRequest('Field "destination" must be a string');
      if (!Number.isSafeInteger(size) || (size as number) < 0)
        return badRequest('Field "size" must be an integer >= 0');
      if (
        (size as number) > world.maxUploadBytes ||
        world.uploads.size >= MAX_UPLOADS ||
        world.teamFiles.size >= MAX_TEAM_FILES
      ) {
        return connectError(403, { code: 'FORBIDDEN_STORAGE_QUOTA', message: 'Storage quota exceeded' });
      }
      if (printer_uuid !== undefined && (typeof printer_uuid !== 'string' || !world.printer(printer_uuid))) {
        return notFoundPrinter();
      }
      const open = [...world.uploads.values()].filter(
        (u) => u.state === 'INITIATED' || u.state === 'UPLOADING',
      );
      if (open.length >= MAX_OPEN_UPLOADS) {
        return connectError(403, {
          code: 'FORBIDDEN',
          message: 'Forbidden',
          reason: 'Too many open uploads',
        });
      }
      const upload: UploadRecord = {
        id: world.nextUploadId(),
        team_id: world.teamId,
        name: filename,
        size: size as number,
        hash: null,
        state: 'INITIATED',
        path: joinPath(destination, filename),
        destination,
        created: world.nowSeconds(),
      };
      if (typeof printer_uuid === 'string') {
        upload.printerUuid = printer_uuid;
        upload.transferId = world.nextTransferId();
      }
      world.uploads.set(upload.id, upload);
      return HttpResponse.json(uploadPayload(upload), { status: 201 });
    }),
    defineRoute(world, 'put', '/app/teams/:team/files/raw', async ({ param, url, request }) => {
      if (!teamOk(param('team'))) return notFoundTeam();
      const rawId = url.searchParams.get('upload_id');
      if (rawId === null || !/^\d+$/.test(rawId)) return badRequest('Invalid query parameter: upload_id');
      const upload = world.uploads.get(Number(rawId));
      if (!upload) return uploadNotFound();
      if (upload.state !== 'INITIATED') return badRequest(`Upload is ${upload.state}`);
      const declared = request.headers.get('upload-size');
      if (declared === null || !/^\d+$/.test(declared))
        return badRequest('Missing or invalid Upload-Size header');
      if (Number(declared) !== upload.size)
        return badRequest('Upload-Size does not match the size announced');
      upload.state = 'UPLOADING';
      // Streamed with the announced size as ceiling: a longer body is refused once it passes it.
      const bytes = await readBodyBytes(request, upload.size);
      if (!(bytes instanceof Uint8Array)) {
        upload.state = 'INITIATED';
        return bytes.status === 413
          ? payloadTooLarge(`Body is longer than Upload-Size ${upload.size}`)
          : badRequest(bytes.reason);
      }
      if (bytes.length !== upload.size) {
        upload.state = 'INITIATED';
        return badRequest(`Body has ${bytes.length} bytes, Upload-Size says ${upload.size}`);
      }
      const hash = hashBytes(bytes);
      upload.hash = hash;
      upload.state = 'FINISHED';
      upload.ended = world.nowSeconds();
      world.teamFiles.set(hash, {
        hash,
        name: upload.name,
        size: bytes.length,
        content: bytes,
        uploaded: world.nowSeconds(),
        uploadId: upload.id,
        path: upload.path,
      });
      const printer = upload.printerUuid === undefined ? undefined : world.printer(upload.printerUuid);
      const simName = simFileNameOf(upload.path);
      if (printer && simName !== undefined) {
        printer.sim.addFile({
          name: simName,
          sizeBytes: bytes.length,
          content: bytes,
          ...estimatePrint(bytes),
        });
      }
      recordTransferEvent(world, upload, 'TRANSFER_FINISHED');
      return HttpResponse.json(uploadPayload(upload));
    }),
    defineRoute(world, 'post', '/app/uploads/:id/abort', ({ param }) => {
      const raw = param('id');
      if (!/^\d+$/.test(raw)) return badRequest('Invalid path parameter: upload_id');
      const upload = world.uploads.get(Number(raw));
      if (!upload) return uploadNotFound();
      if (upload.state === 'FINISHED') return badRequest('Upload is already FINISHED');
      upload.state = 'ABORTED';
      upload.ended = world.nowSeconds();
      recordTransferEvent(world, upload, 'TRANSFER_ABORTED');
      return new Response(null, { status: 204 });
    }),
  ];
}
