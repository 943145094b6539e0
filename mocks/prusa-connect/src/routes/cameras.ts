/**
 * Cameras (`/app/cameras`, `/app/printers/{uuid}/cameras`, shaped like the seed's capture) and the
 * last snapshot (`/app/cameras/{id}/snapshots/last?printer_uuid=`): a JPEG with `Last-Modified` and
 * `ETag`, 304 without a body when the client's validators match, 404 for a stream-only camera.
 * A simulated camera takes a snapshot every 30 s of sim time (its `trigger_scheme` is THIRTY_SEC); a
 * pushed camera shows the last image it sent with `PUT /c/snapshot` (404 until the first).
 *
 * Also: camera registration, `POST /app/printers/{uuid}/camera?origin=WEB|OTHER` → 201 with the new
 * camera and its token (the camera OpenAPI), and the snapshot trigger
 * `POST /app/cameras/{token}/snapshots` → 204 (dcode/python-prusa-connect-sdk-client `trigger_snapshot`;
 * the mock cannot reach a camera, so it only checks the token).
 */
import { type HttpHandler, HttpResponse } from 'msw';
import type { CameraRecord } from '../camera-record.js';
import { isNotModified, notModifiedResponse, validatorHeaders } from '../conditional.js';
import { badRequest, connectError, notFound, notFoundCamera } from '../connect-error.js';
import { paginate, readPaging } from '../pager.js';
import { cameraPayload } from '../payloads/camera.js';
import { definePrinterRoute, defineRoute } from '../route.js';
import { snapshotJpeg } from '../snapshot-image.js';
import type { MockWorld } from '../state.js';

export const SNAPSHOT_INTERVAL_MS = 30_000;
/** Cameras a printer may have; registering more is refused (403), which keeps memory bounded. */
export const MAX_CAMERAS_PER_PRINTER = 16;
const ORIGINS = ['WEB', 'OTHER'] as const;

function cameraList(url: URL, cameras: CameraRecord[], teamId: number): Response {
  const paging = readPaging(url, 20);
  if (paging instanceof Response) return paging;
  const page = paginate(cameras, paging);
  return HttpResponse.json({ cameras: page.items.map((c) => cameraPayload(c, teamId)), pager: page.pager });
}

function pushedSnapshot(request: Request, camera: CameraRecord): Response {
  const snapshot = camera.snapshot;
  if (!snapshot) return notFound('NOT_FOUND_SNAPSHOT', 'Snapshot not found');
  const validators = { etag: snapshot.etag, lastModifiedMs: snapshot.atMs };
  if (isNotModified(request, validators)) return notModifiedResponse(validators);
  return new Response(snapshot.bytes.slice(), {
    headers: {
      'Content-Type': 'image/jpeg',
      'Content-Length': String(snapshot.bytes.length),
      ...validatorHeaders(validators),
    },
  });
}

export function cameraRoutes(world: MockWorld): HttpHandler[] {
  return [
    defineRoute(world, 'get', '/app/cameras', ({ url }) => cameraList(url, world.cameras(), world.teamId)),
    definePrinterRoute(world, 'get', '/app/printers/:uuid/cameras', ({ url, printer }) =>
      cameraList(url, printer.cameras, world.teamId),
    ),
    definePrinterRoute(world, 'post', '/app/printers/:uuid/camera', ({ url, printer }) => {
      const origin = url.searchParams.get('origin') ?? 'WEB';
      if (!ORIGINS.includes(origin as (typeof ORIGINS)[number])) {
        return badRequest('Invalid query parameter: origin');
      }
      if (printer.cameras.length >= MAX_CAMERAS_PER_PRINTER) {
        return connectError(403, { code: 'FORBIDDEN', message: 'Forbidden', reason: 'Too many cameras' });
      }
      const camera: CameraRecord = {
        id: world.nextCameraId(),
        kind: 'pushed',
        name: undefined,
        streamOnly: false,
        printerUuid: printer.uuid,
        token: world.randomToken(20),
        origin: origin as (typeof ORIGINS)[number],
        registered: false,
        fingerprint: undefined,
        info: undefined,
        snapshot: undefined,
      };
      printer.cameras.push(camera);
      return HttpResponse.json(cameraPayload(camera, world.teamId), { status: 201 });
    }),
    defineRoute(world, 'post', '/app/cameras/:cameraToken/snapshots', ({ param }) => {
      const token = param('cameraToken');
      return world.cameras().some((c) => c.token === token)
        ? new Response(null, { status: 204 })
        : notFoundCamera();
    }),
    defineRoute(world, 'get', '/app/cameras/:cameraId/snapshots/last', ({ param, url, request }) => {
      const raw = param('cameraId');
      const id = /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
      const camera = world.cameras().find((c) => c.id === id);
      const printerUuid = url.searchParams.get('printer_uuid');
      if (!camera || (printerUuid !== null && printerUuid !== camera.printerUuid)) return notFoundCamera();
      if (camera.kind === 'pushed') return pushedSnapshot(request, camera);
      if (camera.streamOnly) return notFound('NOT_FOUND_SNAPSHOT', 'Snapshot not found');
      const takenAtMs = Math.floor(world.clock.now() / SNAPSHOT_INTERVAL_MS) * SNAPSHOT_INTERVAL_MS;
      const validators = { etag: `"${camera.id}-${takenAtMs}"`, lastModifiedMs: takenAtMs };
      if (isNotModified(request, validators)) return notModifiedResponse(validators);
      // Only the camera and the time go into the image, so one ETag always means the same bytes.
      const image = snapshotJpeg(`printkit mock camera ${camera.id} at ${new Date(takenAtMs).toISOString()}`);
      return new Response(image, {
        headers: {
          'Content-Type': 'image/jpeg',
          'Content-Length': String(image.length),
          ...validatorHeaders(validators),
        },
      });
    }),
  ];
}
