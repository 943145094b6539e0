/** Aligned text tables whose cells may be coloured without breaking the alignment. */
import type { Palette, Style } from './palette.js';

export interface Cell {
  text: string;
  style?: Style;
  /** Colours the padded text some other way (e.g. a two-tone progress bar); must keep its length. */
  paint?: (padded: string, palette: Palette) => string;
  align?: 'left' | 'right';
  /**
   * The row's last cell, free to run past its column (e.g. an error message in place of the job
   * columns): it does not widen the column for the other rows.
   */
  overflow?: boolean;
}

export type CellInput = string | Cell;

/** Terminal columns of a string: one per code point (all our symbols are single width). */
export function displayWidth(text: string): number {
  return [...text].length;
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

function toCell(input: CellInput): Cell {
  return typeof input === 'string' ? { text: input } : input;
}

/** Two spaces between columns; the last column is not padded, so lines have no trailing spaces. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly CellInput[])[],
  palette: Palette,
): string[] {
  const cells = rows.map((row) => row.map(toCell));
  const widths = header.map((title, i) =>
    Math.max(
      displayWidth(title),
      ...cells.map((row) => (row[i]?.overflow ? 0 : displayWidth(row[i]?.text ?? ''))),
    ),
  );
  const line = (row: readonly Cell[]) => {
    // Cells after an overflowing one are dropped: it has taken their place.
    const end = row.findIndex((cell) => cell.overflow);
    const shown = end === -1 ? row : row.slice(0, end + 1);
    const parts = shown.map((cell, i) => {
      const last = i === shown.length - 1;
      const gap = Math.max(0, (widths[i] ?? 0) - displayWidth(cell.text));
      const padded =
        cell.align === 'right'
          ? ' '.repeat(gap) + cell.text
          : last || cell.overflow
            ? cell.text
            : cell.text + ' '.repeat(gap);
      if (cell.paint) return cell.paint(padded, palette);
      return cell.style ? palette.paint(cell.style, padded) : padded;
    });
    return parts.join('  ').trimEnd();
  };
  return [
    line(header.map((title) => ({ text: title, style: 'bold' as const }))),
    ...cells.map((row) => line(row)),
  ];
}
