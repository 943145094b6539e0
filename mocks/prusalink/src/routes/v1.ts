/** The v1 routes other than files: version, info, status, job control, storage, transfer, cameras. */
import { SimError } from '@printkit/printer-sim';
import { type Answered, sendBytes, sendEmpty, sendError, sendJson } from '../http-io.js';
import {
  CAMERA_ID,
  infoBody,
  jobBody,
  statusBody,
  storageBody,
  transferBody,
  versionBody,
} from '../payloads-v1.js';
import { snapshotJpeg } from '../snapshot-image.js';
import type { Route, RouteContext } from './route.js';

/** A decimal job or transfer id, as the firmware's `from_chars` accepts it. */
function parseId(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

function jobCommand({ req, res, world, method, params }: RouteContext): Answered {
  const id = parseId(params[0]);
  if (id === undefined) return sendError(req, res, 400, 'Invalid job id');
  if (id !== world.jobId) return sendError(req, res, 404, 'No such job');
  const sim = world.sim;
  const state = world.state;
  if (method === 'DELETE') {
    if ((params[1] ?? '') !== '') return sendError(req, res, 405, 'Use DELETE /api/v1/job/{id}');
    if (state !== 'PRINTING' && state !== 'PAUSED' && state !== 'ATTENTION') {
      return sendError(req, res, 409, `Cannot stop while ${state}`);
    }
    world.attention = undefined;
    sim.cancel();
    return sendEmpty(res, 204);
  }
  switch (params[1]) {
    case 'pause':
      if (state !== 'PRINTING' || !['printing', 'preparing'].includes(sim.state)) {
        return sendError(req, res, 409, `Cannot pause while ${state}`);
      }
      sim.pause();
      return sendEmpty(res, 204);
    case 'resume':
      if (state !== 'PAUSED' || sim.state !== 'paused')
        return sendError(req, res, 409, `Cannot resume while ${state}`);
      sim.resume();
      return sendEmpty(res, 204);
    case 'continue':
      // "Continue … after timelapse capture": the mock never stops for a timelapse capture.
      return sendError(req, res, 409, 'The job is not waiting for a timelapse capture');
    default:
      return sendError(req, res, 400, 'Unknown job command');
  }
}

function guardSim(context: RouteContext, work: () => Answered): Answered {
  try {
    return work();
  } catch (error) {
    if (SimError.isInstance(error)) return sendError(context.req, context.res, 409, error.message);
    throw error;
  }
}

export function v1Routes(): Route[] {
  return [
    {
      methods: ['GET'],
      pattern: /^\/api\/version$/,
      template: '/api/version',
      handler: ({ res, world }) => sendJson(res, 200, versionBody(world)),
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/info$/,
      template: '/api/v1/info',
      handler: ({ res, world }) => sendJson(res, 200, infoBody(world)),
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/status$/,
      template: '/api/v1/status',
      handler: ({ res, world }) => sendJson(res, 200, statusBody(world)),
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/job$/,
      template: '/api/v1/job',
      handler: ({ res, world }) => {
        const body = jobBody(world);
        if (body === undefined) sendEmpty(res, 204);
        else sendJson(res, 200, body);
      },
    },
    {
      methods: ['PUT', 'DELETE'],
      pattern: /^\/api\/v1\/job\/([^/]*)(?:\/([^/]*))?$/,
      template: '/api/v1/job/{id}',
      handler: (context) => guardSim(context, () => jobCommand(context)),
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/storage$/,
      template: '/api/v1/storage',
      handler: ({ res, world }) => sendJson(res, 200, storageBody(world)),
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/transfer$/,
      template: '/api/v1/transfer',
      handler: ({ res, world }) => {
        const body = transferBody(world);
        if (body === undefined) sendEmpty(res, 204);
        else sendJson(res, 200, body);
      },
    },
    {
      methods: ['DELETE'],
      pattern: /^\/api\/v1\/transfer\/([^/]*)$/,
      template: '/api/v1/transfer/{id}',
      handler: ({ req, res, world, params }) => {
        const id = parseId(params[0]);
        if (id === undefined) return sendError(req, res, 400, 'Invalid transfer id');
        const transfer = world.transfer;
        if (!transfer || transfer.id !== id) return sendError(req, res, 404, 'No such transfer');
        transfer.abort();
        sendEmpty(res, 204);
      },
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/cameras$/,
      template: '/api/v1/cameras',
      handler: ({ req, res, world }) => {
        if (!world.options.camera) return sendError(req, res, 404, 'No cameras');
        sendJson(res, 200, [
          {
            camera_id: CAMERA_ID,
            config: { path: '/dev/video0', name: 'printkit camera', driver: 'V4L2', resolution: '8x8' },
            connected: true,
            detected: true,
            stored: true,
            linked: false,
          },
        ]);
      },
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/cameras\/([^/]+)\/snap$/,
      template: '/api/v1/cameras/{id}/snap',
      handler: ({ req, res, world, params }) => {
        if (!world.options.camera || params[0] !== CAMERA_ID)
          return sendError(req, res, 404, 'No such camera');
        const at = new Date(world.sim.clock.now()).toISOString();
        return sendBytes(res, 200, 'image/jpeg', snapshotJpeg(`${CAMERA_ID} ${at} ${world.state}`));
      },
    },
    {
      methods: ['GET'],
      pattern: /^\/api\/v1\/cameras\/snap$/,
      template: '/api/v1/cameras/snap',
      handler: ({ req, res, world }) => {
        if (!world.options.camera) return sendError(req, res, 404, 'No cameras');
        const at = new Date(world.sim.clock.now()).toISOString();
        sendBytes(res, 200, 'image/jpeg', snapshotJpeg(`${CAMERA_ID} ${at} ${world.state}`));
      },
    },
  ];
}
