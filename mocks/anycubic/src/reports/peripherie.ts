/**
 * `peripherie/query` data: `{ camera, multiColorBox, udisk }`, each 1 fitted / 0 not (notes "More wire
 * facts"; Kobra S1 capture in Nino6689/anycubic-lan docs/PROTOCOL.md §6.9).
 */
import type { ReportContext } from './context.js';

export function peripherieData(ctx: ReportContext) {
  return {
    camera: ctx.device.camera ? 1 : 0,
    multiColorBox: ctx.device.aceBoxes.length > 0 ? 1 : 0,
    udisk: ctx.device.udiskFiles.length > 0 ? 1 : 0,
  };
}
