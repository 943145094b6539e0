/**
 * `GET /app/teams/{team}/files/{hash}/preview` — the image behind `job_info.preview_url` and a job
 * file's `preview_url` (the Home Assistant integration fetches it verbatim for its preview image).
 * Known hashes: every job's file and every team file; a conditional GET answers 304.
 */
import type { HttpHandler } from 'msw';
import { isNotModified, notModifiedResponse, validatorHeaders } from '../conditional.js';
import { notFound, notFoundTeam } from '../connect-error.js';
import { jobsOf } from '../payloads/job.js';
import { PREVIEW_PNG } from '../preview-image.js';
import { defineRoute } from '../route.js';
import type { MockWorld } from '../state.js';

function hasPreview(world: MockWorld, hash: string): boolean {
  if (world.teamFiles.has(hash)) return true;
  return world.printers.some((printer) => jobsOf(printer).some((view) => view.record.hash === hash));
}

export function previewRoutes(world: MockWorld): HttpHandler[] {
  return [
    defineRoute(world, 'get', '/app/teams/:team/files/:hash/preview', ({ param, request }) => {
      const team = param('team');
      if (!/^\d+$/.test(team) || Number(team) !== world.teamId) return notFoundTeam();
      const hash = param('hash');
      if (!hasPreview(world, hash)) return notFound('NOT_FOUND_FILE', 'File not found');
      // The bytes never change, so the hash alone validates them.
      const validators = { etag: `"preview-${hash}"`, lastModifiedMs: 0 };
      if (isNotModified(request, validators)) return notModifiedResponse(validators);
      return new Response(PREVIEW_PNG.slice(), {
        headers: {
          'Content-Type': 'image/png',
          'Content-Length': String(PREVIEW_PNG.length),
          ...validatorHeaders(validators),
        },
      });
    }),
  ];
}
