/**
 * The one redaction helper set for every printkit package and app: URLs, headers and free text.
 * Secrets never reach a message, a log line or an event; whatever may show a URL, a header set or
 * server text that could echo a credential passes it through here first.
 */

const MASK = '***';

/**
 * Query keys whose values are credentials in some vendor's protocol: Moonraker's oneshot `token`,
 * Anycubic's upload `s` and LAN `token`, `access_token` / `api_key` conventions.
 */
export const SECRET_QUERY_KEYS: readonly string[] = [
  'token',
  'access_token',
  'refresh_token',
  'api_key',
  'apikey',
  'key',
  'password',
  's',
  'sign',
];

export interface RedactUrlOptions {
  /** Query keys whose values are masked. Default: `SECRET_QUERY_KEYS`. */
  readonly queryKeys?: readonly string[];
}

/**
 * `url` as it may be shown: user info (`user:password@`) and secret query values replaced by `***`.
 * Text that is not a URL is masked as a whole when it looks like it carries user info.
 */
export function redactUrl(url: string, options: RedactUrlOptions = {}): string {
  const keys = new Set((options.queryKeys ?? SECRET_QUERY_KEYS).map((key) => key.toLowerCase()));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactUrlText(url, keys);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = MASK;
    parsed.password = '';
  }
  const secretKeys: string[] = [];
  parsed.searchParams.forEach((_value, key) => {
    if (keys.has(key.toLowerCase())) secretKeys.push(key);
  });
  for (const key of secretKeys) parsed.searchParams.set(key, MASK);
  // URLSearchParams encodes `*`; keep the mask readable.
  return parsed.toString().replaceAll('%2A%2A%2A', MASK);
}

/** Best effort for strings `URL` cannot parse: mask user info and `key=value` pairs. */
function redactUrlText(text: string, keys: ReadonlySet<string>): string {
  const withoutUserInfo = text.replace(/\/\/[^/?#@\s]*@/g, `//${MASK}@`);
  return withoutUserInfo.replace(/([?&;])([^=&#\s]+)=([^&#\s]*)/g, (match, separator: string, key: string) =>
    keys.has(key.toLowerCase()) ? `${separator}${key}=${MASK}` : match,
  );
}

/** Header names whose values are credentials (compared case-insensitively). */
export const SECRET_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'token',
  'fingerprint',
];

/** A copy of `headers` with credential values replaced by `***`. */
export function redactHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string | readonly string[] | undefined> {
  const secret = new Set(SECRET_HEADERS);
  const copy: Record<string, string | readonly string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = secret.has(name.toLowerCase()) && value !== undefined ? MASK : value;
  }
  return copy;
}

/**
 * `text` with every occurrence of each secret replaced by `***`: for server messages and errors that
 * may echo what was sent (a password in a refused login, a token in a URL). Empty secrets are ignored.
 */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  // Longest first, so a secret that contains another is masked whole.
  const sorted = [...secrets]
    .filter((secret): secret is string => !!secret)
    .sort((a, b) => b.length - a.length);
  for (const secret of sorted) result = result.split(secret).join(MASK);
  return result;
}

/** Reply fields whose values are credentials, whatever the vendor (compared case-insensitively). */
export const SECRET_FIELDS: readonly string[] = [...SECRET_QUERY_KEYS, 'prusalink_api_key', 'fingerprint'];

/**
 * A copy of a wire payload as it may be kept on an error: credential fields masked and every string
 * passed through `redact` (a careless server may echo a credential into any field). Keys stay own
 * properties (`__proto__` included); nesting past 32 levels is cut.
 */
export function redactPayload(value: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 32) return '…';
  if (Array.isArray(value)) return value.map((item) => redactPayload(item, redact, depth + 1));
  const secret = new Set(SECRET_FIELDS);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const masked = secret.has(key.toLowerCase()) && item !== null && item !== undefined;
    Object.defineProperty(copy, key, {
      value: masked ? MASK : redactPayload(item, redact, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * The cause to keep on a wrapped error: the original when its messages show nothing `redact` would
 * mask, else a plain copy with masked messages (a runtime's error may quote the URL it was given,
 * user info and token included). Anything that is not an `Error` becomes a masked `Error` of its
 * text, so no socket or request object (which holds the URL) hangs off an error. Chains are cut
 * after five links.
 */
export function redactCause(error: unknown, redact: (text: string) => string, depth = 0): Error | undefined {
  if (error === undefined || error === null) return undefined;
  if (!(error instanceof Error)) return new Error(redact(String(error)));
  const inner = (error as { cause?: unknown }).cause;
  const safeInner = inner === undefined || depth >= 4 ? undefined : redactCause(inner, redact, depth + 1);
  if (redact(error.message) === error.message && safeInner === inner) return error;
  const copy = new Error(redact(error.message), safeInner === undefined ? undefined : { cause: safeInner });
  copy.name = error.name;
  return copy;
}
