/**
 * The camera side as a camera (or a camera script) meets it: registration by the user, then
 * `PUT /c/snapshot` and `PUT /c/info` with `Token` + `Fingerprint`; the app then shows the pushed
 * snapshot. Plain fetch and curl.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curl } from './curl-helper.js';
import { useFreshMock } from './fresh-mock.js';
import { TOKEN, UUID } from './helpers.js';

const t = useFreshMock();
const FINGERPRINT = '6f1c2a3b4d5e6f708192a3b4c5d6e7f8';
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

interface Camera {
  id: number;
  token: string;
  origin: string;
  registered: boolean;
  printer_uuid: string;
  team_id: number;
  name?: string;
  config?: Record<string, unknown>;
}

async function register(origin = 'OTHER'): Promise<Camera> {
  const reply = await t.call<Camera>(`/app/printers/${UUID}/camera?origin=${origin}`, { method: 'POST' });
  expect(reply.status).toBe(201);
  return reply.json;
}

const push = (token: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${t.mock.url}/c/snapshot`, {
    method: 'PUT',
    headers: { Token: token, Fingerprint: FINGERPRINT, 'Content-Type': 'image/jpg', ...headers },
    body,
  });

const info = (token: string, body: unknown, fingerprint = FINGERPRINT) =>
  fetch(`${t.mock.url}/c/info`, {
    method: 'PUT',
    headers: { Token: token, Fingerprint: fingerprint, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('camera registration', () => {
  it('POST /app/printers/{uuid}/camera creates an unregistered camera with a 20-character token', async () => {
    const camera = await register();
    expect(camera).toMatchObject({ origin: 'OTHER', registered: false, printer_uuid: UUID, team_id: 1 });
    expect(camera.token).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await register('WEB')).origin).toBe('WEB');
    const listed = await t.call<{ cameras: Camera[] }>(`/app/printers/${UUID}/cameras`);
    expect(listed.json.cameras.map((c) => c.id)).toContain(camera.id);
    expect(t.mock.printer().cameraIds).toContain(camera.id);
  });

  it('a bad origin is 400, no token 401, too many cameras 403', async () => {
    const bad = await t.call(`/app/printers/${UUID}/camera?origin=LINK`, { method: 'POST' });
    expect([bad.status, bad.json.reason]).toEqual([400, 'Invalid query parameter: origin']);
    expect((await t.call(`/app/printers/${UUID}/camera`, { method: 'POST', token: null })).status).toBe(401);
    for (let i = 0; i < 15; i++) await register();
    const full = await t.call(`/app/printers/${UUID}/camera`, { method: 'POST' });
    expect([full.status, full.json.reason]).toEqual([403, 'Too many cameras']);
  });
});

describe('PUT /c/snapshot', () => {
  it('a pushed snapshot is what the app’s snapshot endpoint shows, with ETag/304; the camera is then registered', async () => {
    const camera = await register();
    const before = await t.call(`/app/cameras/${camera.id}/snapshots/last`);
    expect([before.status, before.json.code]).toEqual([404, 'NOT_FOUND_SNAPSHOT']);
    const pushed = await push(camera.token, JPEG);
    expect([pushed.status, await pushed.text()]).toEqual([204, '']);
    const last = await fetch(`${t.mock.url}/app/cameras/${camera.id}/snapshots/last?printer_uuid=${UUID}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(last.status).toBe(200);
    expect(last.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await last.arrayBuffer())).toEqual(JPEG);
    const etag = last.headers.get('etag') ?? '';
    expect(
      (await t.call(`/app/cameras/${camera.id}/snapshots/last`, { headers: { 'If-None-Match': etag } }))
        .status,
    ).toBe(304);
    const cameras = await t.call<{ cameras: Camera[] }>('/app/cameras');
    expect(cameras.json.cameras.find((c) => c.id === camera.id)?.registered).toBe(true);

    const second = Uint8Array.from([0xff, 0xd8, 9, 9, 0xff, 0xd9]);
    expect((await push(camera.token, second)).status).toBe(204);
    const changed = await t.call(`/app/cameras/${camera.id}/snapshots/last`, {
      headers: { 'If-None-Match': etag },
    });
    expect(changed.status).toBe(200);
  });

  it('refuses missing or unknown credentials, a foreign fingerprint, wrong types, empty and oversized images', async () => {
    const camera = await register();
    const plain = (headers: Record<string, string>) =>
      fetch(`${t.mock.url}/c/snapshot`, { method: 'PUT', headers, body: JPEG });
    const unauthorized = { message: 'Missing or invalid security token', code: 'UNAUTHORIZED' };
    expect(await (await plain({ Fingerprint: FINGERPRINT, 'Content-Type': 'image/jpg' })).json()).toEqual(
      unauthorized,
    );
    expect((await plain({ Token: camera.token, 'Content-Type': 'image/jpg' })).status).toBe(401);
    expect((await push('constructor', JPEG)).status).toBe(401);
    expect((await push('__proto__', JPEG)).status).toBe(401);
    const short = await push(camera.token, JPEG, { Fingerprint: 'short' });
    expect([short.status, ((await short.json()) as { reason: string }).reason]).toEqual([
      400,
      'Fingerprint must have 16 to 64 characters',
    ]);
    expect((await push(camera.token, JPEG, { 'Content-Type': 'image/png' })).status).toBe(400);
    expect((await push(camera.token, new Uint8Array(0))).status).toBe(400);
    expect((await push(camera.token, JPEG)).status).toBe(204);
    const foreign = await push(camera.token, JPEG, { Fingerprint: 'ffffffffffffffffffffffffffffffff' });
    expect([foreign.status, ((await foreign.json()) as { reason: string }).reason]).toEqual([
      400,
      'Invalid fingerprint',
    ]);
    const huge = await push(camera.token, new Uint8Array(16 * 1024 * 1024 + 1));
    expect([huge.status, ((await huge.json()) as { code: string }).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('a simulated camera’s token is bound to its own fingerprint', async () => {
    const simulated = (await t.call<{ cameras: Camera[] }>('/app/cameras')).json.cameras[0];
    expect((await push(simulated?.token ?? '', JPEG)).status).toBe(400);
  });

  it('curl streams a 16 MiB-capped upload: an image from a file works, a chunked 17 MiB one is 413', async () => {
    const camera = await register();
    const dir = await mkdtemp(join(tmpdir(), 'pk-cam-'));
    await writeFile(join(dir, 'snap.jpg'), JPEG);
    const headers = [
      '-H',
      `Token: ${camera.token}`,
      '-H',
      `Fingerprint: ${FINGERPRINT}`,
      '-H',
      'Content-Type: image/jpg',
    ];
    expect(
      await curl(
        '-X',
        'PUT',
        ...headers,
        '--data-binary',
        `@${join(dir, 'snap.jpg')}`,
        `${t.mock.url}/c/snapshot`,
      ),
    ).toEqual({
      status: 204,
      body: '',
    });
    await writeFile(join(dir, 'big.jpg'), new Uint8Array(17 * 1024 * 1024));
    const big = await curl(
      '-X',
      'PUT',
      ...headers,
      '-H',
      'Transfer-Encoding: chunked',
      '--data-binary',
      `@${join(dir, 'big.jpg')}`,
      `${t.mock.url}/c/snapshot`,
    );
    expect(big.status).toBe(413);
  }, 20_000);
});

describe('PUT /c/info', () => {
  const body = {
    config: {
      name: 'Garage cam',
      path: '/dev/video0',
      driver: 'V4L2',
      trigger_scheme: 'TEN_SEC',
      resolution: { width: 1280, height: 720 },
      network_info: { wifi_ssid: 'Workshop' },
    },
    options: { available_resolutions: [{ width: 1280, height: 720 }] },
    capabilities: ['trigger_scheme', 'resolution'],
  };

  it('answers the camera_response and changes what the app lists', async () => {
    const camera = await register();
    const reply = await info(camera.token, body);
    expect(reply.status).toBe(200);
    const json = (await reply.json()) as Camera & { options: unknown; capabilities: string[] };
    expect(json).toMatchObject({ id: camera.id, name: 'Garage cam', registered: true, origin: 'OTHER' });
    expect(json.config).toEqual(body.config);
    expect(json.capabilities).toEqual(['trigger_scheme', 'resolution']);
    const listed = (await t.call<{ cameras: Camera[] }>('/app/cameras')).json.cameras.find(
      (c) => c.id === camera.id,
    );
    expect(listed?.name).toBe('Garage cam');
  });

  it.each([
    ['no config', {}, 'config is required and must be an object'],
    ['no name', { config: { path: 'x' } }, 'config.name is required'],
    [
      'a long name',
      { config: { name: 'x'.repeat(65) } },
      'config.name must be a string of at most 64 characters',
    ],
    [
      'an unknown scheme',
      { config: { name: 'a', trigger_scheme: 'HOURLY' } },
      'config.trigger_scheme must be one of MANUAL, EACH_LAYER, FIFTH_LAYER, GCODE, TEN_SEC, THIRTY_SEC, SIXTY_SEC, TEN_MIN',
    ],
    [
      'a bad resolution',
      { config: { name: 'a', resolution: { width: 'x' } } },
      'config.resolution.width must be a whole number',
    ],
    [
      'a __proto__ key',
      JSON.parse('{"config":{"name":"a","__proto__":{"x":1}}}'),
      'config.__proto__ is not a known field',
    ],
    [
      'an unknown capability',
      { config: { name: 'a' }, capabilities: ['zoom'] },
      'capabilities must be a list of trigger_scheme, imaging, resolution, focus',
    ],
  ])('400 for %s', async (_label, bad, reason) => {
    const camera = await register();
    const reply = await info(camera.token, bad);
    expect([reply.status, ((await reply.json()) as { reason: string }).reason]).toEqual([400, reason]);
  });

  it('a foreign fingerprint is 403; broken JSON 400', async () => {
    const camera = await register();
    expect((await info(camera.token, body)).status).toBe(200);
    expect((await info(camera.token, body, 'ffffffffffffffffffffffffffffffff')).status).toBe(403);
    expect((await info(camera.token, '{"config":')).status).toBe(400);
  });

  it('curl: info with a bad body, then a good one', async () => {
    const camera = await register();
    const headers = [
      '-H',
      `Token: ${camera.token}`,
      '-H',
      `Fingerprint: ${FINGERPRINT}`,
      '-H',
      'Content-Type: application/json',
    ];
    expect(await curl('-X', 'PUT', ...headers, '--data', '[]', `${t.mock.url}/c/info`)).toEqual({
      status: 400,
      body: '{"code":"BAD_REQUEST","message":"Bad request","reason":"JSON body must be an object"}',
    });
    const good = await curl(
      '-X',
      'PUT',
      ...headers,
      '--data',
      '{"config":{"name":"cam"}}',
      `${t.mock.url}/c/info`,
    );
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ name: 'cam', registered: true });
  });
});

describe('POST /app/cameras/{token}/snapshots (the SDK’s trigger)', () => {
  it('204 for a known token, 404 otherwise', async () => {
    const camera = await register();
    expect((await t.call(`/app/cameras/${camera.token}/snapshots`, { method: 'POST' })).status).toBe(204);
    const unknown = await t.call('/app/cameras/constructor/snapshots', { method: 'POST' });
    expect([unknown.status, unknown.json.code]).toEqual([404, 'NOT_FOUND_CAMERA']);
  });
});
