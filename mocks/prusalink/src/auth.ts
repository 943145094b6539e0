/**
 * Who may call the API. The firmware decides by the header the client sent: `X-Api-Key` selects key
 * auth (a wrong key → 401 with `WWW-Authenticate: ApiKey realm="Printer API"`), anything else is
 * Digest (401 with a fresh nonce). PrusaLink 0.9 on a Pi (the legacy dialect) refused a wrong key with
 * 403 and the text "Bad X-Api-Key." (prusa/link/web/lib/auth.py).
 */

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { challengeHeader, type DigestConfig, parseDigestHeader } from './digest.js';
import { sendError } from './http-io.js';
import type { LinkWorld } from './world.js';

export function digestConfig(world: LinkWorld): DigestConfig {
  const { username, password, realm, nonceLifetimeSeconds, digestQop } = world.options;
  return { username, password, realm, lifetimeSeconds: nonceLifetimeSeconds, qop: digestQop };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sends the digest challenge (a 401 with a fresh nonce). */
export function challenge(req: IncomingMessage, res: ServerResponse, world: LinkWorld, stale: boolean): void {
  const config = digestConfig(world);
  sendError(req, res, 401, 'Unauthorized', {
    headers: { 'WWW-Authenticate': challengeHeader(world.nonces.issue(), stale, config) },
  });
}

function apiKeyChallenge(req: IncomingMessage, res: ServerResponse, world: LinkWorld): void {
  sendError(req, res, 401, 'Unauthorized', {
    headers: { 'WWW-Authenticate': `ApiKey realm="${world.options.realm}"` },
  });
}

/** True when the request may go on; otherwise the refusal has been sent. */
export function authorize(
  req: IncomingMessage,
  res: ServerResponse,
  world: LinkWorld,
  method: string,
): boolean {
  const mode = world.options.auth;
  const key = req.headers['x-api-key'];
  if (key !== undefined && mode !== 'digest') {
    if (typeof key === 'string' && world.options.password !== '' && sameSecret(key, world.options.apiKey))
      return true;
    if (world.options.dialect === 'legacy') {
      const bytes = Buffer.from('Bad X-Api-Key.');
      res.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': bytes.length });
      res.end(bytes);
    } else {
      apiKeyChallenge(req, res, world);
    }
    return false;
  }
  if (mode === 'api-key') {
    apiKeyChallenge(req, res, world);
    return false;
  }
  const header = req.headers.authorization;
  const params = header === undefined ? undefined : parseDigestHeader(header);
  if (!params) {
    challenge(req, res, world, false);
    return false;
  }
  const verdict = world.nonces.verify(params, method, req.url ?? '/', digestConfig(world));
  if (verdict.ok) return true;
  challenge(req, res, world, verdict.stale);
  return false;
}
