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
