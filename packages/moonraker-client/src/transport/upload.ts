/**
 * File upload: `POST /server/files/upload`, multipart, with the sha256 `checksum` Moonraker checks
 * (422 on mismatch) and the `print` flag to start the file right away. The checksum is computed
 * with Web Crypto (`crypto.subtle`), available in browsers and Node ≥ 20.
 */
import { InvalidArgumentError, type RequestOptions } from '@printkit/core-types';
import { decodeWith } from '@printkit/core-types/codec';
import { UploadResult as UploadResultSchema } from '../protocol/schemas.js';
import type { UploadResult } from '../protocol/wire.js';
import type { HttpTransport } from './http.js';

export interface UploadFileOptions extends RequestOptions {
  /** Root folder. Default `gcodes`. */
  root?: string;
  /** Sub-folder inside the root, e.g. `parts/2024`. */
  path?: string;
  /** Start printing the file once uploaded (gcodes root only). */
  print?: boolean;
  /** Send a sha256 checksum so Moonraker verifies the upload. Default true. */
  checksum?: boolean;
}

export type UploadData = Uint8Array | ArrayBuffer | Blob | string;

async function toBytes(data: UploadData): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return new Uint8Array(data);
  return new Uint8Array(await data.arrayBuffer());
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function uploadFile(
  http: HttpTransport,
  filename: string,
  data: UploadData,
  options: UploadFileOptions = {},
): Promise<UploadResult> {
  if (typeof filename !== 'string' || filename.trim() === '') {
    throw new InvalidArgumentError('server.files.upload: the file needs a name', {
      argument: 'filename',
      operation: 'server.files.upload',
    });
  }
  const bytes = await toBytes(data);
  const form = new FormData();
  // Plain fields before the file, so a streaming multipart parser has them when the file arrives.
  form.append('root', options.root ?? 'gcodes');
  if (options.path) form.append('path', options.path);
  if (options.print) form.append('print', 'true');
  if (options.checksum ?? true) form.append('checksum', await sha256Hex(bytes));
  form.append('file', new Blob([bytes]), filename);
  const raw = await http.request(
    { verb: 'POST', path: '/server/files/upload', form, envelopeOptional: true },
    'server.files.upload',
    options,
  );
  // Documented as a 201 with the object itself; newer versions wrap it in `result`. Both are accepted.
  const decoded = decodeWith(UploadResultSchema, raw, {
    what: 'server.files.upload result',
    operation: 'server.files.upload',
  });
  if (!decoded.ok) throw http.showable(decoded.error);
  return decoded.value;
}
