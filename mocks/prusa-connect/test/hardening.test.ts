/**
 * Issue 10 against the loopback server: bad request lines get 4xx with Connect's error shape (never a
 * 500, never the URL echoed), bodies are capped, and wire keys never reach Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import { curl } from './curl-helper.js';
import { useFreshMock } from './fresh-mock.js';
import { TOKEN, UUID } from './helpers.js';
import { bodyOf, rawHttp, statusOf } from './raw-http.js';

const t = useFreshMock();
const CANARY = 'canary-7f3e';

describe('request targets and methods', () => {
  it.each([
    ['a broken %-escape', `GET /app/printers/%zz${CANARY} HTTP/1.1`, 400],
    ['a lone % at the end', `GET /app/${CANARY}% HTTP/1.1`, 400],
    ['absolute-form', `GET http://evil.example/${CANARY} HTTP/1.1`, 400],
    ['the asterisk form', 'OPTIONS * HTTP/1.1', 400],
    ['TRACE', `TRACE /app/${CANARY} HTTP/1.1`, 405],
    ['TRACK (unknown to the HTTP parser)', `TRACK /app/${CANARY} HTTP/1.1`, 400],
    ['a broken request line', `GET /app/${CANARY}\u0001 HTTP/1.1`, 400],
    ['CONNECT', `CONNECT ${CANARY}.example:443 HTTP/1.1`, 405],
    ['PROPFIND', `PROPFIND /app/${CANARY} HTTP/1.1`, 405],
  ])('%s → %s with Connect’s error body, nothing echoed', async (_label, line, status) => {
    const reply = await rawHttp(t.mock.url, `${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(statusOf(reply)).toBe(status);
    const body = JSON.parse(bodyOf(reply)) as { code: string; message: string };
    expect(body.code).toBe(status === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST');
    expect(reply).not.toContain(CANARY);
  });

  it('headers too large → 431 with Connect’s shape', async () => {
    const reply = await rawHttp(
      t.mock.url,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(statusOf(reply)).toBe(431);
    expect(JSON.parse(bodyOf(reply))).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('the server keeps serving after each of them', async () => {
    await rawHttp(t.mock.url, 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await rawHttp(t.mock.url, 'GET http://x/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect((await t.call(`/app/printers/${UUID}`)).status).toBe(200);
  });

  it('curl: a bad %-escape in the path and TRACE', async () => {
    expect(await curl('-H', `Authorization: Bearer ${TOKEN}`, `${t.mock.url}/app/printers/%E0%A4%A`)).toEqual(
      {
        status: 400,
        body: '{"code":"BAD_REQUEST","message":"Bad request","reason":"Invalid percent-encoding in the request path"}',
      },
    );
    expect(await curl('-X', 'TRACE', `${t.mock.url}/app/printers`)).toEqual({
      status: 405,
      body: '{"code":"METHOD_NOT_ALLOWED","message":"Method not allowed"}',
    });
  });

  it('a bad %-escape in the query is not an error (the query is read leniently)', async () => {
    expect((await t.call('/app/printers?team_id=%zz')).status).toBe(400);
    expect((await t.call('/app/printers?x=%zz')).status).toBe(200);
  });
});

describe('request bodies are capped', () => {
  const P = `/app/printers/${UUID}`;

  it('a JSON body over 1 MiB is 413 (declared length), also when chunked', async () => {
    const big = JSON.stringify({ command: 'SEND_INFO', kwargs: {}, pad: 'x'.repeat(2 * 1024 * 1024) });
    const declared = await t.call(`${P}/commands/sync`, { method: 'POST', body: big });
    expect([declared.status, declared.json.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        controller.close();
      },
    });
    const chunked = await fetch(`${t.mock.url}${P}/commands/sync`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get('connection')).toBe('close');
  });

  it('an upload body longer than its Upload-Size is refused without reading it all', async () => {
    const upload = await t.call<{ id: number }>('/app/users/teams/1/uploads', {
      method: 'POST',
      body: { destination: '/usb/', filename: 'a.gcode', size: 10 },
    });
    const put = await fetch(`${t.mock.url}/app/teams/1/files/raw?upload_id=${upload.json.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Upload-Size': '10', 'Content-Type': 'text/x.gcode' },
      body: new Uint8Array(5 * 1024 * 1024),
    });
    expect(put.status).toBe(413);
  });
});

describe('lookups keyed by wire data use own properties only', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s as a printer uuid, team, job, camera, upload or hash is a 4xx, never a 500',
    async (key) => {
      const paths = [
        `/app/printers/${key}`,
        `/app/printers/${UUID}/jobs/${key}`,
        `/app/users/teams/${key}/uploads`,
        `/app/teams/${key}/files`,
        `/app/teams/1/files/${key}`,
        `/app/teams/1/files/${key}/raw`,
        `/app/cameras/${key}/snapshots/last`,
        `/app/stats/printers/${key}/jobs_success`,
        `/app/printers/${UUID}/jobs?state=${key}`,
        `/app/printers/${UUID}/events?event=${key}`,
      ];
      for (const path of paths) {
        const reply = await t.call(path);
        expect(reply.status, path).toBeGreaterThanOrEqual(200);
        expect(reply.status, path).toBeLessThan(500);
        if (reply.status >= 400) expect(typeof reply.json.code, path).toBe('string');
      }
      const abort = await t.call(`/app/uploads/${key}/abort`, { method: 'POST' });
      expect(abort.status).toBe(400);
    },
  );
});

describe('maxUploadBytes', () => {
  const small = useFreshMock({ maxUploadBytes: 1000 });
  it('bounds what an upload may announce, and /app/config says so', async () => {
    const config = await small.call<{ auth: { max_upload_size: number } }>('/app/config', { token: null });
    expect(config.json.auth.max_upload_size).toBe(1000);
    const announce = (size: number) =>
      small.call('/app/users/teams/1/uploads', {
        method: 'POST',
        body: { destination: '/usb/', filename: 'a.gcode', size },
      });
    expect((await announce(1000)).status).toBe(201);
    const over = await announce(1001);
    expect([over.status, over.json.code]).toEqual([403, 'FORBIDDEN_STORAGE_QUOTA']);
  });
});

describe('memory stays bounded', () => {
  it('the queue takes 1000 entries, then 403', async () => {
    const P = `/app/printers/${UUID}/queue`;
    for (let batch = 0; batch < 20; batch++) {
      const added = await Promise.all(
        Array.from({ length: 50 }, () => t.call(P, { method: 'POST', body: { path: '/usb/benchy.gcode' } })),
      );
      expect(added.map((r) => r.status)).toEqual(Array(50).fill(201));
    }
    const full = await t.call(P, { method: 'POST', body: { path: '/usb/benchy.gcode' } });
    expect([full.status, full.json.reason]).toEqual([403, 'The queue is full']);
    const listed = await t.call<{ planned_jobs: Array<{ state: string }> }>(`${P}?limit=1`);
    expect(listed.json.planned_jobs[0]?.state).toBe('PLANNED');
  }, 30_000);

  it('100 open uploads at most, then 403 until one ends', async () => {
    const announce = () =>
      t.call<{ id: number; reason?: string }>('/app/users/teams/1/uploads', {
        method: 'POST',
        body: { destination: '/usb/', filename: 'a.gcode', size: 1 },
      });
    let first = 0;
    for (let i = 0; i < 100; i++) {
      const reply = await announce();
      expect(reply.status).toBe(201);
      if (i === 0) first = reply.json.id;
    }
    const refused = await announce();
    expect([refused.status, refused.json.reason]).toEqual([403, 'Too many open uploads']);
    expect((await t.call(`/app/uploads/${first}/abort`, { method: 'POST' })).status).toBe(204);
    expect((await announce()).status).toBe(201);
  }, 30_000);
});
