/** `temp` of the info report and the `tempature` (sic, the firmware's spelling) report data. */
import type { SimSnapshot } from '@printkit/printer-sim';
import type { ReportContext } from './context.js';

/** Whole degrees, as in the seed and the capture. The chamber keys exist only on models with a chamber. */
export function temperatureData(ctx: ReportContext, snapshot: SimSnapshot = ctx.snapshot()) {
  const { nozzle, bed, chamber } = snapshot.temperatures;
  const temp: Record<string, number> = {
    curr_hotbed_temp: Math.round(bed.actual),
    curr_nozzle_temp: Math.round(nozzle.actual),
  };
  if (ctx.model.hasChamber) temp.curr_chamber_temp = Math.round(chamber?.actual ?? bed.actual);
  temp.target_hotbed_temp = bed.target;
  temp.target_nozzle_temp = nozzle.target;
  if (ctx.model.hasChamber) temp.target_chamber_temp = chamber?.target ?? 0;
  return temp;
}
