/** access.* (user management, API key, info) and v0.10.0's JWT-before-trust rule, with plain ws and fetch. */
import { describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock, socket } from './setup.js';

describe('access', () => {
  it('create, list, log in, reset password, log out, delete users; notifications', async () => {
    const m = await mock({ auth: { apiKey: 'k', users: [{ username: 'admin', password: 'pw' }] } });
    const s = await socket(m.wsUrl, { 'X-Api-Key': 'k' });
    await s.result('server.connection.identify', { client_name: 't', version: '1', type: 'web', url: 'x' });
    expect(await s.result('access.get_user')).toMatchObject({
      username: '_API_KEY_USER_',
      source: 'moonraker',
    });
    const created = (await s.result('access.post_user', { username: 'eve', password: 'one' })) as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({ username: 'eve', source: 'moonraker', action: 'user_created' });
    expect(typeof created.token).toBe('string');
    await s.next((f) => f.includes('notify_user_created'));
    expect(
      ((await s.result('access.users.list')) as { users: Array<{ username: string }> }).users.map(
        (u) => u.username,
      ),
    ).toEqual(['admin', 'eve']);
    expect(await rpcError(s, 'access.post_user', { username: 'eve', password: 'x' })).toEqual({
      code: 400,
      message: 'User eve already exists',
    });
    expect(await rpcError(s, 'access.post_user', { username: '_API_KEY_USER_', password: 'x' })).toEqual({
      code: 400,
      message: 'Invalid Request for user _API_KEY_USER_',
    });
    // As eve over HTTP: reset the password, log out (the token stops working).
    const login = await http(`${m.url}/access/login`, {
      method: 'POST',
      json: { username: 'eve', password: 'one' },
    });
    const token = (login.body.result as { token: string }).token;
    const bearer = { Authorization: `Bearer ${token}` };
    expect(
      (
        await http(`${m.url}/access/user/password`, {
          method: 'POST',
          json: { password: 'bad', new_password: 'two' },
          headers: bearer,
        })
      ).body.error?.message,
    ).toBe('Invalid Password');
    expect(
      (
        await http(`${m.url}/access/user/password`, {
          method: 'POST',
          json: { password: 'one', new_password: 'two' },
          headers: bearer,
        })
      ).body.result,
    ).toEqual({ username: 'eve', action: 'user_password_reset' });
    expect((await http(`${m.url}/access/logout`, { method: 'POST', headers: bearer })).body.result).toEqual({
      username: 'eve',
      action: 'user_logged_out',
    });
    expect((await http(`${m.url}/server/info`, { headers: bearer })).status).toBe(401);
    expect(await s.result('access.delete_user', { username: 'eve' })).toEqual({
      username: 'eve',
      action: 'user_deleted',
    });
    expect(await rpcError(s, 'access.delete_user', { username: 'eve' })).toEqual({
      code: 400,
      message: 'No registered user: eve',
    });
  });

  it('API key: get and rotate (the old key stops working); info; oneshot token', async () => {
    const m = await mock({ auth: { apiKey: 'k' } });
    expect((await http(`${m.url}/access/api_key`, { headers: { 'X-Api-Key': 'k' } })).body.result).toBe('k');
    const rotated = (await http(`${m.url}/access/api_key`, { method: 'POST', headers: { 'X-Api-Key': 'k' } }))
      .body.result as string;
    expect(rotated).toMatch(/^[0-9a-f]{32}$/);
    expect((await http(`${m.url}/server/info`, { headers: { 'X-Api-Key': 'k' } })).status).toBe(401);
    expect((await http(`${m.url}/server/info`, { headers: { 'X-Api-Key': rotated } })).status).toBe(200);
    expect((await http(`${m.url}/access/info`)).body.result).toEqual({
      default_source: 'moonraker',
      available_sources: ['moonraker'],
      login_required: false,
      trusted: false,
    });
    const oneshot = (await http(`${m.url}/access/oneshot_token`, { headers: { 'X-Api-Key': rotated } })).body
      .result as string;
    expect((await http(`${m.url}/server/info?token=${oneshot}`)).status).toBe(200);
    expect((await http(`${m.url}/server/info?token=${oneshot}`)).status).toBe(401);
  });

  it('a bad JWT is refused even where every client is trusted (v0.10.0 checks the token first)', async () => {
    const m = await mock();
    expect((await http(`${m.url}/server/info`)).status).toBe(200);
    expect((await http(`${m.url}/server/info`, { headers: { 'X-Api-Key': 'wrong' } })).status).toBe(200);
    const refused = await http(`${m.url}/server/info`, { headers: { Authorization: 'Bearer not.a.jwt' } });
    expect(refused.status).toBe(401);
    // The websocket opens, but unauthenticated: no trusted status (websockets.py L328-335).
    const untrusted = await socket(`${m.wsUrl}?access_token=nope`);
    expect(await rpcError(untrusted, 'server.info')).toEqual({ code: -32602, message: 'Unauthorized' });
    const s = await client(m);
    expect(await s.result('access.info')).toMatchObject({ trusted: true });
  });
});
