/** Every ```ts block of the README runs as-is against the mock and exits by itself. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const dir = new URL('./.readme-blocks/', import.meta.url);

describe('README examples', () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  blocks.forEach((code, index) => {
    const title = code.split('\n').find((line) => line.includes('create')) ?? `block ${index}`;
    it(`runs block ${index + 1}: ${title.trim().slice(0, 60)}`, async () => {
      const file = new URL(`block-${index}.ts`, dir);
      writeFileSync(file, code);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(/* @vite-ignore */ file.href);
        expect(log).toHaveBeenCalled();
      } finally {
        log.mockRestore();
      }
    }, 20_000);
  });
});

describe('README sections', () => {
  it('has the Policies section with the ten shared policies', () => {
    const section = /\n## Policies\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    for (let n = 1; n <= 10; n++) expect(section, `policy ${n}`).toMatch(new RegExp(`\\n${n}\\. `));
    expect(section).toContain('Unknown enum values');
    expect(section).toContain('Auth refused on a RECONNECT');
  });
});
