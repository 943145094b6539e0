/** CORS as an option: off by default; `cors: true` or an origin list answers preflights on both origins. */
import { describe, expect, it } from 'vitest';
import { curl } from './curl-helper.js';
import { useFreshMock } from './fresh-mock.js';
import { TOKEN, UUID } from './helpers.js';

const APP = 'http://localhost:5173';
const P = `/app/printers/${UUID}`;

const preflight = (url: string, origin = APP, headers = 'authorization, content-type') =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': headers,
    },
  });

describe('CORS off (the default)', () => {
  const t = useFreshMock();
  it('answers no preflight and sends no CORS headers', async () => {
    const reply = await preflight(`${t.mock.url}${P}/commands/sync`);
    expect(reply.status).toBe(404);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${t.mock.url}${P}`, {
      headers: { Origin: APP, Authorization: `Bearer ${TOKEN}` },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('cors: true', () => {
  const t = useFreshMock({ cors: true });
  it('answers a preflight with 204 and the requested headers, on the app and the account origin', async () => {
    for (const url of [`${t.mock.url}${P}/commands/sync`, `${t.mock.accountUrl}/o/token/`]) {
      const reply = await preflight(url);
      expect(reply.status).toBe(204);
      expect(reply.headers.get('access-control-allow-origin')).toBe(APP);
      expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
      expect(reply.headers.get('access-control-allow-methods')).toContain('POST');
      expect(reply.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
      expect(reply.headers.get('access-control-max-age')).toBe('600');
    }
  });

  it('a normal answer (also an error) carries the origin and exposes ETag', async () => {
    const ok = await fetch(`${t.mock.url}${P}`, {
      headers: { Origin: APP, Authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('access-control-expose-headers')).toContain('ETag');
    const denied = await fetch(`${t.mock.url}${P}`, { headers: { Origin: APP } });
    expect([denied.status, denied.headers.get('access-control-allow-origin')]).toEqual([401, APP]);
    const noOrigin = await fetch(`${t.mock.url}${P}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(noOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('curl: a preflight', async () => {
    const reply = await curl(
      '-i',
      '-X',
      'OPTIONS',
      '-H',
      `Origin: ${APP}`,
      '-H',
      'Access-Control-Request-Method: PUT',
      `${t.mock.url}/c/snapshot`,
    );
    expect(reply.status).toBe(204);
    expect(reply.body.toLowerCase()).toContain(`access-control-allow-origin: ${APP}`);
    expect(reply.body).toContain('Token, Fingerprint');
  });
});

describe('cors: { origins }', () => {
  const t = useFreshMock({ cors: { origins: [APP] } });
  it('answers listed origins and refuses others with 403', async () => {
    expect((await preflight(`${t.mock.url}${P}`)).status).toBe(204);
    const other = await preflight(`${t.mock.url}${P}`, 'http://evil.example');
    expect([other.status, await other.json()]).toEqual([
      403,
      { code: 'FORBIDDEN', message: 'Origin not allowed' },
    ]);
    const get = await fetch(`${t.mock.url}${P}`, {
      headers: { Origin: 'http://evil.example', Authorization: `Bearer ${TOKEN}` },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});
