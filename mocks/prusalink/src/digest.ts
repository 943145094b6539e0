/**
 * HTTP Digest as the Buddy firmware does it (lib/WUI/nhttp/req_parser.cpp, status_page.cpp):
 * - the nonce is 16 hex digits: a 32-bit random number drawn at boot, then the uptime in seconds;
 *   it is valid while the random half matches and it is younger than 300 s;
 * - the response is MD5(HA1:nonce:HA2) with HA1 = MD5(user:realm:password) and
 *   HA2 = MD5(method:request-target): no qop (RFC 2069), unless `digestQop` asks for RFC 7616's
 *   `qop=auth` (MD5(HA1:nonce:nc:cnonce:auth:HA2));
 * - a refused request gets a fresh nonce in `WWW-Authenticate: Digest realm="…", nonce="…",
 *   stale=…`; `stale=true` when the nonce is no longer valid but the response was right for it (the
 *   client knows the password and only has to retry with the new nonce).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The parameters of an `Authorization: Digest …` header, in a Map (wire keys never touch a prototype). */
export function parseDigestHeader(header: string): Map<string, string> | undefined {
  const match = /^\s*Digest\s+/i.exec(header);
  if (!match) return undefined;
  const params = new Map<string, string>();
  const rest = header.slice(match[0].length);
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/y;
  let index = 0;
  while (index < rest.length) {
    pattern.lastIndex = index;
    const part = pattern.exec(rest);
    if (!part || part[0].length === 0) return undefined;
    const name = (part[1] ?? '').toLowerCase();
    const value = part[2] !== undefined ? part[2].replace(/\\(.)/g, '$1') : (part[3] ?? '');
    params.set(name, value);
    index = pattern.lastIndex;
  }
  return params;
}

export interface DigestConfig {
  readonly username: string;
  readonly password: string;
  readonly realm: string;
  readonly lifetimeSeconds: number;
  readonly qop: boolean;
}

export type DigestVerdict = { ok: true } | { ok: false; stale: boolean };

export class DigestNonces {
  #random = randomInt(1, 0xffff_ffff);
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** A new nonce: the boot-time random half, then the current second. */
  issue(): string {
    return `${hex8(this.#random)}${hex8(this.#seconds())}`;
  }

  /** Like a reboot: every nonce issued so far stops being valid. */
  rotate(): void {
    this.#random = (this.#random % 0xffff_fffe) + 1;
  }

  isValid(nonce: string): boolean {
    return this.#validWithin(nonce, Number.POSITIVE_INFINITY);
  }

  #validWithin(nonce: string, lifetime: number): boolean {
    if (!/^[0-9a-f]{16}$/i.test(nonce)) return false;
    const random = Number.parseInt(nonce.slice(0, 8), 16);
    const issuedAt = Number.parseInt(nonce.slice(8), 16);
    const age = this.#seconds() - issuedAt;
    return random === this.#random && age >= 0 && age < lifetime;
  }

  verify(
    params: ReadonlyMap<string, string>,
    method: string,
    target: string,
    config: DigestConfig,
  ): DigestVerdict {
    const nonce = params.get('nonce') ?? '';
    const right = responseMatches(params, method, target, config);
    if (!this.#validWithin(nonce, config.lifetimeSeconds)) return { ok: false, stale: right };
    return right ? { ok: true } : { ok: false, stale: false };
  }

  #seconds(): number {
    return Math.floor(this.#now() / 1000) % 0x1_0000_0000;
  }
}

function responseMatches(
  params: ReadonlyMap<string, string>,
  method: string,
  target: string,
  config: DigestConfig,
): boolean {
  if (config.password === '') return false; // the firmware: an empty password disables the login
  if ((params.get('username') ?? '') !== config.username) return false;
  const given = (params.get('response') ?? '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(given)) return false;
  const ha1 = md5Hex(`${config.username}:${config.realm}:${config.password}`);
  const ha2 = md5Hex(`${method}:${target}`);
  const nonce = params.get('nonce') ?? '';
  let expected: string;
  if (config.qop) {
    const nc = params.get('nc') ?? '';
    const cnonce = params.get('cnonce') ?? '';
    if (params.get('qop') !== 'auth' || !/^[0-9a-f]{8}$/i.test(nc) || cnonce === '') return false;
    expected = md5Hex(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  } else {
    expected = md5Hex(`${ha1}:${nonce}:${ha2}`);
  }
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export function challengeHeader(nonce: string, stale: boolean, config: DigestConfig): string {
  const qop = config.qop ? ', qop="auth", algorithm=MD5' : '';
  return `Digest realm="${config.realm}", nonce="${nonce}", stale=${stale ? 'true' : 'false'}${qop}`;
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}
