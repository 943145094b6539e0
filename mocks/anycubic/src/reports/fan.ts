/** `fan` report data: the three fan fields the info report also carries. */
import type { SimSnapshot } from '@printkit/printer-sim';
import type { ReportContext } from './context.js';

export function fanData(ctx: ReportContext, snapshot: SimSnapshot = ctx.snapshot()) {
  return {
    fan_speed_pct: snapshot.fanPercent,
    aux_fan_speed_pct: ctx.device.auxFanSpeedPct,
    box_fan_level: ctx.device.boxFanLevel,
  };
}
