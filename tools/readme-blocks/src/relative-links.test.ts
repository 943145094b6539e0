import { describe, expect, it } from 'vitest';
import { relativeLinks } from './relative-links.js';

describe('relativeLinks', () => {
  it('finds relative inline and reference links, not absolute ones, anchors or code', () => {
    const markdown = [
      'See [the CLI](../cli) and [core](https://github.com/x/y) or [below](#usage).',
      '[ref]: ./docs/guide.md',
      '```md',
      '[in a fence](../nope)',
      '```',
      'mail [me](mailto:a@b.c), ![logo](img/logo.png)',
    ].join('\n');
    expect(relativeLinks(markdown)).toEqual([
      { line: 1, target: '../cli' },
      { line: 2, target: './docs/guide.md' },
      { line: 6, target: 'img/logo.png' },
    ]);
  });
});
