/** One route of the mock: methods, a path pattern, the operation name faults match, a handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LinkWorld } from '../world.js';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly world: LinkWorld;
  readonly method: string;
  /** Captured groups of the pattern, still percent-encoded. */
  readonly params: readonly string[];
}

export interface Route {
  readonly methods: readonly string[];
  readonly pattern: RegExp;
  /** For fault rules: the route's template, e.g. `/api/v1/job/{id}`; faults use `<METHOD> <template>`. */
  readonly template: string;
  readonly handler: (context: RouteContext) => unknown;
}
