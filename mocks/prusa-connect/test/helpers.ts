/** Small fetch helpers for the tests (a foreign client: no printkit client code). */
import { readFileSync } from 'node:fs';

export const TOKEN = 'printkit-token';
export const UUID = '11111111-2222-3333-4444-555555555555';

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
}

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: T;
  text: string;
}

export function caller(baseUrl: string) {
  return async function call<T = Record<string, unknown>>(path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
    const init: RequestInit = { method: options.method ?? 'GET', headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(`${baseUrl}${path}`, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      headers: response.headers,
      json: json as T,
      text,
    } satisfies CallResult<T>;
  };
}

export function capture(name: string): Record<string, unknown> {
  const url = new URL(`./fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}
