/**
 * The fake camera's picture, drawn from the simulator: a printer frame, the bed, the print growing
 * with job progress, the nozzle coloured by its temperature, and a progress bar along the top.
 * 320×240 pixels as 40×30 flat blocks (see jpeg.ts).
 */
import type { SimSnapshot } from '@printkit/printer-sim';
import { type BlockImage, encodeBlockJpeg } from './jpeg.js';

const COLUMNS = 40;
const ROWS = 30;
type Rgb = readonly [number, number, number];

const BACKGROUND: Rgb = [28, 34, 44];
const FRAME: Rgb = [150, 156, 164];
const BED: Rgb = [60, 60, 60];
const PRINT: Rgb = [224, 112, 32];
const BAR: Rgb = [60, 180, 90];
const BAR_EMPTY: Rgb = [50, 58, 70];

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
}

export function renderFrame(snapshot: SimSnapshot): Buffer {
  const progress = snapshot.job?.progress ?? 0;
  const printing = snapshot.job !== undefined;
  const printRows = printing ? Math.round(progress * 12) : 0;
  const nozzle = mix([70, 120, 220], [240, 40, 30], (snapshot.temperatures.nozzle.actual - 25) / 200);
  const nozzleColumn = 9 + Math.round(((snapshot.position.x % 250) / 250) * 21);
  const nozzleRow = 24 - Math.max(printRows, Math.round(Math.min(snapshot.position.z, 200) / 20));
  const image: BlockImage = {
    columns: COLUMNS,
    rows: ROWS,
    color: (column, row) => {
      if (row === 1)
        return column >= 2 && column < 38 ? (column - 2 < progress * 36 ? BAR : BAR_EMPTY) : BACKGROUND;
      if ((column === 6 || column === 33) && row >= 4 && row <= 26) return FRAME;
      if (row === 4 && column >= 6 && column <= 33) return FRAME;
      if (row >= 25 && row <= 26 && column >= 7 && column <= 32) return BED;
      if (printRows > 0 && row < 25 && row >= 25 - printRows && column >= 15 && column <= 24) return PRINT;
      if (
        row >= nozzleRow - 2 &&
        row <= nozzleRow &&
        column >= nozzleColumn - 1 &&
        column <= nozzleColumn + 1
      )
        return row === nozzleRow && column !== nozzleColumn ? BACKGROUND : nozzle;
      return BACKGROUND;
    },
  };
  return encodeBlockJpeg(image);
}
