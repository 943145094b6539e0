/**
 * `GET /app/stats/printers/{uuid}/{printing_not_printing | material_quantity | planned_tasks |
 * jobs_success}?from&to` — the four per-printer statistics dcode/python-prusa-connect-sdk-client reads
 * (`services/stats.py`). `from`/`to` are Unix seconds (its OpenAPI description); defaults: the last
 * 7 days up to now. A bad value, `from` after `to`, or a range over MAX_STATS_DAYS → 400.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { badRequest } from '../connect-error.js';
import { CORE_ONE_JOB_CAPTURE } from '../fixtures/job.js';
import {
  jobsSuccess,
  materialQuantity,
  plannedTasks,
  printingNotPrinting,
  type StatsRange,
} from '../payloads/stats.js';
import { definePrinterRoute } from '../route.js';
import type { MockWorld } from '../state.js';

export const MAX_STATS_DAYS = 366;
const DEFAULT_DAYS = 7;

function readSeconds(url: URL, name: string, fallback: number): number | Response {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,12}$/.test(raw)) return badRequest(`Invalid query parameter: ${name}`);
  return Number(raw);
}

export function readStatsRange(url: URL, nowSeconds: number): StatsRange | Response {
  const to = readSeconds(url, 'to', nowSeconds);
  if (to instanceof Response) return to;
  const from = readSeconds(url, 'from', Math.max(0, to - DEFAULT_DAYS * 86_400));
  if (from instanceof Response) return from;
  if (from > to) return badRequest('Invalid query parameter: from is after to');
  if (to - from > MAX_STATS_DAYS * 86_400) return badRequest(`Range longer than ${MAX_STATS_DAYS} days`);
  return { from, to };
}

/** What a job used: the material and grams its file's metadata announce (the capture's `meta`). */
const gramsOfCaptureMeta = () => ({
  material: CORE_ONE_JOB_CAPTURE.file.meta.filament_type,
  grams: CORE_ONE_JOB_CAPTURE.file.meta.filament_used_g,
});

export function statsRoutes(world: MockWorld): HttpHandler[] {
  const stat = (name: string, build: Parameters<typeof definePrinterRoute>[3]) =>
    definePrinterRoute(world, 'get', `/app/stats/printers/:uuid/${name}`, build);
  return [
    stat('printing_not_printing', ({ url, printer }) => {
      const range = readStatsRange(url, world.nowSeconds());
      if (range instanceof Response) return range;
      return HttpResponse.json(printingNotPrinting(printer, range, world.nowSeconds()));
    }),
    stat('material_quantity', ({ url, printer }) => {
      const range = readStatsRange(url, world.nowSeconds());
      if (range instanceof Response) return range;
      return HttpResponse.json(materialQuantity(printer, range, gramsOfCaptureMeta));
    }),
    stat('planned_tasks', ({ url, printer }) => {
      const range = readStatsRange(url, world.nowSeconds());
      if (range instanceof Response) return range;
      return HttpResponse.json(plannedTasks(printer, range));
    }),
    stat('jobs_success', ({ url, printer }) => {
      const range = readStatsRange(url, world.nowSeconds());
      if (range instanceof Response) return range;
      return HttpResponse.json(jobsSuccess(printer, range));
    }),
  ];
}
