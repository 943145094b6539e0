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
 * The capabilities declared for a model id: `camera` unless the model (or the override) says it has
 * none, `light` when it has a light to switch.
 */
export function capabilitiesForModel(modelId: number, override: ModelOverride = {}): Capability[] {
  const model = resolveModel(modelId, override);
  const capabilities = [...BASE_CAPABILITIES];
  if (model.camera !== false) capabilities.push('camera');
  if (model.lights.length > 0) capabilities.push('light');
  return capabilities;
}
