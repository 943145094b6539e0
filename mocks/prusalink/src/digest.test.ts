import { describe, expect, it } from 'vitest';
import { challengeHeader, DigestNonces, md5Hex, parseDigestHeader } from './digest.js';

const config = { username: 'maker', password: 'pw', realm: 'Printer API', lifetimeSeconds: 300, qop: false };

function answer(nonce: string, method = 'GET', uri = '/api/v1/status', password = 'pw'): Map<string, string> {
  const ha1 = md5Hex(`maker:Printer API:${password}`);
  const response = md5Hex(`${ha1}:${nonce}:${md5Hex(`${method}:${uri}`)}`);
  return new Map([
    ['username', 'maker'],
    ['nonce', nonce],
    ['response', response],
  ]);
}

describe('mock digest', () => {
  it('issues 16-hex nonces: the boot random, then the clock seconds', () => {
    let now = 1_000_000;
    const nonces = new DigestNonces(() => now);
    const first = nonces.issue();
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(Number.parseInt(first.slice(8), 16)).toBe(1_000);
    now += 5_000;
    const second = nonces.issue();
    expect(second.slice(0, 8)).toBe(first.slice(0, 8));
    expect(Number.parseInt(second.slice(8), 16)).toBe(1_005);
  });

  it('accepts a right answer until the nonce is 300 s old, then reports stale only for right answers', () => {
    let now = 0;
    const nonces = new DigestNonces(() => now);
    const nonce = nonces.issue();
    expect(nonces.verify(answer(nonce), 'GET', '/api/v1/status', config)).toEqual({ ok: true });
    expect(
      nonces.verify(answer(nonce, 'GET', '/api/v1/status', 'bad'), 'GET', '/api/v1/status', config),
    ).toEqual({ ok: false, stale: false });
    now = 299_999;
    expect(nonces.verify(answer(nonce), 'GET', '/api/v1/status', config).ok).toBe(true);
    now = 300_000;
    expect(nonces.verify(answer(nonce), 'GET', '/api/v1/status', config)).toEqual({ ok: false, stale: true });
    expect(
      nonces.verify(answer(nonce, 'GET', '/api/v1/status', 'bad'), 'GET', '/api/v1/status', config),
    ).toEqual({ ok: false, stale: false });
  });

  it('an empty password disables the login, as on the firmware', () => {
    const nonces = new DigestNonces(() => 0);
    const nonce = nonces.issue();
    const params = answer(nonce, 'GET', '/', '');
    expect(nonces.verify(params, 'GET', '/', { ...config, password: '' }).ok).toBe(false);
  });

  it('parses quoted, escaped and bare parameters into a Map; refuses what is not Digest', () => {
    const params = parseDigestHeader('Digest username="ma\\"ker", nonce=abc, constructor="x", qop=auth');
    expect(params?.get('username')).toBe('ma"ker');
    expect(params?.get('nonce')).toBe('abc');
    expect(params?.get('constructor')).toBe('x');
    expect(parseDigestHeader('Basic abc')).toBeUndefined();
    expect(parseDigestHeader('Digest "unterminated')).toBeUndefined();
  });

  it('writes the firmware challenge', () => {
    expect(challengeHeader('0123456789abcdef', true, config)).toBe(
      'Digest realm="Printer API", nonce="0123456789abcdef", stale=true',
    );
  });
});
