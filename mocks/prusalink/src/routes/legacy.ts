/**
 * The legacy dialect: the OctoPrint-like endpoints of PrusaLink 0.9 on a Raspberry Pi. Reading
 * (`/api/version`, `/api/printer`, `/api/job`, `/api/files`) and the job commands of `POST /api/job`
 * (`pause` with `action` pause/resume/toggle, `cancel`), answered as prusa/link/web/main.py did.
 */
import { type Answered, readBody, sendEmpty, sendError, sendJson } from '../http-io.js';
import { legacyFilesBody, legacyJobBody, legacyPrinterBody, legacyVersionBody } from '../payloads-legacy.js';
import type { Route, RouteContext } from './route.js';

async function jobCommand({ req, res, world }: RouteContext): Promise<Answered> {
  const body = await readBody(req, 16 * 1024);
  if (body === undefined) return sendError(req, res, 413, 'Request body too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return sendError(req, res, 400, 'The body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return sendError(req, res, 400, 'The body must be a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  const command = Object.hasOwn(record, 'command') ? record.command : undefined;
  const action = Object.hasOwn(record, 'action') ? record.action : undefined;
  const state = world.state;
  const inProgress = state === 'PRINTING' || state === 'PAUSED' || state === 'ATTENTION';
  const sim = world.sim;
  if (command === 'pause') {
    if (!inProgress) return sendError(req, res, 409, 'Printer is not printing');
    const wantsPause =
      action === 'pause' || ((action === 'toogle' || action === 'toggle') && state === 'PRINTING');
    const wantsResume =
      action === 'resume' || ((action === 'toogle' || action === 'toggle') && state === 'PAUSED');
    if (wantsPause && sim.state === 'printing') sim.pause();
    else if (wantsResume && sim.state === 'paused') sim.resume();
    return sendEmpty(res, 204);
  }
  if (command === 'cancel') {
    if (!inProgress) return sendError(req, res, 409, 'Printer is not printing');
    world.attention = undefined;
    sim.cancel();
    return sendEmpty(res, 204);
  }
  return sendError(req, res, 501, 'Unsupported command');
}

export function legacyRoutes(): Route[] {
  return [
    {
      methods: ['GET'],
      pattern: /^\/api\/version$/,
      template: '/api/version',
      handler: ({ res, world }) => sendJson(res, 200, legacyVersionBody(world)),
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/printer$/,
      template: '/api/printer',
      handler: ({ res, world }) => sendJson(res, 200, legacyPrinterBody(world)),
    },
    {
      methods: ['GET', 'POST'],
      pattern: /^\/api\/job$/,
      template: '/api/job',
      handler: (context) =>
        context.method === 'POST'
          ? jobCommand(context)
          : sendJson(context.res, 200, legacyJobBody(context.world)),
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/files$/,
      template: '/api/files',
      handler: ({ res, world }) => sendJson(res, 200, legacyFilesBody(world)),
    },
  ];
}
