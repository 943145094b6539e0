import { describe, expect, it } from 'vitest';
import { extractCodeBlocks, isVitestBlock, unknownFlags } from './extract-blocks.js';

describe('extractCodeBlocks', () => {
  it('takes ts and js blocks with their first line and flags, and skips the others', () => {
    const markdown = [
      '# title', //                      1
      '```sh', //                        2
      'npm i x', //                      3
      '```', //                          4
      '```ts', //                        5
      "import { a } from 'x';", //       6
      '```', //                          7
      '', //                             8
      '```js no-run', //                 9
      'run();', //                       10
      '```', //                          11
      '~~~typescript', //                12
      '```', //                          13
      '~~~', //                          14
    ].join('\n');
    expect(extractCodeBlocks(markdown)).toEqual([
      { index: 1, line: 6, language: 'ts', flags: [], code: "import { a } from 'x';\n" },
      { index: 2, line: 10, language: 'js', flags: ['no-run'], code: 'run();\n' },
      { index: 3, line: 13, language: 'ts', flags: [], code: '```\n' },
    ]);
  });

  it('needs a closing fence at least as long as the opening one', () => {
    const blocks = extractCodeBlocks(['````ts', 'a', '```', 'b', '````', 'after'].join('\n'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code).toBe('a\n```\nb\n');
  });

  it('ignores inline code and fences indented four spaces (indented code is not a fence)', () => {
    expect(extractCodeBlocks('use ```ts x``` inline\n    ```ts\n    y\n    ```\n')).toEqual([]);
  });

  it('finds unknown flags and vitest test files', () => {
    const [plain, flagged, test] = extractCodeBlocks(
      [
        '```ts',
        "import { x } from '@printkit/core-types';",
        '```',
        '```ts norun',
        'x',
        '```',
        '```ts',
        "import { useMockMoonraker } from '@printkit/mock-moonraker/vitest';",
        '```',
      ].join('\n'),
    );
    expect(unknownFlags(plain!)).toEqual([]);
    expect(unknownFlags(flagged!)).toEqual(['norun']);
    expect(isVitestBlock(plain!)).toBe(false);
    expect(isVitestBlock(test!)).toBe(true);
  });
});
