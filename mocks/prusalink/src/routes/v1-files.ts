/**
 * `/api/v1/files/{storage}/{path}`: GET (file or folder), HEAD, PUT (upload), POST (print), DELETE.
 * Status codes follow the firmware (lib/WUI/nhttp/gcode_upload.cpp, link_content/prusa_api_helpers.cpp):
 * no Content-Length → 411, an empty upload → 501, an existing file without `Overwrite: ?1` → 409,
 * a file being printed → 409 "File is busy", another upload running → 409. Larger than the mock's
 * `maxUploadBytes` → 413 before the body is read.
 */
import type { IncomingMessage } from 'node:http';
import { SimError } from '@printkit/printer-sim';
import { baseName, decodeFilePath, estimatedSecondsFromGcode, isFolder, storageInfo } from '../files.js';
import { type Answered, drain, sendEmpty, sendError, sendJson } from '../http-io.js';
import { fileInfoBody, folderInfoBody } from '../payloads-v1.js';
import type { LinkWorld, UploadTransfer } from '../world.js';
import type { Route, RouteContext } from './route.js';

/** RFC 8941 §3.3.6 booleans: `?1` / `?0`; absent is false; anything else is malformed. */
function structuredBoolean(value: string | string[] | undefined): boolean | 'invalid' {
  if (value === undefined) return false;
  if (Array.isArray(value)) return 'invalid';
  const trimmed = value.trim();
  if (trimmed === '?1') return true;
  if (trimmed === '?0') return false;
  return 'invalid';
}

function currentlyPrinted(world: LinkWorld, path: string): boolean {
  const job = world.sim.snapshot().job;
  return !!job && job.file === path && ['PRINTING', 'PAUSED', 'ATTENTION'].includes(world.state);
}

function contentLength(req: IncomingMessage): number | 'missing' | 'invalid' {
  const raw = req.headers['content-length'];
  if (raw === undefined) return 'missing';
  if (!/^\d{1,15}$/.test(raw)) return 'invalid';
  return Number(raw);
}

async function upload(context: RouteContext, path: string): Promise<Answered | undefined> {
  const { req, res, world } = context;
  const printAfter = structuredBoolean(req.headers['print-after-upload']);
  const overwrite = structuredBoolean(req.headers.overwrite);
  const length = contentLength(req);
  if (length === 'missing') {
    res.setHeader('Connection', 'close');
    return sendError(req, res, 411, 'Content-Length is required');
  }
  if (length === 'invalid' || printAfter === 'invalid' || overwrite === 'invalid' || path === '') {
    res.setHeader('Connection', 'close');
    return sendError(
      req,
      res,
      400,
      'Malformed upload request (Content-Length, Print-After-Upload, Overwrite or path)',
    );
  }
  if (length === 0) return sendError(req, res, 501, "0-sized files aren't implemented");
  if (length > world.options.maxUploadBytes) {
    res.setHeader('Connection', 'close');
    return sendError(req, res, 413, `Uploads are limited to ${world.options.maxUploadBytes} bytes`);
  }
  if (world.transfer) {
    res.setHeader('Connection', 'close');
    return sendError(req, res, 409, 'Another transfer in progress');
  }
  const body = await receive(world, req, path, length, printAfter);
  if (body === undefined) return undefined; // aborted: the socket is gone
  const existing = world.sim.getFile(path);
  if (existing && !overwrite) return sendError(req, res, 409, 'File already exists');
  if (existing && currentlyPrinted(world, path)) return sendError(req, res, 409, 'File is busy');
  if (isFolder(world.sim.listFiles(), path))
    return sendError(req, res, 409, 'Is a directory or ongoing transfer');
  if (existing) world.sim.removeFile(path);
  const text = new TextDecoder().decode(body.subarray(0, 64 * 1024));
  world.sim.addFile({
    name: path,
    sizeBytes: body.length,
    estimatedSeconds: estimatedSecondsFromGcode(text) ?? world.options.uploadEstimatedSeconds,
    layers: 50,
    content: body,
  });
  if (printAfter) {
    try {
      world.sim.startPrint(path);
    } catch (error) {
      if (SimError.isInstance(error)) return sendError(req, res, 409, "Can't print right now");
      throw error;
    }
  }
  return sendEmpty(res, 201);
}

