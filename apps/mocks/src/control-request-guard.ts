/**
 * Which requests the control API answers at all. It drives the fleet with simple POSTs, so a web
 * page the user happens to visit could drive it too: through DNS rebinding (a name of the attacker's
 * that resolves to 127.0.0.1 — the browser then sends `Host: evil.example`) or by a cross-origin
 * POST that needs no preflight. Like Vite's dev server (`server.allowedHosts`: `localhost`,
 * `*.localhost` and every IP address are allowed by default), a request is refused unless
 *   - its Host is an IP address, `localhost` / `*.localhost`, the host the API is bound to, or a
 *     host the caller allowed (a rebinding attack needs a name, so an IP literal is safe), and
 *   - its Origin, when a browser sent one, is this same host or a loopback one (`null` — a
 *     sandboxed frame or a file — is foreign).
 * Tools (curl, scripts, the CLI) send no Origin and a loopback Host, so they are unaffected.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

export interface RequestSourcePolicy {
  /** The address the server listens on (`127.0.0.1`, `0.0.0.0`, a name). */
  boundHost: string;
  /** More host names to answer to (exact, lower case), e.g. a name for the machine on the LAN. */
  allowedHosts?: readonly string[];
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** The hostname of a Host header or an Origin, lower case, IPv6 without brackets; undefined if malformed. */
function hostnameOf(authorityOrOrigin: string, isOrigin: boolean): string | undefined {
  const text = isOrigin ? authorityOrOrigin : `http://${authorityOrOrigin}`;
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (!isOrigin && (url.username !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '')) {
    return undefined;
  }
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '::1' ||
    (isIP(hostname) === 4 && hostname.startsWith('127.'))
  );
}

function isNamedInPolicy(hostname: string, policy: RequestSourcePolicy): boolean {
  const bound = policy.boundHost.toLowerCase().replace(/^\[|\]$/g, '');
  return hostname === bound || (policy.allowedHosts ?? []).some((host) => host.toLowerCase() === hostname);
}

/** Undefined when the request may be answered, else why not (403, or 400 for a malformed header). */
export function refuseForeignRequest(
  headers: IncomingHttpHeaders,
  policy: RequestSourcePolicy,
): Refusal | undefined {
  const hostHeader = headers.host;
  // HTTP/1.0 may omit Host (Node requires it from HTTP/1.1 clients); browsers always send it.
  if (hostHeader !== undefined) {
    const host = hostnameOf(hostHeader, false);
    if (host === undefined) {
      return { status: 400, code: 'bad-host', message: 'the Host header is not a host name' };
    }
    if (isIP(host) === 0 && !isLoopbackName(host) && !isNamedInPolicy(host, policy)) {
      return {
        status: 403,
        code: 'forbidden-host',
        message: `Host ${host} is not this control API's address; use 127.0.0.1, localhost or the address it listens on`,
      };
    }
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    const from = hostnameOf(origin, true);
    const hostOfRequest = hostHeader === undefined ? undefined : hostnameOf(hostHeader, false);
    const allowed =
      from !== undefined && (isLoopbackName(from) || from === hostOfRequest || isNamedInPolicy(from, policy));
    if (!allowed) {
      return {
        status: 403,
        code: 'forbidden-origin',
        message: 'requests from web pages of other sites are refused (Origin is not this host)',
      };
    }
  }
  return undefined;
}
