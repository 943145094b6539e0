/**
 * The account side, met the way the public clients meet it: access tokens that expire, the token
 * endpoint on its own origin with `grant_type=refresh_token` (form body), rotation, OAuth errors.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECT_CLIENT_ID, type StartedMockPrusaConnect, startMockPrusaConnect } from '../src/index.js';
import { curl } from './curl-helper.js';
import { UUID } from './helpers.js';

let now = Date.UTC(2026, 0, 1);
let mock: StartedMockPrusaConnect;

beforeEach(async () => {
  now = Date.UTC(2026, 0, 1);
  mock = await startMockPrusaConnect({ port: 0, account: { now: () => now } });
});
afterEach(async () => {
  await mock.stop();
});

const detail = (token: string) =>
  fetch(`${mock.url}/app/printers/${UUID}`, { headers: { Authorization: `Bearer ${token}` } });

const tokenRequest = (fields: Record<string, string>, init: RequestInit = {}) =>
  fetch(`${mock.accountUrl}/o/token/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    ...init,
  });

const refresh = (refreshToken: string, clientId = CONNECT_CLIENT_ID) =>
  tokenRequest({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken });

/** As the Python SDK decodes a JWT payload: standard base64 (not base64url) with '==' appended. */
function decodeLikeTheSdk(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  expect(payload).toMatch(/^[A-Za-z0-9]+$/);
  return JSON.parse(Buffer.from(`${payload}==`, 'base64').toString('utf8')) as Record<string, unknown>;
}

describe('account: tokens', () => {
  it('issues a token set whose claims the SDK models read; the access token lasts 7200 s, the refresh token 30 days', () => {
    const tokens = mock.account.issueTokens();
    expect(Object.keys(tokens).sort()).toEqual(
      [
        'access_token',
        'expires_in',
        'id_token',
        'refresh_token',
        'scope',
        'shared_session_key',
        'token_type',
      ].sort(),
    );
    const access = decodeLikeTheSdk(tokens.access_token);
    expect(access).toMatchObject({ app: 'connect', type: 'access', sub: '1530681', connect_id: '157235' });
    expect(access.sid).toBe(tokens.shared_session_key);
    expect(access.exp).toBe(now / 1000 + 7200);
    const refreshClaims = decodeLikeTheSdk(tokens.refresh_token);
    expect(refreshClaims).toMatchObject({ type: 'refresh', exp: now / 1000 + 30 * 86_400 });
    expect(decodeLikeTheSdk(tokens.id_token)).toMatchObject({ aud: CONNECT_CLIENT_ID, iss: mock.accountUrl });
  });

  it('the API takes a live access token and refuses it once expired, with Connect’s 401 body', async () => {
    const tokens = mock.account.issueTokens();
    expect((await detail(tokens.access_token)).status).toBe(200);
    now += 7200_000;
    const expired = await detail(tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.text()).toBe(
      '{"message":"Missing or invalid security token","code":"UNAUTHORIZED"}',
    );
    const forged = `${tokens.access_token.slice(0, -4)}AAAA`;
    now -= 7200_000;
    expect((await detail(forged)).status).toBe(401);
    // the mock's fixed token still works
    expect((await detail(mock.token)).status).toBe(200);
  });

  it('/app/config names the account origin and client id', async () => {
    const config = (await (await fetch(`${mock.url}/app/config`)).json()) as {
      auth: Record<string, unknown>;
    };
    expect(config.auth).toMatchObject({ server_url: mock.accountUrl, client_id: CONNECT_CLIENT_ID });
  });
});

