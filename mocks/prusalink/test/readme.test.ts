/** The README's ts examples run as-is (the vitest one is checked by vitest-helper.test.ts's twin below). */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const dir = new URL('./.readme-blocks/', import.meta.url);

describe('README examples', () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the start example', async () => {
    const code = blocks.find((block) => block.includes('startMockPrusaLink('));
    expect(code).toBeDefined();
    const file = new URL('start.ts', dir);
    writeFileSync(file, code ?? '');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ file.href);
      expect(log.mock.calls.map((call) => call.join(' '))).toEqual([
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        '200 IDLE',
        'PRINTING',
      ]);
    } finally {
      log.mockRestore();
    }
  });
});

describe('README vitest example', () => {
  it('is the same code as readme-vitest-example.test.ts', () => {
    const example = readFileSync(new URL('./readme-vitest-example.test.ts', import.meta.url), 'utf8');
    const block = blocks.find((b) => b.includes('useMockPrusaLink'));
    expect(example).toContain(block?.trim());
  });
});
