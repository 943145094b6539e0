/**
 * The camera side (Prusa's public camera OpenAPI 0.22.0, "connect-api" for cameras): a camera
 * authenticates with the `Token` header (the 20-character token Connect minted at registration) and
 * its `Fingerprint` (16–64 characters, chosen by the camera, bound on its first contact).
 * - `PUT /c/snapshot`: `image/jpg` body (`image/jpeg` accepted too), at most 16 MiB → 204; the
 *   snapshot is what `GET /app/cameras/{id}/snapshots/last` then serves.
 * - `PUT /c/info`: `camera_request` JSON → 200 `camera_response`.
 * Errors, body `{code, message, reason?}` (the spec's `status` schema): missing `Token` or
 * `Fingerprint`, or an unknown token → 401; a fingerprint of the wrong length → 400; another
 * fingerprint than the bound one → 400 on snapshots and 403 on info (as a public Buddy3D camera
 * reverse-engineering write-up observed live); wrong content type or an empty image → 400; over
 * 16 MiB → 413.
 */
import { createHash } from 'node:crypto';
import { type HttpHandler, HttpResponse } from 'msw';
import { readBodyBytes } from '../body-limit.js';
import type { CameraRecord } from '../camera-record.js';
import { checkCameraInfo } from '../camera-request.js';
import { badRequest, connectError, payloadTooLarge, unauthorized } from '../connect-error.js';
import { cameraPayload } from '../payloads/camera.js';
import { defineRoute, readJsonObject } from '../route.js';
import type { MockWorld } from '../state.js';

/** "Max snapshot size is 16MB" (the camera OpenAPI); `/app/config` says `max_snapshot_size` 16777216. */
export const MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;
const SNAPSHOT_TYPES = ['image/jpg', 'image/jpeg'];

type Refusal = 'snapshot' | 'info';

function authenticateCamera(world: MockWorld, request: Request, where: Refusal): CameraRecord | Response {
  const token = request.headers.get('token');
  const fingerprint = request.headers.get('fingerprint');
  if (!token || !fingerprint) return unauthorized();
  if (fingerprint.length < 16 || fingerprint.length > 64) {
    return badRequest('Fingerprint must have 16 to 64 characters');
  }
  const camera = world.cameras().find((c) => c.token === token);
  if (!camera) return unauthorized();
  if (camera.fingerprint !== undefined && camera.fingerprint !== fingerprint) {
    return where === 'snapshot'
      ? badRequest('Invalid fingerprint')
      : connectError(403, { code: 'FORBIDDEN', message: 'Forbidden', reason: 'Invalid fingerprint' });
  }
  return camera;
}

function firstContact(camera: CameraRecord, fingerprint: string): void {
  camera.fingerprint ??= fingerprint;
  camera.registered = true;
}

export function cameraApiRoutes(world: MockWorld): HttpHandler[] {
  const open = { auth: false };
  return [
    defineRoute(
      world,
      'put',
      '/c/snapshot',
      async ({ request }) => {
        const camera = authenticateCamera(world, request, 'snapshot');
        if (camera instanceof Response) return camera;
        const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (!SNAPSHOT_TYPES.includes(type)) return badRequest('Content-Type must be image/jpg');
        const bytes = await readBodyBytes(request, MAX_SNAPSHOT_BYTES);
        if (!(bytes instanceof Uint8Array)) {
          return bytes.status === 413 ? payloadTooLarge(bytes.reason) : badRequest(bytes.reason);
        }
        if (bytes.length === 0) return badRequest('Empty snapshot');
        firstContact(camera, request.headers.get('fingerprint') ?? '');
        const copy = new Uint8Array(bytes.length);
        copy.set(bytes);
        camera.snapshot = {
          bytes: copy,
          atMs: world.clock.now(),
          etag: `"${createHash('sha1').update(copy).digest('hex').slice(0, 20)}"`,
        };
        return new Response(null, { status: 204 });
      },
      open,
    ),
    defineRoute(
      world,
      'put',
      '/c/info',
      async ({ request }) => {
        const camera = authenticateCamera(world, request, 'info');
        if (camera instanceof Response) return camera;
        const body = await readJsonObject(request);
        if (body instanceof Response) return body;
        const check = checkCameraInfo(body);
        if (!check.ok) return badRequest(check.reason);
        firstContact(camera, request.headers.get('fingerprint') ?? '');
        if (camera.kind === 'pushed') {
          camera.name = check.name;
          camera.info = { config: check.config };
          if (check.options) camera.info.options = check.options;
          if (check.capabilities) camera.info.capabilities = check.capabilities;
        }
        return HttpResponse.json(cameraPayload(camera, world.teamId));
      },
      open,
    ),
  ];
}
