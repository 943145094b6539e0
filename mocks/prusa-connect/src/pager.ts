/**
 * `limit`/`offset` paging with Connect's `pager{limit, offset, total}` (protocol notes,
 * "Pagination"). Bad values are answered like Connect answers a bad parameter: 400 BAD_REQUEST.
 */
import { badRequest } from './connect-error.js';

export interface Pager {
  limit: number;
  offset: number;
  total: number;
}

export interface Page<T> {
  items: T[];
  pager: Pager;
}

/** Parses `limit` and `offset`; returns a 400 Response for a value that is not a whole number in range. */
export function readPaging(url: URL, defaultLimit: number): { limit: number; offset: number } | Response {
  const limit = readWhole(url, 'limit', defaultLimit, 1);
  if (limit instanceof Response) return limit;
  const offset = readWhole(url, 'offset', 0, 0);
  if (offset instanceof Response) return offset;
  return { limit, offset };
}

export function paginate<T>(all: readonly T[], paging: { limit: number; offset: number }): Page<T> {
  return {
    items: all.slice(paging.offset, paging.offset + paging.limit),
    pager: { limit: paging.limit, offset: paging.offset, total: all.length },
  };
}

function readWhole(url: URL, name: string, fallback: number, min: number): number | Response {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    return badRequest(`Invalid query parameter: ${name}`);
  }
  return value;
}
