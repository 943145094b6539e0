/**
 * Klipper's G-code line parser: `G1 X10 Y5` (traditional: a letter and a number, parameters are
 * letter+value, upper-cased) and `SET_HEATER_TEMPERATURE HEATER=extruder TARGET=200` (extended:
 * KEY=value pairs, values may be quoted). Comments after `;` are dropped.
 */

export interface GcodeCommand {
  /** Upper-cased command word, e.g. 'G1', 'SET_HEATER_TEMPERATURE'. */
  readonly command: string;
  /** Upper-cased parameter names → raw values. */
  readonly params: Readonly<Record<string, string>>;
  /** Everything after the command word (for M117, M118, RESPOND). */
  readonly rest: string;
  /** The line as sent, without the comment (Klipper quotes it in errors). */
  readonly line: string;
}

export function parseGcodeLine(raw: string): GcodeCommand | undefined {
  const line = raw.replace(/;.*$/, '').trim();
  if (!line) return undefined;
  const match = /^(\S+)\s*(.*)$/.exec(line);
  const word = (match?.[1] ?? '').toUpperCase();
  const rest = match?.[2] ?? '';
  const params: Record<string, string> = {};
  if (/^[A-Z]\d+(\.\d+)?$/.test(word)) {
    for (const p of rest.toUpperCase().matchAll(/([A-Z])([^A-Z\s]*)/g)) params[p[1] ?? ''] = p[2] ?? '';
  } else {
    for (const p of rest.matchAll(/(\S+?)=("[^"]*"|'[^']*'|\S*)/g)) {
      const value = p[2] ?? '';
      params[(p[1] ?? '').toUpperCase()] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
    }
  }
  return { command: word, params, rest, line };
}
