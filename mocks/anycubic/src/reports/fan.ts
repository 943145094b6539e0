/** `fan` report data: the three fan fields the info report also carries. */
import type { ReportContext } from './context.js';

export function fanData(ctx: ReportContext) {
  return {
    fan_speed_pct: ctx.sim.snapshot().fanPercent,
    aux_fan_speed_pct: ctx.device.auxFanSpeedPct,
    box_fan_level: ctx.device.boxFanLevel,
  };
}
