/**
 * Paged lists as async iterators: `for await (const job of client.jobs.iterate(uuid)) ...`.
 *
 * Connect pages with `limit`/`offset` and answers `{<items>: [...], pager: {limit, offset, total?}}`.
 * The iterator asks for the next page at `offset + items.length` and stops at an empty page, a short
 * page (fewer items than the server's `pager.limit`), or once `total` items were seen. Breaking out of
 * the loop stops fetching.
 */
import { InvalidArgumentError, ProtocolError } from '@printkit/core-types';
import type { Pager } from '../protocol/wire.js';

export interface Page<T> {
  items: readonly T[];
  pager?: Pager | undefined;
}

export interface IterateOptions {
  /** Page size asked for. Default 50. */
  pageSize?: number;
  /** Where to start. Default 0. */
  offset?: number;
}

export async function* paginate<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  options: IterateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const limit = options.pageSize ?? 50;
  for (const [argument, value, min] of [
    ['pageSize', limit, 1],
    ['offset', options.offset ?? 0, 0],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new InvalidArgumentError(`${argument} must be an integer >= ${min}`, { argument });
    }
  }
  let offset = options.offset ?? 0;
  for (;;) {
    const { items, pager } = await fetchPage(offset, limit);
    yield* items;
    const next = (pager?.offset ?? offset) + items.length;
    // A server that ignores `offset` would otherwise hand out the same page forever.
    if (items.length > 0 && next <= offset) {
      throw new ProtocolError(
        `The pager did not advance (asked for offset ${offset}, got ${pager?.offset})`,
        {
          operation: 'paginate',
          payload: pager,
        },
      );
    }
    offset = next;
    const pageLimit = pager?.limit ?? limit;
    const total = pager?.total;
    if (items.length === 0 || items.length < pageLimit) return;
    if (typeof total === 'number' && offset >= total) return;
  }
}
