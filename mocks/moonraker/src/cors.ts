/**
 * Moonraker's `[authorization] cors_domains` (authorization.py v0.10.0 L160-178 and L898-925,
 * application.py L463-483 and L508-514, websockets.py L310-313): each domain becomes a pattern
 * (`.` literal, `*` any run of characters) that must match the whole Origin. Wildcards in the top
 * level domain and trailing slashes are refused with a warning (server.info `warnings`). With a
 * match, responses carry Access-Control-Allow-Origin and preflights get 204 with the allowed
 * methods and headers; without, OPTIONS is 405 and a cross-origin websocket handshake is 403
 * (Tornado's same-origin check).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class Cors {
  readonly #patterns: RegExp[] = [];
  readonly warnings: string[] = [];

  constructor(domains: readonly string[]) {
    for (const domain of domains) {
      if (/^.+\.[^:]*\*/.test(domain)) {
        this.warnings.push(
          `[authorization]: Unsafe domain '${domain}' in option 'cors_domains'. Wildcards are not permitted in the top level domain.`,
        );
      } else if (domain.endsWith('/')) {
        this.warnings.push(
          `[authorization]: Invalid domain '${domain}' in option 'cors_domains'.  Domain's cannot contain a trailing slash.`,
        );
      } else {
        const source = domain
          .replace(/[\\^$+?()[\]{}|]/g, '\\$&')
          .replaceAll('.', '\\.')
          .replaceAll('*', '.*');
        this.#patterns.push(new RegExp(`^(?:${source})$`));
      }
    }
  }

  allows(origin: string | undefined): boolean {
    return origin !== undefined && this.#patterns.some((pattern) => pattern.test(origin));
  }

  /** Sets the CORS headers when the request's origin is allowed; returns whether it is. */
  apply(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!this.allows(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin as string);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Origin, Accept, Content-Type, X-Requested-With, X-CRSF-Token, Authorization, X-Access-Token, X-Api-Key',
      );
      if (req.headers['access-control-request-private-network'] === 'true')
        res.setHeader('Access-Control-Allow-Private-Network', 'true');
    }
    return true;
  }

  /** Tornado's check_origin, then the CORS list: may this websocket handshake proceed? */
  allowsWebsocket(req: IncomingMessage): boolean {
    const origin = req.headers.origin ?? (req.headers['sec-websocket-origin'] as string | undefined);
    if (origin === undefined) return true;
    let host: string;
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {
      return this.allows(origin);
    }
    return host === (req.headers.host ?? '').toLowerCase() || this.allows(origin);
  }
}