/** Reads the body while `/api/v1/transfer` shows the upload; undefined when it was aborted. */
async function receive(
  world: LinkWorld,
  req: IncomingMessage,
  path: string,
  size: number,
  toPrint: boolean,
): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  const transfer: UploadTransfer = {
    id: world.nextTransferId(),
    path,
    displayName: baseName(path),
    size,
    toPrint,
    startedAt: world.sim.clock.now(),
    transferred: 0,
    abort: () => req.socket.destroy(),
  };
  world.transfer = transfer;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      transfer.transferred += buffer.length;
      chunks.push(buffer);
    }
  } catch {
    return undefined;
  } finally {
    if (world.transfer === transfer) world.transfer = undefined;
  }
  if (req.destroyed && transfer.transferred < size) return undefined;
  return new Uint8Array(Buffer.concat(chunks));
}

function printFile({ req, res, world }: RouteContext, path: string): Answered {
  drain(req);
  if (!world.sim.getFile(path)) return sendError(req, res, 404, "Gcode doesn't exist");
  if (world.state !== 'IDLE' && world.state !== 'FINISHED' && world.state !== 'STOPPED') {
    return sendError(req, res, 409, "Can't start print now");
  }
  try {
    world.sim.startPrint(path);
  } catch (error) {
    if (SimError.isInstance(error)) return sendError(req, res, 409, "Can't start print now");
    throw error;
  }
  return sendEmpty(res, 204);
}

function deleteFile({ req, res, world }: RouteContext, path: string): Answered {
  drain(req);
  if (!world.sim.getFile(path)) {
    if (path !== '' && isFolder(world.sim.listFiles(), path)) {
      if (req.headers.force !== '?1') return sendError(req, res, 409, 'Folder is not empty');
      for (const file of world.sim.listFiles()) {
        if (file.name.startsWith(`${path}/`) && currentlyPrinted(world, file.name)) {
          return sendError(req, res, 409, 'File is busy');
        }
      }
      for (const file of world.sim.listFiles())
        if (file.name.startsWith(`${path}/`)) world.sim.removeFile(file.name);
      return sendEmpty(res, 204);
    }
    return sendError(req, res, 404, 'No such file');
  }
  if (currentlyPrinted(world, path)) return sendError(req, res, 409, 'File is busy');
  world.sim.removeFile(path);
  return sendEmpty(res, 204);
}

function describe({ req, res, world, method }: RouteContext, path: string): Answered {
  const file = world.sim.getFile(path);
  const folder = !file && isFolder(world.sim.listFiles(), path);
  if (!file && !folder) return sendError(req, res, 404, 'No such file or folder');
  if (method === 'HEAD') {
    return sendEmpty(res, 200, {
      'Read-Only': 'false',
      'Currently-Printed': String(file ? currentlyPrinted(world, path) : false),
    });
  }
  return sendJson(res, 200, file ? fileInfoBody(file) : folderInfoBody(world, path));
}

export function v1FileRoutes(): Route[] {
  return [
    {
      methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
      pattern: /^\/api\/v1\/files\/([^/]*)(\/.*)?$/,
      template: '/api/v1/files/{storage}/{path}',
      handler: async (context) => {
        const { req, res, world, method, params } = context;
        const storage = storageInfo(world.options.storage);
        if (params[0] !== storage.name) {
          drain(req);
          return sendError(req, res, 404, 'No such storage');
        }
        const path = decodeFilePath(params[1] ?? '');
        if (path === undefined) {
          drain(req);
          return sendError(req, res, 400, 'Invalid path');
        }
        if (method === 'PUT') return upload(context, path);
        if (method === 'POST') return printFile(context, path);
        if (method === 'DELETE') return deleteFile(context, path);
        drain(req);
        return describe(context, path);
      },
    },
  ];
}
