/**
 * What a request needs of its endpoint, worked out once per endpoint rather than once per call: the
 * definition from the table, the operation text that names it in errors (`GET /app/printers/{uuid}`)
 * and its path template split into literal text and parameter names. Then the path and query of one
 * call from its input.
 */
import { InvalidArgumentError } from '@printkit/core-types';
import { ENDPOINTS, type EndpointDefinition, type EndpointName } from '../protocol/table.js';

export interface EndpointPlan {
  readonly definition: EndpointDefinition;
  /** `GET /app/printers/{uuid}`: names the endpoint in errors. */
  readonly operation: string;
  /** The template's text around its parameters: one more than `names`. */
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

/** Bounded: an entry is made only for a name of the endpoint table. */
const plans = new Map<string, EndpointPlan>();

function makePlan(definition: EndpointDefinition): EndpointPlan {
  const template = definition.path;
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    literals.push(template.slice(last, match.index));
    names.push(match[1] as string);
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  return { definition, operation: `${definition.method} ${template}`, literals, names };
}

/** The plan of endpoint `name`; an `InvalidArgumentError` for a name the table does not have. */
export function planOf(name: unknown): EndpointPlan {
  const known = typeof name === 'string' ? plans.get(name) : undefined;
  if (known) return known;
  if (typeof name !== 'string' || !Object.hasOwn(ENDPOINTS, name)) {
    throw new InvalidArgumentError(`Unknown endpoint ${JSON.stringify(String(name)).slice(0, 80)}`, {
      argument: 'name',
    });
  }
  const plan = makePlan(ENDPOINTS[name as EndpointName]);
  plans.set(name, plan);
  return plan;
}

/** The path with its parameters (own properties of `params`) filled in, URI-encoded. */
export function buildPath(plan: EndpointPlan, params: Record<string, string | number> | undefined): string {
  const { literals, names } = plan;
  let path = literals[0] as string;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = params !== undefined && Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined || value === '') {
      const template = plan.definition.path;
      throw new InvalidArgumentError(`Missing path parameter "${name}" for ${template}`, {
        argument: name,
        operation: template,
      });
    }
    path += encodeURIComponent(String(value)) + (literals[i + 1] as string);
  }
  return path;
}

export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;

/** `?key=value&...`, or '' for no query. */
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    // Repeated keys for lists: `state=FIN_OK&state=FIN_ERROR`, as Connect expects.
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
