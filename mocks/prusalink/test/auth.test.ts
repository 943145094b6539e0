/** Digest and X-Api-Key as the firmware enforces them, met with plain fetch. */
import { describe, expect, it } from 'vitest';
import { startMockPrusaLink } from '../src/index.js';
import { useMockPrusaLink } from '../src/vitest.js';
import { digestAuthorization, digestFetch, parseChallenge } from './helpers.js';

describe('digest auth', () => {
  const mock = useMockPrusaLink();

  it('challenges without credentials: realm "Printer API", a 16-hex nonce, stale=false, no qop', async () => {
    const response = await fetch(`${mock().url}/api/v1/status`);
    expect(response.status).toBe(401);
    const header = response.headers.get('www-authenticate') ?? '';
    expect(header).toMatch(/^Digest realm="Printer API", nonce="[0-9a-f]{16}", stale=false$/);
  });

  it('accepts a right answer and reuses the nonce for later requests', async () => {
    const first = await fetch(`${mock().url}/api/v1/info`);
    const challenge = parseChallenge(first.headers.get('www-authenticate'));
    for (const path of ['/api/v1/info', '/api/v1/status', '/api/version']) {
      const response = await fetch(`${mock().url}${path}`, {
        headers: { Authorization: digestAuthorization(challenge, 'GET', path) },
      });
      expect(response.status, path).toBe(200);
    }
  });

  it('refuses a wrong password with a fresh challenge and stale=false', async () => {
    const response = await digestFetch(mock().url, '/api/v1/status', { password: 'nope' });
    expect(response.status).toBe(401);
    expect(parseChallenge(response.headers.get('www-authenticate')).stale).toBe('false');
  });

  it('answers stale=true when a right answer uses an expired nonce (300 s on the printer clock)', async () => {
    const first = await fetch(`${mock().url}/api/v1/status`);
    const challenge = parseChallenge(first.headers.get('www-authenticate'));
    await mock().advance(299_000);
    const fresh = await fetch(`${mock().url}/api/v1/status`, {
      headers: { Authorization: digestAuthorization(challenge, 'GET', '/api/v1/status') },
    });
    expect(fresh.status).toBe(200);
    await mock().advance(2_000);
    const stale = await fetch(`${mock().url}/api/v1/status`, {
      headers: { Authorization: digestAuthorization(challenge, 'GET', '/api/v1/status') },
    });
    expect(stale.status).toBe(401);
    const next = parseChallenge(stale.headers.get('www-authenticate'));
    expect(next.stale).toBe('true');
    expect(next.nonce).not.toBe(challenge.nonce);
    const retried = await fetch(`${mock().url}/api/v1/status`, {
      headers: { Authorization: digestAuthorization(next, 'GET', '/api/v1/status') },
    });
    expect(retried.status).toBe(200);
  });

  it('makes every nonce stale on expireNonces() (a reboot)', async () => {
    const first = await fetch(`${mock().url}/api/v1/status`);
    const challenge = parseChallenge(first.headers.get('www-authenticate'));
    mock().expireNonces();
    const response = await fetch(`${mock().url}/api/v1/status`, {
      headers: { Authorization: digestAuthorization(challenge, 'GET', '/api/v1/status') },
    });
    expect(response.status).toBe(401);
    expect(parseChallenge(response.headers.get('www-authenticate')).stale).toBe('true');
  });

  it('binds the answer to the method and the request target', async () => {
    const first = await fetch(`${mock().url}/api/v1/status`);
    const challenge = parseChallenge(first.headers.get('www-authenticate'));
    const response = await fetch(`${mock().url}/api/v1/info`, {
      headers: { Authorization: digestAuthorization(challenge, 'GET', '/api/v1/status') },
    });
    expect(response.status).toBe(401);
  });

  it('answers malformed Authorization headers with 401, never 500', async () => {
    for (const value of [
      'Digest',
      'Digest ,,,',
      'Digest nonce="zz',
      'Basic bWFrZXI6eA==',
      'Digest constructor="x"',
    ]) {
      const response = await fetch(`${mock().url}/api/v1/status`, { headers: { Authorization: value } });
      expect(response.status, value).toBe(401);
    }
  });

  it('takes the password in X-Api-Key; a wrong key gets the ApiKey challenge', async () => {
    const ok = await fetch(`${mock().url}/api/v1/status`, { headers: { 'X-Api-Key': 'printkit-pass' } });
    expect(ok.status).toBe(200);
    const wrong = await fetch(`${mock().url}/api/v1/status`, { headers: { 'X-Api-Key': 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('ApiKey realm="Printer API"');
  });

  it('needs credentials for unknown /api paths too (401 first, 404 once authenticated)', async () => {
    expect((await fetch(`${mock().url}/api/v1/nothing`)).status).toBe(401);
    const response = await fetch(`${mock().url}/api/v1/nothing`, {
      headers: { 'X-Api-Key': 'printkit-pass' },
    });
    expect(response.status).toBe(404);
  });
});

describe('auth modes', () => {
  it('digest mode ignores X-Api-Key; api-key mode refuses Digest', async () => {
    const digestOnly = await startMockPrusaLink({ auth: 'digest' });
    const keyOnly = await startMockPrusaLink({ auth: 'api-key', apiKey: 'k3y' });
    try {
      const ignored = await fetch(`${digestOnly.url}/api/v1/status`, {
        headers: { 'X-Api-Key': 'printkit-pass' },
      });
      expect(ignored.status).toBe(401);
      expect(ignored.headers.get('www-authenticate')).toMatch(/^Digest /);
      expect((await fetch(`${keyOnly.url}/api/v1/status`, { headers: { 'X-Api-Key': 'k3y' } })).status).toBe(
        200,
      );
      const refused = await fetch(`${keyOnly.url}/api/v1/status`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('ApiKey realm="Printer API"');
    } finally {
      await digestOnly.stop();
      await keyOnly.stop();
    }
  });

  it('offers and checks qop="auth" when asked to (RFC 7616)', async () => {
    const mock = await startMockPrusaLink({ digestQop: true, realm: 'Administrator' });
    try {
      const first = await fetch(`${mock.url}/api/v1/status`);
      const challenge = parseChallenge(first.headers.get('www-authenticate'));
      expect(challenge).toMatchObject({ realm: 'Administrator', qop: 'auth' });
      const ok = await fetch(`${mock.url}/api/v1/status`, {
        headers: { Authorization: digestAuthorization(challenge, 'GET', '/api/v1/status') },
      });
      expect(ok.status).toBe(200);
      const withoutQop = await fetch(`${mock.url}/api/v1/status`, {
        headers: {
          Authorization: digestAuthorization(
            { ...challenge, qop: undefined } as never,
            'GET',
            '/api/v1/status',
          ),
        },
      });
      expect(withoutQop.status).toBe(401);
    } finally {
      await mock.stop();
    }
  });
});
