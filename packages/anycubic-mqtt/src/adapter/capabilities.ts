/**
 * The capabilities the adapter declares, per model: declared, never discovered by a "not implemented"
 * error. No G-code console and no chamber heater command exist in gkapi, so `gcode` and
 * `temperature.chamber` are never declared.
 */
import type { Capability } from '@printkit/core-types';
import { type ModelInfo, type ModelOverride, modelInfo } from '../protocol/models.js';

/** Capabilities every gkapi printer has; `light` is added when the model has a light to switch. */
const BASE_CAPABILITIES: readonly Capability[] = [
  'print.start',
  'print.pause',
  'print.resume',
  'print.cancel',
  'temperature.nozzle',
  'temperature.bed',
  'files.list',
  'files.upload',
  'speed',
  'fan',
];

/** The model table's entry with a user's corrections applied. */
export function resolveModel(modelId: number, override: ModelOverride = {}): ModelInfo {
  return { ...modelInfo(modelId), ...override };
}

/**
 * What `peripherie/query` says about the camera: `true` fitted (1), `false` not (0), `undefined` while
 * the printer has not said (or said something else), so the model table decides.
 */
export function reportedCamera(camera: unknown): boolean | undefined {
  if (camera === 1 || camera === true) return true;
  if (camera === 0 || camera === false) return false;
  return undefined;
}

/**
 * The capabilities declared for a model id: `light` when it has a light to switch; `camera` when the
 * printer reports one (`peripherie`), else unless the model (or the override) says it has none.
 */
export function capabilitiesForModel(
  modelId: number,
  override: ModelOverride = {},
  cameraReported?: boolean,
): Capability[] {
  const model = resolveModel(modelId, override);
  const capabilities = [...BASE_CAPABILITIES];
  if (cameraReported ?? model.camera !== false) capabilities.push('camera');
  if (model.lights.length > 0) capabilities.push('light');
  return capabilities;
}