describe('account: POST /o/token/ grant_type=refresh_token', () => {
  it('runs a client’s refresh flow end to end: 401, refresh, retry; the refresh token rotates', async () => {
    const first = mock.account.issueTokens();
    now += 7300_000;
    expect((await detail(first.access_token)).status).toBe(401);
    const reply = await refresh(first.refresh_token);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const second = (await reply.json()) as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
    };
    expect(second.expires_in).toBe(7200);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await detail(second.access_token)).status).toBe(200);

    const reused = await refresh(first.refresh_token);
    expect([reused.status, await reused.json()]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid refresh token.' },
    ]);
    expect((await refresh(second.refresh_token)).status).toBe(200);
  });

  it('two concurrent refreshes with one token: one wins, the other is invalid_grant', async () => {
    const tokens = mock.account.issueTokens();
    const statuses = (await Promise.all([refresh(tokens.refresh_token), refresh(tokens.refresh_token)])).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([200, 400]);
  });

  it('a refresh token past its 30 days is invalid_grant', async () => {
    const tokens = mock.account.issueTokens();
    now += 30 * 86_400_000;
    expect(((await (await refresh(tokens.refresh_token)).json()) as { error: string }).error).toBe(
      'invalid_grant',
    );
  });

  it.each([
    [
      'garbage token',
      { grant_type: 'refresh_token', client_id: CONNECT_CLIENT_ID, refresh_token: 'x.y.z' },
      400,
      'invalid_grant',
    ],
    ['no grant_type', { client_id: CONNECT_CLIENT_ID, refresh_token: 'x' }, 400, 'invalid_request'],
    ['password', { grant_type: 'password', username: 'u', password: 'p' }, 400, 'unsupported_grant_type'],
    [
      'a code without a verifier',
      { grant_type: 'authorization_code', code: 'c', client_id: CONNECT_CLIENT_ID },
      400,
      'invalid_request',
    ],
    [
      'no refresh_token',
      { grant_type: 'refresh_token', client_id: CONNECT_CLIENT_ID },
      400,
      'invalid_request',
    ],
    [
      'an unknown client',
      { grant_type: 'refresh_token', client_id: 'constructor', refresh_token: 'x' },
      401,
      'invalid_client',
    ],
  ])('%s → %i %s', async (_label, fields, status, error) => {
    const reply = await tokenRequest(fields as Record<string, string>);
    expect(reply.status).toBe(status);
    expect(((await reply.json()) as { error: string }).error).toBe(error);
  });

  it('a JSON body is invalid_request; a huge body is 413; other paths are 404', async () => {
    const json = await fetch(`${mock.accountUrl}/o/token/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"grant_type":"refresh_token"}',
    });
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    const huge = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect((await fetch(`${mock.accountUrl}/o/authorize/`)).status).toBe(404);
  });

  it('the token endpoint lives on the account origin only', async () => {
    const onApp = await fetch(`${mock.url}/o/token/`, { method: 'POST' });
    expect(onApp.status).toBe(404);
    expect(mock.accountUrl).not.toBe(mock.url);
    expect((await fetch(`${mock.accountUrl}/app/printers`)).status).toBe(404);
  });

  it('curl: a form refresh, then the access token it got', async () => {
    const tokens = mock.account.issueTokens();
    const reply = await curl(
      '-X',
      'POST',
      '--data-urlencode',
      'grant_type=refresh_token',
      '--data-urlencode',
      `client_id=${CONNECT_CLIENT_ID}`,
      '--data-urlencode',
      `refresh_token=${tokens.refresh_token}`,
      `${mock.accountUrl}/o/token/`,
    );
    expect(reply.status).toBe(200);
    const { access_token } = JSON.parse(reply.body) as { access_token: string };
    const printers = await curl('-H', `Authorization: Bearer ${access_token}`, `${mock.url}/app/printers`);
    expect(printers.status).toBe(200);
    expect(await curl('-X', 'POST', '--data', 'grant_type=password', `${mock.accountUrl}/o/token/`)).toEqual({
      status: 400,
      body: '{"error":"unsupported_grant_type","error_description":"Only refresh_token and authorization_code are served."}',
    });
  });
});

describe('account: POST /o/token/ grant_type=authorization_code (PKCE S256)', () => {
  const REDIRECT = 'https://connect.prusa3d.com/login/auth-callback';
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const exchange = (code: string, fields: Record<string, string> = {}) =>
    tokenRequest({
      grant_type: 'authorization_code',
      client_id: CONNECT_CLIENT_ID,
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
      ...fields,
    });

  it('exchanges a code once for a token set that the API takes', async () => {
    const code = mock.account.issueAuthorizationCode(challenge);
    const reply = await exchange(code);
    expect(reply.status).toBe(200);
    const tokens = (await reply.json()) as { access_token: string; refresh_token: string; id_token: string };
    expect((await detail(tokens.access_token)).status).toBe(200);
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
    const again = await exchange(code);
    expect([again.status, await again.json()]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid code.' },
    ]);
  });

  it.each([
    ['a verifier that does not match', { code_verifier: 'x'.repeat(43) }, 'Code verifier does not match.'],
    ['another redirect URI', { redirect_uri: 'https://evil.example/cb' }, 'Mismatching redirect URI.'],
  ])('%s is invalid_grant, and the code is spent', async (_label, fields, description) => {
    const code = mock.account.issueAuthorizationCode(challenge);
    const reply = await exchange(code, fields);
    expect([reply.status, await reply.json()]).toEqual([
      400,
      { error: 'invalid_grant', error_description: description },
    ]);
    expect((await exchange(code)).status).toBe(400);
  });

  it('a code older than 60 s has expired', async () => {
    const code = mock.account.issueAuthorizationCode(challenge);
    now += 60_000;
    expect(await (await exchange(code)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Code has expired.',
    });
  });
});
