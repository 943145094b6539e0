/**
 * `GET /app/printers/{uuid}/telemetry?from&granularity` — what the simulated printer reported over sim
 * time. Inferred: the protocol notes name only the endpoint and its two parameters; the reply's
 * envelope `{uuid, from, to, granularity, data}` follows the time-series replies of the stats
 * endpoints in an inferred OpenAPI description, and the samples reuse the printer detail's field
 * names (see payloads/telemetry.ts).
 *
 * `from` (Unix seconds) keeps samples at or after it (default: every retained sample); `granularity`
 * (whole seconds, default the sampling interval) sets the bucket size. Bad values: 400 BAD_REQUEST.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { badRequest } from '../connect-error.js';
import { aggregateTelemetry } from '../payloads/telemetry.js';
import { definePrinterRoute } from '../route.js';
import type { MockWorld } from '../state.js';

export function telemetryRoutes(world: MockWorld): HttpHandler[] {
  return [
    definePrinterRoute(world, 'get', '/app/printers/:uuid/telemetry', ({ url, printer }) => {
      const rawFrom = url.searchParams.get('from');
      const from = rawFrom === null || rawFrom === '' ? undefined : Number(rawFrom);
      if (from !== undefined && (!/^\d+(\.\d+)?$/.test(rawFrom ?? '') || !Number.isFinite(from))) {
        return badRequest('Invalid query parameter: from');
      }
      const rawGranularity = url.searchParams.get('granularity');
      const defaultGranularity = Math.max(1, Math.round(printer.telemetry.intervalMs / 1000));
      const granularity =
        rawGranularity === null || rawGranularity === '' ? defaultGranularity : Number(rawGranularity);
      if (!Number.isSafeInteger(granularity) || granularity < 1) {
        return badRequest('Invalid query parameter: granularity');
      }
      const samples = printer.telemetry.since(from === undefined ? undefined : from * 1000);
      const first = samples[0];
      return HttpResponse.json({
        uuid: printer.uuid,
        from: from ?? (first ? Math.floor(first.atMs / 1000) : world.nowSeconds()),
        to: Math.floor(printer.sim.clock.now() / 1000),
        granularity,
        data: aggregateTelemetry(samples, granularity),
      });
    }),
  ];
}
