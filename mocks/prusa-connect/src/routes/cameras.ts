/**
 * Cameras (`/app/cameras`, `/app/printers/{uuid}/cameras`, shaped like the seed's capture) and the
 * last snapshot (`/app/cameras/{id}/snapshots/last?printer_uuid=`): a JPEG with `Last-Modified` and
 * `ETag`, 304 without a body when the client's validators match, 404 for a stream-only camera.
 * The camera takes a snapshot every 30 s of sim time (its `trigger_scheme` is THIRTY_SEC).
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { isNotModified, notModifiedResponse, validatorHeaders } from '../conditional.js';
import { notFound, notFoundCamera } from '../connect-error.js';
import { paginate, readPaging } from '../pager.js';
import type { CameraRecord } from '../printer-record.js';
import { definePrinterRoute, defineRoute } from '../route.js';
import { snapshotJpeg } from '../snapshot-image.js';
import type { MockWorld } from '../state.js';

export const SNAPSHOT_INTERVAL_MS = 30_000;

function cameraPayload(camera: CameraRecord): Record<string, unknown> {
  return {
    id: camera.id,
    name: camera.name,
    printer_uuid: camera.printerUuid,
    config: {
      name: camera.name,
      path: 'private',
      model: 'Buddy3D',
      resolution: { width: 1920, height: 1080 },
      trigger_scheme: camera.streamOnly ? 'MANUAL' : 'THIRTY_SEC',
    },
    capabilities: ['trigger_scheme'],
    features: camera.streamOnly
      ? ['SocketCom', 'CameraName']
      : ['SocketCom', 'UploadInterval', 'TimelapseEn', 'GetSnapshot', 'CameraName', 'FwUpdate'],
    token: camera.token,
    registered: true,
  };
}

function cameraList(url: URL, cameras: CameraRecord[]): Response {
  const paging = readPaging(url, 20);
  if (paging instanceof Response) return paging;
  const page = paginate(cameras, paging);
  return HttpResponse.json({ cameras: page.items.map(cameraPayload), pager: page.pager });
}

export function cameraRoutes(world: MockWorld): HttpHandler[] {
  return [
    defineRoute(world, 'get', '/app/cameras', ({ url }) => cameraList(url, world.cameras())),
    definePrinterRoute(world, 'get', '/app/printers/:uuid/cameras', ({ url, printer }) =>
      cameraList(url, printer.cameras),
    ),
    defineRoute(world, 'get', '/app/cameras/:cameraId/snapshots/last', ({ param, url, request }) => {
      const id = Number(param('cameraId'));
      const camera = world.cameras().find((c) => c.id === id);
      const printerUuid = url.searchParams.get('printer_uuid');
      if (!camera || (printerUuid !== null && printerUuid !== camera.printerUuid)) return notFoundCamera();
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
