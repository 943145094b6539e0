/**
 * multiColorBox (ACE) report data: the full `getInfo` answer shaped like multicolorbox_full.json and
 * partial answers shaped like multicolorbox_slim.json (only `id` plus what changed).
 */
import type { AceBox } from '../ace.js';
import { dryingAt } from '../ace.js';
import type { ReportContext } from './context.js';

export function fullBoxData(ctx: ReportContext, box: AceBox): AceBox {
  return {
    ...structuredClone(box),
    drying_status: dryingAt(box, ctx.device.dryingStartedAt.get(box.id), ctx.sim.clock.now()),
  };
}

export function multiColorBoxData(ctx: ReportContext) {
  return { multi_color_box: ctx.device.aceBoxes.map((box) => fullBoxData(ctx, box)) };
}

/** A partial report: each entry carries the box `id` and only the fields that changed. */
export function partialBoxData(parts: ReadonlyArray<{ id: number } & Partial<AceBox>>) {
  return { multi_color_box: parts.map((part) => structuredClone(part)) };
}

/**
 * `autoUpdateDryStatus`, pushed unasked while a box dries (notes "More wire facts"; Nino QUESTIONS.md Q1:
 * state `success`, boxes with `temp` and `drying_status`, no slots), once more when drying ends, then
 * nothing. Undefined when no box dries. Settles a finished drying in the device state (hence "take").
 */
export function takeDryStatusUpdate(ctx: ReportContext) {
  const now = ctx.sim.clock.now();
  const drying = ctx.device.aceBoxes.filter((box) => box.drying_status.status === 1);
  if (drying.length === 0) return undefined;
  return {
    multi_color_box: drying.map((box) => {
      const status = dryingAt(box, ctx.device.dryingStartedAt.get(box.id), now);
      if (status.status === 0) {
        box.drying_status = status;
        ctx.device.dryingStartedAt.delete(box.id);
      }
      return { id: box.id, temp: box.temp, drying_status: status };
    }),
  };
}
