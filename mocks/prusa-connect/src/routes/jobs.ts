/**
 * Job history (`?limit&offset&state=…`, state repeatable), job detail with `cancelable.objects`, and
 * PATCH `{reason:{tag:[…], other?}}` with the tag enum from the seed (answers 204, empty).
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { badRequest, notFound } from '../connect-error.js';
import { paginate, readPaging } from '../pager.js';
import { findJob, jobDetailPayload, jobPayload, jobsOf } from '../payloads/job.js';
import { definePrinterRoute, readJsonObject } from '../route.js';
import type { MockWorld } from '../state.js';

export const JOB_STATES = [
  'PRINTING',
  'PAUSED',
  'FIN_OK',
  'FIN_STOPPED',
  'FIN_ERROR',
  'FIN_HARVESTED',
  'UNKNOWN',
];

export const REASON_TAGS = [
  'CLOGGED_NOZZLE',
  'NON_ADHERENT_BED',
  'UNDER_EXTRUSION',
  'OVER_EXTRUSION',
  'STRINGING_OR_OOZING',
  'GAPS_IN_THIN_WALLS',
  'OVERHEATING',
  'LAYER_SHIFTING',
  'SPAGHETTI_MONSTER',
  'LAYER_SEPARATION',
  'WARPING',
  'POOR_BRIDGING',
  'OTHER',
];

const jobNotFound = () => notFound('NOT_FOUND_JOB', 'Job not found');

function readJobId(raw: string): number | Response {
  return /^\d+$/.test(raw) ? Number(raw) : badRequest('Invalid path parameter: job_id');
}

export function jobRoutes(world: MockWorld): HttpHandler[] {
  return [
    definePrinterRoute(world, 'get', '/app/printers/:uuid/jobs', ({ url, printer }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const states = url.searchParams.getAll('state');
      const unknown = states.find((s) => !JOB_STATES.includes(s));
      if (unknown !== undefined) return badRequest('Invalid query parameter: state');
      const all = jobsOf(printer).filter((view) => states.length === 0 || states.includes(view.state));
      const page = paginate(all, paging);
      const times = all.map((view) => Math.floor(view.sim.startedAt / 1000));
      return HttpResponse.json({
        jobs: page.items.map((view) => jobPayload(printer, world.teamId, view)),
        pager: {
          ...page.pager,
          from: times.length > 0 ? Math.min(...times) : world.nowSeconds(),
          to: world.nowSeconds(),
        },
      });
    }),
    definePrinterRoute(world, 'get', '/app/printers/:uuid/jobs/:jobId', ({ param, printer }) => {
      const id = readJobId(param('jobId'));
      if (id instanceof Response) return id;
      const view = findJob(printer, id);
      return view ? HttpResponse.json(jobDetailPayload(printer, world.teamId, view)) : jobNotFound();
    }),
    definePrinterRoute(
      world,
      'patch',
      '/app/printers/:uuid/jobs/:jobId',
      async ({ param, request, printer }) => {
        const id = readJobId(param('jobId'));
        if (id instanceof Response) return id;
        const body = await readJsonObject(request);
        if (body instanceof Response) return body;
        const reason = body.reason;
        if (typeof reason !== 'object' || reason === null || Array.isArray(reason)) {
          return badRequest('Field "reason" must be an object');
        }
        const { tag, other } = reason as Record<string, unknown>;
        if (!Array.isArray(tag) || !tag.every((t) => typeof t === 'string' && REASON_TAGS.includes(t))) {
          return badRequest(`Field "reason.tag" must be a list of: ${REASON_TAGS.join(', ')}`);
        }
        if (other !== undefined && typeof other !== 'string')
          return badRequest('Field "reason.other" must be a string');
        const view = findJob(printer, id);
        if (!view) return jobNotFound();
        view.record.reason = other === undefined ? { tag: [...tag] } : { tag: [...tag], other };
        return new Response(null, { status: 204 });
      },
    ),
  ];
}
