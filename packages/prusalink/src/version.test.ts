/** version.ts is generated at build time; a version bump without a build must not ship a stale value. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME, VERSION } from './version.js';

describe('version.ts', () => {
  it("equals package.json's name and version", () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      name: string;
      version: string;
    };
    expect({ PACKAGE_NAME, VERSION }).toEqual({ PACKAGE_NAME: manifest.name, VERSION: manifest.version });
  });
});
