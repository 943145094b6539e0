/**
 * First handler of each origin: a request path with a broken %-escape is answered 400 here. msw's
 * path matching decodes path parameters and throws on such a path, which in-process (setupServer)
 * surfaced as a 500 carrying the stack; the loopback server refuses these before msw too
 * (request-target.ts). The handler matches with a RegExp without groups, so matching never decodes;
 * for a sound path it returns nothing and the next handlers answer.
 */
import { type HttpHandler, http } from 'msw';
import { INVALID_PATH_ENCODING_REASON } from '../request-target.js';

export function pathGuardRoutes(baseUrl: string, refuse: (reason: string) => Response): HttpHandler[] {
  const origin = new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`);
  return [
    http.all(origin, ({ request }) => {
      try {
        decodeURIComponent(new URL(request.url).pathname);
        return undefined;
      } catch {
        return refuse(INVALID_PATH_ENCODING_REASON);
      }
    }),
  ];
}
