/**
 * `GET /app/jobs?limit&offset&state=…` — the team-wide job list the Home Assistant integration
 * (MartinNuc/ha-prusa-connect `api.py` `get_jobs`, `coordinator.py`) polls for each printer's current
 * job: every printer's jobs, newest first, each carrying its `printer_uuid` as in the `jobs.json`
 * capture. Paged and filtered like the per-printer list.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { badRequest } from '../connect-error.js';
import { paginate, readPaging } from '../pager.js';
import { type JobView, jobPayload, jobsOf } from '../payloads/job.js';
import type { PrinterRecord } from '../printer-record.js';
import { defineRoute } from '../route.js';
import type { MockWorld } from '../state.js';
import { JOB_STATES } from './jobs.js';

interface TeamJob {
  printer: PrinterRecord;
  view: JobView;
}

/** Every job of every printer, the latest started first (ties: the higher Connect id first). */
export function teamJobs(world: MockWorld): TeamJob[] {
  return world.printers
    .flatMap((printer) => jobsOf(printer).map((view) => ({ printer, view })))
    .sort((a, b) => b.view.sim.startedAt - a.view.sim.startedAt || b.view.record.id - a.view.record.id);
}

export function teamJobRoutes(world: MockWorld): HttpHandler[] {
  return [
    defineRoute(world, 'get', '/app/jobs', ({ url }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const states = url.searchParams.getAll('state');
      if (states.some((s) => !JOB_STATES.includes(s))) return badRequest('Invalid query parameter: state');
      const all = teamJobs(world).filter(({ view }) => states.length === 0 || states.includes(view.state));
      const page = paginate(all, paging);
      const starts = all.map(({ view }) => Math.floor(view.sim.startedAt / 1000));
      return HttpResponse.json({
        jobs: page.items.map(({ printer, view }) => jobPayload(printer, world.teamId, view)),
        pager: {
          ...page.pager,
          from: starts.length > 0 ? Math.min(...starts) : world.nowSeconds(),
          to: world.nowSeconds(),
        },
      });
    }),
  ];
}
