/**
 * The camera stream: the printer serves HTTP-FLV (H.264) at `:18088/flv` (newer firmware
 * `/live/<token>`), but only after a `video/startCapture` command. This client starts the capture
 * and hands out the URL; it never decodes video.
 */
import type { InfoData } from '../protocol/wire.js';

/** Port of the printer's FLV server when the info report does not name a URL. */
export const DEFAULT_CAMERA_PORT = 18088;

export interface CameraStream {
  url: string;
  format: 'flv';
}

/**
 * The stream URL: an explicit override, else `info.urls.rtspUrl` (despite its name an HTTP-FLV URL),
 * else `http://<host>:18088/flv`.
 */
export function cameraStreamUrl(
  state: { readonly info: InfoData | undefined },
  host: string,
  override?: string,
): string {
  if (override) return override;
  const reported = state.info?.urls?.rtspUrl;
  if (reported) return reported;
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${hostPart}:${DEFAULT_CAMERA_PORT}/flv`;
}
