import { InvalidArgumentError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { resolveClientOptions } from './options.js';

describe('resolveClientOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveClientOptions({ url: 'http://192.168.1.20/' })).toMatchObject({
      origin: 'http://192.168.1.20',
      username: 'maker',
      password: undefined,
      dialect: 'auto',
      timeoutMs: 10_000,
      maxRetries: 2,
      connections: 2,
    });
  });

  it('takes credentials from the URL, options first; the origin never has them', () => {
    const fromUrl = resolveClientOptions({ url: 'http://me:p%40ss@printer.local:8080/x' });
    expect(fromUrl).toMatchObject({ origin: 'http://printer.local:8080', username: 'me', password: 'p@ss' });
    expect(resolveClientOptions({ url: 'http://me:a@h', password: 'b', username: 'u' })).toMatchObject({
      username: 'u',
      password: 'b',
    });
  });

  it('refuses bad options with InvalidArgumentError naming the argument, never quoting the URL', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 42 }, 'url'],
      [{ url: 'http://u:secret@[::1' }, 'url'],
      [{ url: 'ws://printer' }, 'url'],
      [{ url: 'http://p', dialect: 'v2' }, 'dialect'],
      [{ url: 'http://p', timeoutMs: 0 }, 'timeoutMs'],
      [{ url: 'http://p', maxRetries: 1.5 }, 'maxRetries'],
      [{ url: 'http://p', connections: 0 }, 'connections'],
      [{ url: 'http://p', password: 5 }, 'password'],
      [{ url: 'http://p', fetch: 'no' }, 'fetch'],
    ];
    for (const [options, argument] of cases) {
      let error: unknown;
      try {
        resolveClientOptions(options as never);
      } catch (caught) {
        error = caught;
      }
      expect(InvalidArgumentError.isInstance(error), JSON.stringify(options)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
