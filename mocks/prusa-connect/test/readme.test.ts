/** Every ts block of the README runs as-is against the mock (the vitest one runs as its twin test file). */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const dir = new URL('./.readme-blocks/', import.meta.url);

/** What each block prints, found by a phrase in its code. */
const EXPECTED: Array<[string, Array<string | RegExp>]> = [
  ["kind: 'error-reply', message: 'Busy'", [/FAILED.*Busy|Busy.*FAILED/]],
  ['/c/snapshot', ['204', 'image/jpeg 8']],
  ['/o/token/', ['200']],
  ["origins: ['http://localhost:5173']", ['204 http://localhost:5173']],
  ['retryAfterSeconds: 2', ['429 2']],
];

describe('README examples', () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const runnable = blocks.filter((block) => !block.includes('useMockPrusaConnect'));

  it('has the examples this test knows', () => {
    for (const [phrase] of EXPECTED)
      expect(
        runnable.some((b) => b.includes(phrase)),
        phrase,
      ).toBe(true);
  });

  it.each(runnable.map((code, index) => [index, code] as const))(
    'block %i runs and exits',
    async (index, code) => {
      const file = new URL(`block-${index}.ts`, dir);
      writeFileSync(file, code);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(/* @vite-ignore */ file.href);
        const printed = log.mock.calls.map((call) =>
          call.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '),
        );
        const expected = EXPECTED.find(([phrase]) => code.includes(phrase))?.[1];
        if (expected) {
          expect(printed).toHaveLength(expected.length);
          expected.forEach((line, i) => {
            if (typeof line === 'string') expect(printed[i]).toBe(line);
            else expect(printed[i]).toMatch(line);
          });
        }
      } finally {
        log.mockRestore();
      }
    },
  );
});

describe('README vitest example', () => {
  it('is the same code as readme-vitest-example.test.ts', () => {
    const example = readFileSync(new URL('./readme-vitest-example.test.ts', import.meta.url), 'utf8');
    const block = blocks.find((b) => b.includes('useMockPrusaConnect'));
    expect(example).toContain(block?.trim());
  });
});
