/**
 * Hostile input to the loopback server, generated with fast-check: any method fetch can send, paths
 * built from the real routes' segments mixed with prototype names, %-escapes (broken ones too) and a
 * canary, with or without a token, with JSON, broken JSON or binary bodies. Whatever comes: never a
 * 5xx, every error is Connect's `{code, message}` shape and never quotes the canary, and the mock
 * still answers a plain request afterwards.
 */
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createMockPrusaConnect } from '../src/index.js';
import { useFreshMock } from './fresh-mock.js';
import { TOKEN, UUID } from './helpers.js';

const t = useFreshMock();
const CANARY = 'cnry9q';
const RUNS = 400;

const segment = fc.oneof(
  fc.constantFrom(
    'app',
    'printers',
    UUID,
    'jobs',
    'commands',
    'sync',
    'queue',
    'files',
    'raw',
    'preview',
    'cameras',
    'snapshots',
    'last',
    'camera',
    'teams',
    'users',
    '1',
    'uploads',
    'abort',
    'stats',
    'jobs_success',
    'events',
    'telemetry',
    'c',
    'snapshot',
    'info',
    'o',
    'token',
  ),
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '..', '.', ''),
  fc.constantFrom('%zz', '%', '%E0%A4%A', '%00', '%2F', '%252F', `${CANARY}%`, CANARY),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
);

const path = fc
  .tuple(
    fc.array(segment, { minLength: 1, maxLength: 7 }),
    fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  )
  .map(
    ([parts, query]) => `/${parts.join('/')}${query === undefined ? '' : `?${query.replace(/[#\s]/g, '')}`}`,
  );

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"command":"constructor"}',
    '{"__proto__":{"x":1}}',
    `{"command":"START_PRINT","kwargs":{"path":"/usb/${CANARY}"}}`,
    '{"config":{"name":null}}',
    '{',
    'null',
  ),
  fc.uint8Array({ maxLength: 64 }),
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
  path,
  body,
  auth: fc.boolean(),
  contentType: fc.constantFrom(
    'application/json',
    'image/jpg',
    'application/x-www-form-urlencoded',
    'text/plain',
  ),
});

describe('hostile requests (fast-check)', () => {
  it(`${RUNS} generated requests: no 5xx, Connect's error shape, no canary in errors`, async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path: target, body: payload, auth, contentType }) => {
        const headers: Record<string, string> = { 'Content-Type': contentType };
        if (auth) headers.Authorization = `Bearer ${TOKEN}`;
        if (target.startsWith('/c/')) {
          headers.Token = CANARY.padEnd(20, 'x');
          headers.Fingerprint = `${CANARY}-fingerprint-0001`;
        }
        const hasBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
        const response = await fetch(`${t.mock.url}${target}`, {
          method,
          headers,
          ...(hasBody ? { body: payload } : {}),
        });
        const text = await response.text();
        answered += 1;
        expect(response.status, `${method} ${target}`).toBeLessThan(500);
        if (response.status >= 400 && method !== 'HEAD') {
          const error = JSON.parse(text) as Record<string, unknown>;
          const oauth = typeof error.error === 'string' || typeof error.detail === 'string';
          if (!oauth) {
            expect(typeof error.code, `${method} ${target}: ${text}`).toBe('string');
            expect(typeof error.message).toBe('string');
          }
          expect(text, `${method} ${target}`).not.toContain(CANARY);
        }
      }),
      { numRuns: RUNS, seed: 13 },
    );
    expect(answered).toBe(RUNS);
    expect(
      (await fetch(`${t.mock.url}/app/printers/${UUID}`, { headers: { Authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(200);
  }, 60_000);
});

describe('hostile requests in-process (msw setupServer, fast-check)', () => {
  it(`${RUNS / 2} generated /app requests: no 5xx, Connect's error shape, no canary in errors`, async () => {
    const mock = createMockPrusaConnect();
    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      await fc.assert(
        fc.asyncProperty(request, async ({ method, path: target, body: payload, auth, contentType }) => {
          const headers: Record<string, string> = { 'Content-Type': contentType };
          if (auth) headers.Authorization = `Bearer ${TOKEN}`;
          const hasBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
          // Dot segments can lead out of /app, where in-process nothing answers (msw would pass it on).
          const url = new URL(`https://connect.prusa3d.com/app${target}`);
          if (url.pathname !== '/app' && !url.pathname.startsWith('/app/')) return;
          const response = await fetch(url, {
            method,
            headers,
            ...(hasBody ? { body: payload } : {}),
          });
          const text = await response.text();
          expect(response.status, `${method} /app${target}`).toBeLessThan(500);
          if (response.status >= 400 && method !== 'HEAD') {
            const error = JSON.parse(text) as Record<string, unknown>;
            expect(typeof error.code, `${method} /app${target}: ${text}`).toBe('string');
            expect(text).not.toContain(CANARY);
          }
        }),
        { numRuns: RUNS / 2, seed: 14 },
      );
    } finally {
      server.close();
      mock.dispose();
    }
  }, 60_000);
});
