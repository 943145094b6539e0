/**
 * `POST /gcode_upload?s=<token>` (notes, "File upload"): a multipart upload into the printer's local
 * files. The body is capped: a declared Content-Length over the cap is refused before reading (413),
 * and a body that grows past it is refused as soon as it does, keeping nothing of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readGcodeMetadata } from '../gcode-metadata.js';
import type { SimulatedAnycubicPrinter } from '../simulated-printer.js';
import { actOutFault } from './faults.js';
import { HttpFailure, sendJson } from './respond.js';

/** Faults on HTTP use this operation name (plus '*'). */
export const UPLOAD_OPERATION = 'POST /gcode_upload';

export interface UploadOptions {
  fieldNames: readonly string[];
  maxBytes: number;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new HttpFailure(413, `upload larger than ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new HttpFailure(413, `upload larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A plain file name: no directories, no traversal, no control characters. */
function safeFileName(name: string): string | undefined {
  const base = name.split(/[\\/]/).at(-1)?.trim() ?? '';
  if (base === '' || base === '.' || base === '..' || [...base].some((char) => char.charCodeAt(0) < 0x20))
    return undefined;
  return base;
}

export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  printers: readonly SimulatedAnycubicPrinter[],
  options: UploadOptions,
): Promise<void> {
  if (req.method !== 'POST') throw new HttpFailure(405, 'use POST');
  const token = url.searchParams.get('s');
  if (!token) throw new HttpFailure(401, 'missing upload token (?s=)');
  const printer = printers.find((candidate) => candidate.uploadToken === token);
  if (!printer) throw new HttpFailure(403, 'invalid upload token');
  const fault = printer.faults.take(UPLOAD_OPERATION);
  if (fault && (await actOutFault(fault, req, res))) return;
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new HttpFailure(400, 'expected multipart/form-data');
  }
  const body = await readBody(req, options.maxBytes);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new HttpFailure(400, 'malformed multipart body');
  }
  const part = options.fieldNames
    .map((name) => form.get(name))
    .find((value) => typeof value === 'object' && value !== null);
  if (!part || typeof part === 'string') {
    throw new HttpFailure(
      400,
      `no file in fields ${options.fieldNames.map((name) => `"${name}"`).join(' or ')}`,
    );
  }
  const textName = form.get('filename');
  const name = safeFileName(typeof textName === 'string' && textName ? textName : part.name);
  if (!name) throw new HttpFailure(400, 'missing or invalid file name');
  const content = new Uint8Array(await part.arrayBuffer());
  const declared = req.headers['x-file-length'];
  if (declared !== undefined && Number(declared) !== content.byteLength) {
    throw new HttpFailure(
      400,
      `X-File-Length ${String(declared)} does not match the ${content.byteLength} bytes sent`,
    );
  }
  printer.sim.addFile({ name, sizeBytes: content.byteLength, content, ...readGcodeMetadata(content) });
  sendJson(res, 200, { code: 200, msg: 'done', data: { filename: name, size: content.byteLength } });
}
