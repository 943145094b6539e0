/**
 * The capabilities a PrusaLink printer is declared with. The v1 API has job control, files, uploads
 * and (where PrusaLink runs with a camera) snapshots; it has no endpoint to set a temperature, send
 * G-code, a fan, a light or the speed, so none of those is declared. The legacy dialect has the file
 * list, `POST /api/files/{target}/{path}` (select and print) and the job commands of `POST /api/job`
 * (pause, resume, cancel); its multipart upload is not implemented.
 */
import type { Capability } from '@printkit/core-types';
import type { Dialect } from '../protocol/wire.js';

export const V1_CAPABILITIES: readonly Capability[] = [
  'print.start',
  'print.pause',
  'print.resume',
  'print.cancel',
  'files.list',
  'files.upload',
];

export const LEGACY_CAPABILITIES: readonly Capability[] = [
  'print.start',
  'print.pause',
  'print.resume',
  'print.cancel',
  'files.list',
];

/** `camera` is added when `/api/v1/info` says `active_camera: true` (PrusaLink with a camera). */
export function capabilitiesFor(dialect: Dialect, hasCamera: boolean): Capability[] {
  if (dialect === 'legacy') return [...LEGACY_CAPABILITIES];
  return hasCamera ? [...V1_CAPABILITIES, 'camera'] : [...V1_CAPABILITIES];
}
