/**
 * Team-level endpoints: `/app/users/teams`, team files (list, one by hash, raw bytes), invitations
 * (`{invitations, refused}`), notifications (a print ending adds one) and `notifications/unseen`.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { notFound, notFoundTeam } from '../connect-error.js';
import { fileTimeFields } from '../file-time.js';
import { paginate, readPaging } from '../pager.js';
import { defineRoute } from '../route.js';
import type { MockWorld, TeamFile } from '../state.js';

function teamFilePayload(world: MockWorld, file: TeamFile): Record<string, unknown> {
  return {
    type: 'PRINT_FILE',
    name: file.name,
    display_name: file.name,
    size: file.size,
    hash: file.hash,
    team_id: world.teamId,
    upload_id: file.uploadId,
    uploaded: file.uploaded,
    ...fileTimeFields(world.fileTimeField, file.uploaded),
    path: file.path,
    read_only: false,
  };
}

export function teamRoutes(world: MockWorld): HttpHandler[] {
  const teamOk = (raw: string) => /^\d+$/.test(raw) && Number(raw) === world.teamId;
  const fileNotFound = () => notFound('NOT_FOUND_FILE', 'File not found');
  return [
    defineRoute(world, 'get', '/app/users/teams', () =>
      HttpResponse.json({
        teams: [
          {
            id: world.teamId,
            name: world.teamName,
            organization_id: 'aa7e634a-30e4-44af-8122-411d6f88add3',
            role: 'OWNER',
            rights_r: true,
            rights_w: true,
            rights_u: true,
          },
        ],
      }),
    ),
    defineRoute(world, 'get', '/app/teams/:team/files', ({ param, url }) => {
      if (!teamOk(param('team'))) return notFoundTeam();
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const page = paginate([...world.teamFiles.values()], paging);
      return HttpResponse.json({
        files: page.items.map((f) => teamFilePayload(world, f)),
        pager: page.pager,
      });
    }),
    defineRoute(world, 'get', '/app/teams/:team/files/:hash', ({ param }) => {
      if (!teamOk(param('team'))) return notFoundTeam();
      const file = world.teamFiles.get(param('hash'));
      return file ? HttpResponse.json(teamFilePayload(world, file)) : fileNotFound();
    }),
    defineRoute(world, 'get', '/app/teams/:team/files/:hash/raw', ({ param }) => {
      if (!teamOk(param('team'))) return notFoundTeam();
      const file = world.teamFiles.get(param('hash'));
      if (!file) return fileNotFound();
      return new Response(file.content.slice(), {
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.size) },
      });
    }),
    defineRoute(world, 'get', '/app/invitations', () => HttpResponse.json({ invitations: [], refused: [] })),
    defineRoute(world, 'get', '/app/notifications', ({ url }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const page = paginate([...world.notifications].reverse(), paging);
      return HttpResponse.json({ notifications: page.items, pager: page.pager });
    }),
    defineRoute(world, 'get', '/app/notifications/unseen', () =>
      HttpResponse.json({ unseen: world.notifications.filter((n) => !n.seen).length }),
    ),
  ];
}
