/**
 * `POST /server/files/upload`: multipart fields `file`, `root`, `path`, `checksum` (sha256, 422 on
 * mismatch) and `print`; answers 201 `{item, print_started, print_queued, action: "create_file"}`.
 * With `print=true` the file starts at once when the printer can, else it joins the job queue.
 */

import type { Identity } from './auth.js';
import { MoonrakerError, unauthorized } from './errors.js';
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
  if (!file?.filename) throw new MoonrakerError('No file name specifed in upload form');
  const root = (field('root') ?? 'gcodes').toLowerCase();
  const checksum = field('checksum');
  const item = host.files.upload({
    root,
    path: field('path') ?? '',
    filename: file.filename,
    content: file.data,
    ...(checksum !== undefined ? { checksum } : {}),
  });
  host.broadcast('notify_filelist_changed', [{ action: 'create_file', item }]);
  let printStarted = false;
  let printQueued = false;
  if ((field('print') ?? '').toLowerCase() === 'true' && root === 'gcodes') {
    if (host.klippy.state === 'ready' && !isJobActive(host.sim.state)) {
      const script = `SDCARD_PRINT_FILE FILENAME="${item.path}"`;
      host.gcodeStore.add(script, 'command', host.wallClock.now());
      await host.gcode.run(script);
      printStarted = true;
    } else {
      host.jobQueue.add(item.path, host.wallClock.now());
      const status = host.jobQueue.status(host.wallClock.now());
      host.broadcast('notify_job_queue_changed', [
        { action: 'jobs_added', updated_queue: status.queued_jobs, queue_state: status.queue_state },
      ]);
      printQueued = true;
    }
  }
  return { item, print_started: printStarted, print_queued: printQueued, action: 'create_file' };
}
