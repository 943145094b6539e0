/** `light/query` answers `{ lights: [{ type, status, brightness }] }` (fixture light_report.json). */
import type { LightState } from '../device-state.js';
import type { ReportContext } from './context.js';

export function lightsData(ctx: ReportContext): { lights: LightState[] } {
  return { lights: [...ctx.device.lights.values()].map((light) => ({ ...light })) };
}
