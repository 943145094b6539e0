/** Test-side HTTP helpers: plain fetch with a hand-made Digest answer, and curl. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export interface Challenge {
  realm: string;
  nonce: string;
  stale: string;
  qop?: string;
}

export function parseChallenge(header: string | null): Challenge {
  if (!header?.startsWith('Digest ')) throw new Error(`not a digest challenge: ${header}`);
  const get = (name: string) => new RegExp(`${name}="?([^",]*)"?`).exec(header)?.[1];
  const qop = get('qop');
  return {
    realm: get('realm') ?? '',
    nonce: get('nonce') ?? '',
    stale: get('stale') ?? '',
    ...(qop ? { qop } : {}),
  };
}

/** The RFC 2069 `Authorization` value the firmware expects (no qop). */
export function digestAuthorization(
  challenge: Challenge,
  method: string,
  uri: string,
  user = 'maker',
  password = 'printkit-pass',
): string {
  const ha1 = md5(`${user}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  if (challenge.qop) {
    const nc = '00000001';
    const cnonce = 'abcdef0123456789';
    const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    return `Digest username="${user}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
  }
  const response = md5(`${ha1}:${challenge.nonce}:${ha2}`);
  return `Digest username="${user}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", response="${response}"`;
}

/** fetch with Digest: one unauthenticated request for the challenge, then the real one. */
export async function digestFetch(
  base: string,
  path: string,
  init: RequestInit & { password?: string } = {},
): Promise<Response> {
  const method = init.method ?? 'GET';
  const first = await fetch(`${base}${path}`, { method });
  await first.arrayBuffer();
  const challenge = parseChallenge(first.headers.get('www-authenticate'));
  const headers = new Headers(init.headers);
  headers.set('Authorization', digestAuthorization(challenge, method, path, 'maker', init.password));
  return fetch(`${base}${path}`, { ...init, headers });
}

export interface CurlResult {
  status: number;
  body: string;
}

/** curl with `--digest`; `-w` prints the status after the body. */
export function curl(args: string[], password = 'printkit-pass'): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      ['-sS', '--digest', '-u', `maker:${password}`, '-w', '\n%{http_code}', ...args],
      { encoding: 'utf8', timeout: 10_000 },
      (error, stdout) => {
        if (error) return reject(error);
        const cut = stdout.lastIndexOf('\n');
        resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
      },
    );
  });
}
