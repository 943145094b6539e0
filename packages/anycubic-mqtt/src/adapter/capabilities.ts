/**
 * The capabilities the adapter declares, per model: declared, never discovered by a "not implemented"
 * error. No G-code console and no chamber heater command exist in gkapi, so `gcode` and
 * `temperature.chamber` are never declared.
 */
import type { Capability } from '@printkit/core-types';
import { modelInfo } from '../protocol/models.js';

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
  'camera',
  'speed',
  'fan',
];

/** The capabilities declared for a model id. */
export function capabilitiesForModel(modelId: number): Capability[] {
  const capabilities = [...BASE_CAPABILITIES];
  if (modelInfo(modelId).lights.length > 0) capabilities.push('light');
  return capabilities;
}
