/**
 * Camera payloads: the seed's captured camera (`/app/printers/{uuid}/cameras`) for simulated cameras;
 * the camera API's `camera_response` (Prusa's camera OpenAPI 0.22.0: `id, name, config, options,
 * capabilities, team_id, printer_uuid, token, origin, registered`) for both, so every camera carries
 * the fields either source names. Null values are left out ("Null values are not sent", that spec).
 */
import type { CameraRecord } from '../camera-record.js';

const SIMULATED_FEATURES = [
  'SocketCom',
  'UploadInterval',
  'TimelapseEn',
  'GetSnapshot',
  'CameraName',
  'FwUpdate',
];

export function cameraPayload(camera: CameraRecord, teamId: number): Record<string, unknown> {
  const common: Record<string, unknown> = {
    id: camera.id,
    team_id: teamId,
    printer_uuid: camera.printerUuid,
    token: camera.token,
    origin: camera.origin,
    registered: camera.registered,
  };
  if (camera.name !== undefined) common.name = camera.name;
  if (camera.kind === 'pushed') {
    const payload: Record<string, unknown> = {
      ...common,
      config: { ...camera.info?.config },
      capabilities: camera.info?.capabilities ?? [],
    };
    if (camera.info?.options) payload.options = camera.info.options;
    return payload;
  }
  return {
    ...common,
    config: {
      name: camera.name,
      path: 'private',
      model: 'Buddy3D',
      resolution: { width: 1920, height: 1080 },
      trigger_scheme: camera.streamOnly ? 'MANUAL' : 'THIRTY_SEC',
    },
    capabilities: ['trigger_scheme'],
    features: camera.streamOnly ? ['SocketCom', 'CameraName'] : SIMULATED_FEATURES,
  };
}
