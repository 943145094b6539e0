/**
 * An app acting as a Connect camera (issue 13), against the mock's camera side: register a camera as
 * the user, then push info and a snapshot with its Token + Fingerprint, and read it back as the app.
 */
import { inspect } from 'node:util';
import { InvalidArgumentError } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectRejectedError, createConnectCamera } from '../src/index.js';
import { type Harness, rejectionOf, startHarness, UUID } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const FINGERPRINT = 'printkit-camera-fp-0001';
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

describe('createConnectCamera', () => {
  it('registers, describes itself, pushes a snapshot the app then reads; never sends the user token', async () => {
    const registered = await h.client.cameras.register(UUID);
    expect(registered).toMatchObject({ printer_uuid: UUID, registered: false, token: expect.any(String) });
    const sent: Array<{ url: string; headers: Headers }> = [];
    const camera = createConnectCamera({
      baseUrl: h.mock.url,
      token: registered.token ?? '',
      fingerprint: FINGERPRINT,
      fetch: (input, init) => {
        sent.push({ url: input, headers: new Headers(init.headers) });
        return fetch(input, init);
      },
    });
    const info = await camera.putInfo({
      config: { name: 'printkit cam', resolution: { width: 640, height: 480 } },
    });
    expect(info).toMatchObject({ id: registered.id, registered: true });
    await camera.putSnapshot(JPEG);
    const last = await h.client.cameras.snapshot(registered.id);
    expect(last.notModified).toBe(false);
    if (!last.notModified) expect([...last.data]).toEqual([...JPEG]);
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/c/info', '/c/snapshot']);
    for (const { headers } of sent) {
      expect(headers.get('authorization')).toBeNull();
      expect(headers.get('token')).toBe(registered.token);
      expect(headers.get('fingerprint')).toBe(FINGERPRINT);
    }
    expect(sent[1]?.headers.get('content-type')).toBe('image/jpg');
    await camera.close();
  });

  it('another fingerprint after the first contact is refused, without the credentials in the error', async () => {
    const registered = await h.client.cameras.register(UUID);
    const token = registered.token ?? '';
    const first = createConnectCamera({ baseUrl: h.mock.url, token, fingerprint: FINGERPRINT });
    await first.putSnapshot(JPEG);
    const other = createConnectCamera({ baseUrl: h.mock.url, token, fingerprint: 'another-fingerprint-99' });
    const error = await rejectionOf(other.putSnapshot(JPEG));
    expect(ConnectRejectedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400 });
    const text = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
    expect(text).not.toContain(token);
    expect(text).not.toContain('another-fingerprint-99');
    await Promise.all([first.close(), other.close()]);
  });

  it('refuses bad input before sending', async () => {
    expect(() => createConnectCamera({ token: '', fingerprint: FINGERPRINT })).toThrow(InvalidArgumentError);
    expect(() => createConnectCamera({ token: 't', fingerprint: 'short' })).toThrow(InvalidArgumentError);
    const camera = createConnectCamera({ baseUrl: h.mock.url, token: 't', fingerprint: FINGERPRINT });
    expect(InvalidArgumentError.isInstance(await rejectionOf(camera.putSnapshot(new Uint8Array())))).toBe(
      true,
    );
    await camera.close();
  });
});
