/**
 * HTTP Digest, client side (RFC 7616, and RFC 2069's form without qop, which is what the Buddy
 * firmware speaks: realm "Printer API", user "maker", a 16-hex-digit nonce valid for 300 s, no qop,
 * `stale=true` when only the nonce expired — lib/WUI/nhttp/req_parser.cpp).
 *
 * One challenge is kept and reused for every request (with `nc` counting up when qop is used), so a
 * printer is asked once, not once per request; a `stale=true` answer replaces the nonce.
 */
import { md5Hex } from './md5.js';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque: string | undefined;
  /** `auth` when the server offers it (we never use `auth-int`). */
  readonly qop: 'auth' | undefined;
  readonly algorithm: DigestAlgorithm;
  readonly stale: boolean;
}

const ALGORITHMS: ReadonlyMap<string, DigestAlgorithm> = new Map([
  ['md5', 'MD5'],
  ['md5-sess', 'MD5-sess'],
  ['sha-256', 'SHA-256'],
  ['sha-256-sess', 'SHA-256-sess'],
]);

/** Parameters of the first `Digest` challenge in a `WWW-Authenticate` value, or undefined. */
export function parseDigestChallenge(header: string | undefined): DigestChallenge | undefined {
  if (header === undefined) return undefined;
  const start = /(?:^|,)\s*Digest\s+/i.exec(header);
  if (!start) return undefined;
  const params = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/y;
  pattern.lastIndex = start.index + start[0].length;
  for (let match = pattern.exec(header); match && match[0] !== ''; match = pattern.exec(header)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!params.has(name))
      params.set(name, match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? ''));
    // A following `Scheme param=` (another challenge in the same header) ends this one.
    if (/^\s*[A-Za-z]+\s+[A-Za-z0-9_-]+\s*=/.test(header.slice(pattern.lastIndex))) break;
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined || nonce === '') return undefined;
  const algorithm = ALGORITHMS.get((params.get('algorithm') ?? 'MD5').toLowerCase());
  if (!algorithm) return undefined;
  const qops = (params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
  return {
    realm,
    nonce,
    opaque: params.get('opaque'),
    qop: qops.includes('auth') ? 'auth' : undefined,
    algorithm,
    stale: (params.get('stale') ?? '').toLowerCase() === 'true',
  };
}

async function hash(algorithm: DigestAlgorithm, text: string): Promise<string> {
  if (algorithm.startsWith('MD5')) return md5Hex(text);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class DigestSession {
  readonly #username: string;
  readonly #password: string;
  #challenge: DigestChallenge | undefined;
  #nc = 0;
  /** HA1 of the current challenge (it depends only on user, realm and password, except for -sess). */
  #ha1: Promise<string> | undefined;

  readonly #newCnonce: () => string;

  /** `newCnonce` is for tests (a fixed client nonce); the default draws 8 random bytes. */
  constructor(username: string, password: string, newCnonce: () => string = () => randomHex(8)) {
    this.#username = username;
    this.#password = password;
    this.#newCnonce = newCnonce;
  }

  /** Whether a challenge is known (requests can carry `Authorization` right away). */
  get ready(): boolean {
    return this.#challenge !== undefined;
  }

  /** Takes a new challenge (the first one, or a fresh nonce after `stale=true`). */
  accept(challenge: DigestChallenge): void {
    this.#challenge = challenge;
    this.#nc = 0;
    this.#ha1 = hash(challenge.algorithm, `${this.#username}:${challenge.realm}:${this.#password}`);
  }

  /** Forgets the challenge (the next request asks for a new one). */
  reset(): void {
    this.#challenge = undefined;
    this.#nc = 0;
    this.#ha1 = undefined;
  }

  /** The `Authorization` value for `method` and `uri` (path and query, as sent). */
  async authorization(method: string, uri: string): Promise<string | undefined> {
    const challenge = this.#challenge;
    if (!challenge) return undefined;
    const { realm, nonce, algorithm, qop, opaque } = challenge;
    const sess = algorithm.endsWith('-sess');
    // A client nonce only where the answer uses one (qop, -sess); the firmware's scheme has neither.
    const cnonce = qop || sess ? this.#newCnonce() : '';
    let ha1 = await (this.#ha1 ?? hash(algorithm, `${this.#username}:${realm}:${this.#password}`));
    if (sess) ha1 = await hash(algorithm, `${ha1}:${nonce}:${cnonce}`);
    const ha2 = await hash(algorithm, `${method}:${uri}`);
    const parts = [
      `username=${quote(this.#username)}`,
      `realm=${quote(realm)}`,
      `nonce=${quote(nonce)}`,
      `uri=${quote(uri)}`,
      `algorithm=${algorithm}`,
    ];
    let response: string;
    if (qop) {
      this.#nc += 1;
      const nc = this.#nc.toString(16).padStart(8, '0');
      response = await hash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
      parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
    } else {
      response = await hash(algorithm, `${ha1}:${nonce}:${ha2}`);
    }
    parts.push(`response=${quote(response)}`);
    if (opaque !== undefined) parts.push(`opaque=${quote(opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
