/**
 * The printer queue (`{planned_jobs, pager}`; POST `{path | hash+team_id, position, set_ready,
 * wait_until?}`; DELETE by id) and the download queue. Simplified: the mock keeps the queue but does
 * not start queued jobs by itself.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { badRequest, connectError, notFound } from '../connect-error.js';
import { paginate, readPaging } from '../pager.js';
import type { PlannedJob } from '../printer-record.js';
import { definePrinterRoute, readJsonObject } from '../route.js';
import type { MockWorld } from '../state.js';
import { simFileNameOf } from '../storage-path.js';

/** Queue entries a printer keeps; adding more is refused (403), which keeps memory bounded. */
export const MAX_QUEUE_LENGTH = 1000;

/**
 * A queue entry as listed. `state` is there because dcode/python-prusa-connect-sdk-client reads queue
 * entries with its `Job` model, which requires one; no source shows a planned job's state, so the
 * value `PLANNED` is the mock's own (that SDK maps any value it does not know to FIN_UNKNOWN).
 */
function plannedPayload(planned: PlannedJob): Record<string, unknown> {
  return { ...planned, state: 'PLANNED' };
}

export function queueRoutes(world: MockWorld): HttpHandler[] {
  return [
    definePrinterRoute(world, 'get', '/app/printers/:uuid/queue', ({ url, printer }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const page = paginate(printer.queue, paging);
      return HttpResponse.json({
        planned_jobs: page.items.map(plannedPayload),
        pager: { ...page.pager, from: world.nowSeconds() },
      });
    }),
    definePrinterRoute(world, 'post', '/app/printers/:uuid/queue', async ({ request, printer }) => {
      const body = await readJsonObject(request);
      if (body instanceof Response) return body;
      if (printer.queue.length >= MAX_QUEUE_LENGTH) {
        return connectError(403, { code: 'FORBIDDEN', message: 'Forbidden', reason: 'The queue is full' });
      }
      const { path, hash, team_id, position = -1, set_ready = false, wait_until } = body;
      if (path !== undefined && typeof path !== 'string') return badRequest('Field "path" must be a string');
      if (hash !== undefined && typeof hash !== 'string') return badRequest('Field "hash" must be a string');
      if (path === undefined && (hash === undefined || team_id === undefined)) {
        return badRequest('Either "path" or "hash" with "team_id" is required');
      }
      if (team_id !== undefined && team_id !== world.teamId) return badRequest('Invalid field: team_id');
      if (!Number.isInteger(position) || (position as number) < -1) {
        return badRequest('Field "position" must be an integer >= -1');
      }
      if (typeof set_ready !== 'boolean') return badRequest('Field "set_ready" must be a boolean');
      if (wait_until !== undefined && typeof wait_until !== 'number') {
        return badRequest('Field "wait_until" must be a number');
      }
      let resolvedPath = path;
      if (typeof hash === 'string') {
        const file = world.teamFiles.get(hash);
        if (!file) return notFound('NOT_FOUND_FILE', 'File not found');
        resolvedPath ??= file.path;
      }
      if (typeof resolvedPath !== 'string') return badRequest('Field "path" must be a string');
      const name = simFileNameOf(resolvedPath);
      if (path !== undefined && (name === undefined || !printer.sim.getFile(name))) {
        return notFound('NOT_FOUND_FILE', 'File not found');
      }
      const planned: PlannedJob = {
        id: world.nextPlannedJobId(),
        printer_uuid: printer.uuid,
        path: resolvedPath,
        set_ready,
        created: world.nowSeconds(),
      };
      if (typeof hash === 'string') planned.hash = hash;
      if (team_id !== undefined) planned.team_id = world.teamId;
      if (typeof wait_until === 'number') planned.wait_until = wait_until;
      const at = position === -1 ? printer.queue.length : Math.min(position as number, printer.queue.length);
      printer.queue.splice(at, 0, planned);
      return HttpResponse.json(plannedPayload(planned), { status: 201 });
    }),
    definePrinterRoute(world, 'delete', '/app/printers/:uuid/queue/:jobId', ({ param, printer }) => {
      const raw = param('jobId');
      if (!/^\d+$/.test(raw)) return badRequest('Invalid path parameter: job_id');
      const index = printer.queue.findIndex((job) => job.id === Number(raw));
      if (index < 0) return notFound('NOT_FOUND_JOB', 'Job not found');
      printer.queue.splice(index, 1);
      return new Response(null, { status: 204 });
    }),
    definePrinterRoute(world, 'get', '/app/printers/:uuid/download-queue', ({ url }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const page = paginate([], paging);
      return HttpResponse.json({
        planned_jobs: page.items,
        pager: { ...page.pager, from: world.nowSeconds() },
      });
    }),
  ];
}
