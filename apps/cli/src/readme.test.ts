import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeWatchExample } from './watch/watch-fixtures.test-helper.js';

// The README's watch example is renderWatch's output, not a drawing: this test keeps it so.
describe('README', () => {
  it('shows the watch view exactly as renderWatch draws it', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /<!-- watch-example:start -->\n```text\n([\s\S]*?)\n```\n<!-- watch-example:end -->/.exec(
      readme,
    );
    expect(block?.[1]).toBe(readmeWatchExample());
  });
});
