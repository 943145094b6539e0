/**
 * The legacy dialect: the OctoPrint-like endpoints of PrusaLink 0.9 on a Raspberry Pi. Reading
 * (`/api/version`, `/api/printer`, `/api/job`, `/api/files`) and the job commands of `POST /api/job`
 * (`pause` with `action` pause/resume/toggle, `cancel`) and the file command of
 * `POST /api/files/local/{path}` (`select`, optionally `print`), answered as prusa/link/web did.
 */
import { decodeFilePath, storageInfo } from '../files.js';
import { type Answered, drain, readBody, sendEmpty, sendError, sendJson } from '../http-io.js';
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
    // PRINTING covers heating too (the link state is PRINTING from the start of the job).
    if (wantsPause && (sim.state === 'printing' || sim.state === 'preparing')) sim.pause();
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

/** `POST /api/files/{target}/{path}` `{"command":"select","print":bool}` (prusa/link/web/files.py). */
async function fileCommand({ req, res, world, params }: RouteContext): Promise<Answered> {
  if (params[0] !== 'local') {
    drain(req);
    return sendError(req, res, 404, 'Location not found');
  }
  const body = await readBody(req, 16 * 1024);
  if (body === undefined) return sendError(req, res, 413, 'Request body too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return sendError(req, res, 400, 'The body is not JSON');
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if ((Object.hasOwn(record, 'command') ? record.command : undefined) !== 'select') {
    return sendError(req, res, 400, 'Only the select command is supported');
  }
  const decoded = decodeFilePath(params[1] ?? '');
  const root = `${storageInfo(world.options.storage).displayName}/`;
  const name = decoded?.startsWith(root) ? decoded.slice(root.length) : decoded;
  if (name === undefined || !world.sim.getFile(name)) return sendError(req, res, 404, 'File not found');
  const state = world.state;
  if (state === 'PRINTING' || state === 'PAUSED' || state === 'ATTENTION' || state === 'BUSY') {
    return sendError(req, res, 409, 'Printer is currently printing');
  }
  world.legacySelected = name;
  if (Object.hasOwn(record, 'print') && record.print === true) world.sim.startPrint(name);
  return sendEmpty(res, 204);
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
      methods: ['POST'],
      pattern: /^\/api\/files\/([^/]+)\/(.+)$/,
      template: '/api/files/{target}/{path}',
      handler: fileCommand,
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/files$/,
      template: '/api/files',
      handler: ({ res, world }) => sendJson(res, 200, legacyFilesBody(world)),
    },
  ];
}
