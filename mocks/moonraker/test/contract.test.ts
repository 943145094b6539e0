/**
 * The rule clients depend on: every component `server.info` lists has every endpoint Moonraker
 * v0.10.0 gives it (src/contract.ts). Checked twice: in the method table the transports dispatch
 * through, and on the wire (read-only endpoints answered by something other than "not found").
 */
import { describe, expect, it } from 'vitest';
import { LISTED_COMPONENTS } from '../src/components.js';
import { CONTRACT, type ContractEntry } from '../src/contract.js';
import { METHODS } from '../src/methods/index.js';
import { client, mock } from './setup.js';

/** Routes served outside the method table (http.ts): upload, downloads, file delete. */
const SPECIAL_ROUTES = new Set([
  'POST /server/files/upload',
  'GET /server/files/{root}/{path}',
  'DELETE /server/files/{root}/{path}',
  'GET /server/files/klippy.log',
  'GET /server/files/moonraker.log',
]);

const listed = (entry: ContractEntry) =>
  entry.component === 'server' || LISTED_COMPONENTS.includes(entry.component);

function routesOf(method: string): string[] {
  const spec = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  return (spec?.http ?? []).map((route) => `${route.verb} ${route.path}`);
}

/** What is missing for one entry, or undefined when the fake has it. */
function missing(entry: ContractEntry): string | undefined {
  if (entry.method !== undefined) {
    const spec = Object.hasOwn(METHODS, entry.method) ? METHODS[entry.method] : undefined;
    if (!spec) return `${entry.method}: no JSON-RPC method`;
    if (entry.http === undefined && spec.http?.length)
      return `${entry.method}: has HTTP routes Moonraker does not`;
  }
  if (entry.http === undefined) return undefined;
  if (SPECIAL_ROUTES.has(entry.http)) return undefined;
  const [verb, path] = entry.http.split(' ') as [string, string];
  const wanted =
    entry.component === 'klippy_connection' ? [`GET ${path}`, `POST ${path}`] : [`${verb} ${path}`];
  const have = entry.method ? routesOf(entry.method) : [];
  const absent = wanted.filter((route) => !have.includes(route));
  return absent.length > 0 ? `${entry.method ?? entry.http}: no route ${absent.join(', ')}` : undefined;
}

describe('contract: listed components are complete', () => {
  it('every contract entry names its source and documentation in Moonraker v0.10.0', () => {
    for (const entry of CONTRACT) {
      expect(entry.source).toMatch(/^moonraker\/.+\.py#L\d+$/);
      expect(entry.doc).toMatch(/^docs\/external_api\/.+\.md#L\d+$/);
    }
  });

  it('every endpoint of every listed component is in the method table with its HTTP routes', () => {
    const gaps = CONTRACT.filter(listed)
      .map(missing)
      .filter((gap) => gap !== undefined);
    expect(gaps).toEqual([]);
  });

  it('server.info lists exactly LISTED_COMPONENTS, and read-only endpoints of them answer on the wire', async () => {
    const m = await mock();
    const s = await client(m);
    const info = (await s.result('server.info')) as { components: string[] };
    expect(info.components).toEqual([...LISTED_COMPONENTS]);
    for (const entry of CONTRACT.filter(listed)) {
      if (entry.method && (entry.http === undefined || entry.http.startsWith('GET '))) {
        const frame = JSON.parse(await s.call(entry.method, {})) as { error?: { message: string } };
        expect(frame.error?.message ?? 'answered', entry.method).not.toBe('Method not found');
      }
      if (entry.http?.startsWith('GET ') && !entry.http.includes('{')) {
        const response = await fetch(`${m.url}${entry.http.slice(4)}`);
        const text = await response.text();
        const message = response.ok
          ? 'answered'
          : (JSON.parse(text) as { error: { message: string } }).error.message;
        expect(message, entry.http).not.toMatch(/^(Not Found|Method Not Allowed)$/);
      }
    }
  });

  it('a component the fake does not complete is not listed (the check would fail for it)', () => {
    // `extensions` has endpoints the fake lacks: listing it must be caught by the check above.
    const extensionsEntry: ContractEntry = {
      component: 'extensions',
      method: 'server.extensions.list',
      http: 'GET /server/extensions/list',
      source: 'moonraker/components/extensions.py#L46',
      doc: 'docs/external_api/extensions.md#L29',
    };
    expect(missing(extensionsEntry)).toBe('server.extensions.list: no JSON-RPC method');
    expect(LISTED_COMPONENTS).not.toContain('extensions');
  });
});
