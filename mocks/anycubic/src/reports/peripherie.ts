/**
 * `peripherie/query` data: `{ camera, multiColorBox, udisk }` (notes). The value types are not in the
 * notes; the mock answers 1/0 for camera and udisk and the number of ACE units for multiColorBox.
 */
import type { ReportContext } from './context.js';

export function peripherieData(ctx: ReportContext) {
  return {
    camera: 1,
    multiColorBox: ctx.device.aceBoxes.length,
    udisk: ctx.device.udiskFiles.length > 0 ? 1 : 0,
  };
}
