/**
 * createRefreshTokenAuth against the mock's account origin (issue 13): the real refresh flow end to
 * end — single-flight, refresh shortly before `exp`, refresh on a 401, rotation handed to `onTokens`,
 * and a refused refresh token that never shows in the error.
 */
import { inspect } from 'node:util';
import { AuthError, type Clock, InvalidArgumentError, systemClock } from '@printkit/core-types';
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrusaConnectClient, createRefreshTokenAuth, type TokenSet } from '../src/index.js';
import { rejectionOf, type StartedMock, UUID } from './helpers.js';

let mock: StartedMock | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});

async function setup() {
  mock = await startMockPrusaConnect({ port: 0 });
  const tokenCalls: string[] = [];
  const countingFetch = (input: string, init: RequestInit) => {
    tokenCalls.push(`${init.method} ${new URL(input).pathname}`);
    return fetch(input, init);
  };
  return { mock, tokenCalls, countingFetch, login: mock.account.issueTokens() };
}

describe('createRefreshTokenAuth', () => {
  it('refreshes once for concurrent calls, then reuses the token; rotation reaches onTokens', async () => {
    const { mock, tokenCalls, countingFetch, login } = await setup();
    const rotated: TokenSet[] = [];
    const auth = createRefreshTokenAuth({
      refreshToken: login.refresh_token,
      tokenUrl: `${mock.accountUrl}/o/token/`,
      fetch: countingFetch,
      onTokens: (tokens) => void rotated.push(tokens),
    });
    const client = createPrusaConnectClient({ baseUrl: mock.url, ...auth });
    const replies = await Promise.all(Array.from({ length: 5 }, () => client.printers.get(UUID)));
    expect(replies.every((printer) => printer.uuid === UUID)).toBe(true);
    expect(tokenCalls).toEqual(['POST /o/token/']);
    expect(rotated).toHaveLength(1);
    expect(rotated[0]?.refresh_token).not.toBe(login.refresh_token);
    await client.printers.list();
    expect(tokenCalls).toHaveLength(1);
    await client.close();
  });

  it('refreshes shortly before exp, with the rotated refresh token', async () => {
    const { mock, tokenCalls, countingFetch, login } = await setup();
    let offset = 0;
    const clock: Clock = { ...systemClock, now: () => Date.now() + offset };
    const auth = createRefreshTokenAuth({
      refreshToken: login.refresh_token,
      accessToken: login.access_token,
      tokenUrl: `${mock.accountUrl}/o/token/`,
      fetch: countingFetch,
      clock,
      refreshBeforeMs: 60_000,
    });
    expect(await auth.getToken()).toBe(login.access_token); // fresh: exp read from the JWT
    expect(tokenCalls).toHaveLength(0);
    offset = login.expires_in * 1000 - 30_000; // 30 s before exp: inside the 60 s margin
    const next = await auth.getToken();
    expect(next).not.toBe(login.access_token);
    expect(tokenCalls).toHaveLength(1);
    // The spent refresh token was replaced: a second refresh still works.
    await auth.refreshToken();
    expect(tokenCalls).toHaveLength(2);
  });

  it('a 401 from Connect makes the client refresh and retry once', async () => {
    const { mock, tokenCalls, countingFetch, login } = await setup();
    const auth = createRefreshTokenAuth({
      refreshToken: login.refresh_token,
      accessToken: 'revoked-opaque-token',
      tokenUrl: `${mock.accountUrl}/o/token/`,
      fetch: countingFetch,
    });
    const client = createPrusaConnectClient({ baseUrl: mock.url, ...auth });
    expect((await client.printers.get(UUID)).uuid).toBe(UUID);
    expect(tokenCalls).toEqual(['POST /o/token/']);
    await client.close();
  });

  it('a spent refresh token fails with an AuthError that does not contain it', async () => {
    const { mock, login } = await setup();
    const first = createRefreshTokenAuth({
      refreshToken: login.refresh_token,
      tokenUrl: `${mock.accountUrl}/o/token/`,
    });
    await first.refreshToken(); // spends login.refresh_token
    let asked = 0;
    const second = createRefreshTokenAuth({
      refreshToken: login.refresh_token,
      tokenUrl: `${mock.accountUrl}/o/token/`,
      fetch: (input, init) => {
        asked += 1;
        return fetch(input, init);
      },
    });
    const error = await rejectionOf(second.getToken());
    // A refused refresh token is not tried again: later calls fail at once with the same error.
    expect(await rejectionOf(second.refreshToken())).toBe(error);
    expect(asked).toBe(1);
    expect(AuthError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/invalid_grant/);
    for (const text of [inspect(error, { depth: 10 }), JSON.stringify(error), (error as Error).message]) {
      expect(text).not.toContain(login.refresh_token);
    }
    const client = createPrusaConnectClient({ baseUrl: mock.url, ...second });
    const wrapped = await rejectionOf(client.printers.list());
    expect(AuthError.isInstance(wrapped)).toBe(true);
    expect(inspect(wrapped, { depth: 10 })).not.toContain(login.refresh_token);
    await client.close();
  });

  it('bad options are an InvalidArgumentError', () => {
    expect(() => createRefreshTokenAuth({ refreshToken: '' })).toThrow(InvalidArgumentError);
    expect(() => createRefreshTokenAuth({ refreshToken: 'r', tokenUrl: 'not a url' })).toThrow(
      InvalidArgumentError,
    );
  });
});
