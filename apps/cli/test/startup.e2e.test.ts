/**
 * What `printkit` loads before it answers: `--help` and `--version` load no command module, no vendor
 * client and not the mock fleet (msw, aedes, graphql made them take ~0.65 s and ~100 MB RSS, measured
 * before this split); a command loads the client of the vendors it talks to, and nothing of the fleet.
 * A module resolve hook records every specifier the built binary resolves.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, run } from '../../mocks/test/spawn-helpers.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'printkit-startup-'));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      "  appendFileSync(process.env.PRINTKIT_RESOLVE_LOG, specifier + '\\n');",
      '  return next(specifier, context);',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function resolvedBy(args: string[], name: string) {
  const log = join(dir, `${name}.log`);
  writeFileSync(log, '');
  const result = await run(CLI_BIN, args, {
    cwd: dir,
    env: {
      PRINTKIT_RESOLVE_LOG: log,
      NODE_OPTIONS: `--import=${pathToFileURL(join(dir, 'register.mjs')).href}`,
    },
  });
  return { result, specifiers: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const HEAVY =
  /^(msw|aedes|graphql|mqtt|ws|undici|zod)(\/|$)|^@printkit\/(mocks-app|moonraker-client|anycubic-mqtt|prusa-connect|prusalink)/;

describe('printkit start-up', () => {
  it.each([['--help'], ['--version'], ['help', 'status'], ['status', '--help']])(
    '%s %s loads only the argument parser and the error helpers',
    async (...args) => {
      const { result, specifiers } = await resolvedBy(args, 'help');
      expect(result.code).toBe(0);
      // The hook saw the binary's own imports, so an empty heavy list means something.
      expect(specifiers).toContain('./main.js');
      expect(specifiers.filter((specifier) => HEAVY.test(specifier))).toEqual([]);
    },
  );

  it('a command loads the client of the vendor it talks to, no other, and not the mock fleet', async () => {
    writeFileSync(
      join(dir, 'printkit.config.json'),
      JSON.stringify({ printers: [{ name: 'voron', vendor: 'moonraker', url: 'http://127.0.0.1:1' }] }),
    );
    const { result, specifiers } = await resolvedBy(['status', '--timeout', '2000'], 'status');
    expect(result.code).toBe(4);
    expect(specifiers).toContain('@printkit/moonraker-client');
    expect(
      specifiers.filter((specifier) =>
        /^@printkit\/(mocks-app|anycubic-mqtt|prusa-connect|prusalink)/.test(specifier),
      ),
    ).toEqual([]);
  });
});
