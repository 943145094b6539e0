/**
 * HTTP request arguments as Moonraker reads them: the query string (with `name:int`, `:bool`,
 * `:float`, `:json` type hints) merged with a JSON or form-encoded body.
 */
import { MoonrakerError } from './errors.js';
import { isPlainObject } from './jsonrpc.js';

export function queryArgs(params: URLSearchParams): Record<string, unknown> {
  // Null prototype: a parameter named `__proto__` is just an argument.
  const args: Record<string, unknown> = Object.create(null);
  for (const [rawKey, value] of params) {
    const [key = '', hint] = rawKey.split(':', 2);
    // Credentials in the query are for auth, not arguments.
    if (key === 'token' || key === 'access_token') continue;
    args[key] = convertHint(key, hint, value);
  }
  return args;
}

function convertHint(key: string, hint: string | undefined, value: string): unknown {
  const fail = () =>
    new MoonrakerError(`Unable to convert argument [${key}] to ${hint}: value recieved: ${value}`);
  switch (hint) {
    case undefined:
    case 'str':
      return value;
    case 'int': {
      if (!/^\s*[+-]?\d+\s*$/.test(value)) throw fail();
      return Number.parseInt(value, 10);
    }
    case 'float': {
      const parsed = Number(value);
      if (value.trim() === '' || Number.isNaN(parsed)) throw fail();
      return parsed;
    }
    case 'bool': {
      const lower = value.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw fail();
      return lower === 'true';
    }
    case 'json':
      try {
        return JSON.parse(value);
      } catch {
        throw fail();
      }
    default:
      throw new MoonrakerError(`Invalid type hint [${hint}] for argument [${key}]`);
  }
}

/** Body arguments; a JSON body must be an object. */
export function bodyArgs(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (body.length === 0) return {};
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new MoonrakerError('Error Parsing JSON Body');
    }
    if (!isPlainObject(parsed)) throw new MoonrakerError('Invalid JSON Body: expected an object');
    return parsed;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return queryArgs(new URLSearchParams(body.toString('utf8')));
  }
  return {};
}
