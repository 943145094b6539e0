import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestSession, parseDigestChallenge } from './digest.js';

const field = (header: string | undefined, name: string) =>
  new RegExp(`${name}="?([^",]*)"?`).exec(header ?? '')?.[1];

describe('DigestSession', () => {
  // RFC 7616 §3.9.1: the worked example, for MD5 and SHA-256.
  const example = (algorithm: string) =>
    parseDigestChallenge(
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, ` +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );

  it('answers the RFC 7616 example (MD5 and SHA-256)', async () => {
    for (const [algorithm, expected] of [
      ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
      ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
    ] as const) {
      const session = new DigestSession(
        'Mufasa',
        'Circle of Life',
        () => 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      );
      const challenge = example(algorithm);
      expect(challenge).toMatchObject({ qop: 'auth', algorithm, stale: false });
      session.accept(challenge!);
      const header = await session.authorization('GET', '/dir/index.html');
      expect(field(header, 'response')).toBe(expected);
      expect(field(header, 'nc')).toBe('00000001');
      expect(field(header, 'opaque')).toBe('FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS');
    }
  });

  it("answers the firmware's scheme (no qop): MD5(HA1:nonce:HA2), no cnonce", async () => {
    const md5 = (t: string) => createHash('md5').update(t).digest('hex');
    const session = new DigestSession('maker', 'pass');
    expect(session.ready).toBe(false);
    session.accept(
      parseDigestChallenge('Digest realm="Printer API", nonce="0123456789abcdef", stale=false')!,
    );
    const header = await session.authorization('PUT', '/api/v1/job/3/pause');
    const expected = md5(
      `${md5('maker:Printer API:pass')}:0123456789abcdef:${md5('PUT:/api/v1/job/3/pause')}`,
    );
    expect(field(header, 'response')).toBe(expected);
    expect(header).not.toContain('cnonce');
    expect(header).not.toContain('nc=');
  });

  it('answers MD5-sess with HA1 = MD5(MD5(user:realm:pass):nonce:cnonce)', async () => {
    const md5 = (t: string) => createHash('md5').update(t).digest('hex');
    const session = new DigestSession('u', 'p', () => 'cn');
    session.accept(parseDigestChallenge('Digest realm="r", nonce="n", algorithm=MD5-sess')!);
    const header = await session.authorization('GET', '/x');
    const ha1 = md5(`${md5('u:r:p')}:n:cn`);
    expect(field(header, 'response')).toBe(md5(`${ha1}:n:${md5('GET:/x')}`));
  });

  it('quotes user names with quotes and backslashes; forgets the challenge on reset()', async () => {
    const session = new DigestSession('a"b\\c', 'p');
    session.accept(parseDigestChallenge('Digest realm="r", nonce="n"')!);
    expect(await session.authorization('GET', '/')).toContain('username="a\\"b\\\\c"');
    session.reset();
    expect(session.ready).toBe(false);
    expect(await session.authorization('GET', '/')).toBeUndefined();
  });

  it('ignores challenges it cannot answer and other schemes in the same header', () => {
    expect(parseDigestChallenge('ApiKey realm="Printer API"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="r"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="r", nonce="n", algorithm=SHA-512-256')).toBeUndefined();
    expect(parseDigestChallenge('Basic realm="x", Digest realm="r", nonce="n", stale=TRUE')).toMatchObject({
      realm: 'r',
      nonce: 'n',
      stale: true,
    });
    expect(parseDigestChallenge('Digest realm="r", nonce="n", Basic realm="other"')?.realm).toBe('r');
  });
});
