/**
 * The TypeScript / JavaScript code blocks of a Markdown file, with where they start and the words
 * after the language in the fence (```ts no-run). Only fenced blocks count (``` or ~~~, at most three
 * spaces of indent, closed by the same fence character at least as long), as CommonMark reads them.
 */

export type BlockLanguage = 'ts' | 'js';

export interface CodeBlock {
  /** 1-based position among this file's ts/js blocks. */
  readonly index: number;
  /** 1-based line of the first code line (the line after the opening fence). */
  readonly line: number;
  readonly language: BlockLanguage;
  /** The words after the language, e.g. ['no-run']. */
  readonly flags: readonly string[];
  readonly code: string;
}

const LANGUAGES: Readonly<Record<string, BlockLanguage>> = {
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
};

const OPENING = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/;

export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPENING.exec(lines[i] ?? '');
    i += 1;
    if (!open) continue;
    const fence = open[1] ?? '```';
    const [word = '', ...flags] = (open[2] ?? '').trim().split(/\s+/);
    const start = i;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    while (i < lines.length && !closing.test(lines[i] ?? '')) i += 1;
    const body = lines.slice(start, i);
    i += 1; // the closing fence (or the end of the file: an unclosed block runs to the end)
    const language = Object.hasOwn(LANGUAGES, word.toLowerCase()) ? LANGUAGES[word.toLowerCase()] : undefined;
    if (language === undefined) continue;
    blocks.push({
      index: blocks.length + 1,
      line: start + 1,
      language,
      flags: flags.filter(Boolean),
      code: `${body.join('\n')}\n`,
    });
  }
  return blocks;
}

/** The one flag a block may carry: shown and typechecked, but not executed. */
export const NO_RUN = 'no-run';

/** Flags this harness does not know (a typo such as `norun` must not pass silently). */
export function unknownFlags(block: CodeBlock): string[] {
  return block.flags.filter((flag) => flag !== NO_RUN);
}

/** A block that is a vitest test file (imports vitest or a `/vitest` helper subpath) runs under vitest. */
export function isVitestBlock(block: CodeBlock): boolean {
  return /from\s+['"](vitest|[^'"]+\/vitest)['"]/.test(block.code);
}
