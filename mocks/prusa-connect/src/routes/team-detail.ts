/**
 * `GET /app/users/teams/{team}` (one team with its members and invitees) and
 * `POST /app/teams/{team}/add-user` `{email, rights_ro?, rights_use?, rights_rw?}` (invite a user).
 * Both are what dcode/python-prusa-connect-sdk-client calls (`services/teams.py` `get`, `add_user`);
 * the field names are its `Team`/`TeamUser` models and its OpenAPI description. The member is the
 * mock's one user (ids from the seed's decoded JWT: `connect_id` 157235); values are the mock's own.
 * The add-user reply is 204 (the OpenAPI description allows 200 or 204); an invitee already invited
 * is 409, and at most MAX_INVITEES are kept.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { badRequest, connectError, notFoundTeam } from '../connect-error.js';
import { MOCK_USER } from '../mock-user.js';
import { defineRoute, readJsonObject } from '../route.js';
import type { MockWorld } from '../state.js';

export const MAX_INVITEES = 100;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const RIGHTS = ['rights_ro', 'rights_use', 'rights_rw'] as const;
const RIGHTS_DEFAULTS = { rights_ro: true, rights_use: false, rights_rw: false };

export function teamDetailPayload(world: MockWorld): Record<string, unknown> {
  return {
    id: world.teamId,
    name: world.teamName,
    organization_id: 'aa7e634a-30e4-44af-8122-411d6f88add3',
    role: 'OWNER',
    capacity: 100,
    user_count: 1,
    users: [{ ...MOCK_USER, rights_ro: true, rights_rw: true, rights_use: true }],
    invitees: world.invitees.map((invitee) => ({ ...invitee })),
  };
}

export function teamDetailRoutes(world: MockWorld): HttpHandler[] {
  const teamOk = (raw: string) => /^\d+$/.test(raw) && Number(raw) === world.teamId;
  return [
    defineRoute(world, 'get', '/app/users/teams/:team', ({ param }) =>
      teamOk(param('team')) ? HttpResponse.json(teamDetailPayload(world)) : notFoundTeam(),
    ),
    defineRoute(world, 'post', '/app/teams/:team/add-user', async ({ param, request }) => {
      if (!teamOk(param('team'))) return notFoundTeam();
      const body = await readJsonObject(request);
      if (body instanceof Response) return body;
      const { email } = body;
      if (typeof email !== 'string' || !EMAIL.test(email))
        return badRequest('Field "email" must be an email');
      const rights = { ...RIGHTS_DEFAULTS };
      for (const name of RIGHTS) {
        const value = Object.hasOwn(body, name) ? body[name] : undefined;
        if (value === undefined) continue;
        if (typeof value !== 'boolean') return badRequest(`Field "${name}" must be a boolean`);
        rights[name] = value;
      }
      const known = email.toLowerCase();
      if (world.invitees.some((i) => i.email.toLowerCase() === known)) {
        return connectError(409, { code: 'CONFLICT', message: 'User is already invited' });
      }
      if (world.invitees.length >= MAX_INVITEES) {
        return connectError(403, { code: 'FORBIDDEN', message: 'Too many invitations' });
      }
      world.invitees.push({ email, ...rights });
      return new Response(null, { status: 204 });
    }),
  ];
}
