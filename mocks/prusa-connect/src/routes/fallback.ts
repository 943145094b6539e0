/** Any other `/app/...` request: Connect's 404 NOT_FOUND_ENDPOINT (after every real route). */
import { type HttpHandler, http } from 'msw';
import { notFoundEndpoint } from '../connect-error.js';
import type { MockWorld } from '../state.js';

export function fallbackRoutes(world: MockWorld): HttpHandler[] {
  return [
    http.all(`${world.baseUrl}/app`, () => notFoundEndpoint()),
    http.all(`${world.baseUrl}/app/*`, () => notFoundEndpoint()),
  ];
}
