/**
 * `POST /server/files/upload`: multipart fields `file`, `root`, `path`, `checksum` (sha256, 422 on
 * mismatch) and `print`; answers 201 `{item, print_started, print_queued, action: "create_file"}`.
 * With `print=true` the file starts at once when the printer can, else it joins the job queue.
 */

import { createHash } from 'node:crypto';
import type { Identity } from './auth.js';
import { MoonrakerError, unauthorized } from './errors.js';
import { normpath, ROOTS } from './files/store.js';
import type { MoonrakerHost } from './host.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { isJobActive } from './sim-states.js';

export async function handleUpload(
  host: MoonrakerHost,
  body: Buffer,
  contentType: string | undefined,
  identity: Identity | undefined,
): Promise<Record<string, unknown>> {
  if (!identity) throw unauthorized();
  const boundary = boundaryOf(contentType);
  const parts = boundary ? parseMultipart(body, boundary) : undefined;
  if (!parts) throw new MoonrakerError('Invalid multipart/form-data body');
  const field = (name: string) =>
    parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
  const file = parts.find((p) => p.name === 'file' && p.filename !== undefined);
  if (!file?.filename) throw new MoonrakerError('No file name specified in upload form');
  // file_manager.py `_parse_upload_args` (L843-880) and `finish_upload` (L822-842).
  const root = (field('root') ?? 'gcodes').toLowerCase();
  if (!(ROOTS as readonly string[]).includes(root)) throw new MoonrakerError(`Root ${root} not available`);
  const dir = (field('path') ?? '').replace(/^\/+/, '');
  const name = file.filename.trim().replace(/^\/+/, '');
  const rel = normpath(dir ? `${dir}/${name}` : name);
  if (rel === '.' || rel === '..' || rel.startsWith('../') || rel.startsWith('/'))
    throw new MoonrakerError(`Cannot write to path: ${host.files.diskPath(root, rel)}`);
  if (root !== 'gcodes' && root !== 'config') throw new MoonrakerError(`Invalid root request: ${root}`);
  const checksum = field('checksum');
  if (checksum !== undefined) {
    const calculated = createHash('sha256').update(file.data).digest('hex');
    if (calculated !== checksum.toLowerCase())
      throw new MoonrakerError(`File checksum mismatch: expected ${checksum}, calculated ${calculated}`, 422);
  }
  const existed = host.files.exists(root, rel);
  host.files.write(root, rel, file.data);
  const item = host.files.item(root, rel);
  host.broadcast('notify_filelist_changed', [{ action: existed ? 'modify_file' : 'create_file', item }]);
  let printStarted = false;
  let printQueued = false;
  if ((field('print') ?? '').toLowerCase() === 'true' && root === 'gcodes') {
    if (host.klippy.state === 'ready' && !isJobActive(host.sim.state)) {
      const script = `SDCARD_PRINT_FILE FILENAME="${item.path}"`;
      host.gcodeStore.add(script, 'command', host.wallClock.now());
      await host.gcode.run(script);
      printStarted = true;
    } else {
      host.jobQueue.add([item.path]);
      printQueued = true;
    }
  }
  return { item, print_started: printStarted, print_queued: printQueued, action: 'create_file' };
}
