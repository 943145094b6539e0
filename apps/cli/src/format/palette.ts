/**
 * Colours, only when they help: on a TTY, never with NO_COLOR or --no-color. `styleText` is asked with
 * `validateStream: false` because we decide ourselves (its own check differs between Node versions).
 */
import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];

export interface Palette {
  readonly enabled: boolean;
  paint(style: Style, text: string): string;
}

export function createPalette(enabled: boolean): Palette {
  return {
    enabled,
    paint: (style, text) =>
      enabled && text.length > 0 ? styleText(style, text, { validateStream: false }) : text,
  };
}

export const PLAIN: Palette = createPalette(false);

/**
 * `--no-color` and NO_COLOR (any non-empty value, see no-color.org) switch colours off; `--color` and
 * FORCE_COLOR (not "0") switch them on; otherwise colours follow whether the stream is a terminal.
 */
export function wantsColor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  flags: { color?: boolean | undefined; noColor?: boolean | undefined },
): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
