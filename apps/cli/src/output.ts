/** Where the CLI writes (stdout, stderr or a test's memory stream), without loading anything else. */

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  /** A terminal's height, so `watch` fits its table to it. */
  readonly rows?: number;
}

export function writeLine(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}
