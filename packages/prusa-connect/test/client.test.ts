/** Every endpoint, over the real undici path, against the loopback mock. */
import { Readable } from 'node:stream';
import { ProtocolError } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectRejectedError, createPrusaConnectClient } from '../src/index.js';
import {
  answeringTransport,
  CUBE,
  countingTransport,
  type Harness,
  rejectionOf,
  startHarness,
  UUID,
} from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Runs `path` to its end on the mock: FIN_OK. */
async function printToEnd(path = CUBE) {
  await h.client.commands.startPrint(UUID, path);
  for (let i = 0; i < 200 && (await h.client.printers.get(UUID)).printer_state !== 'FINISHED'; i++) {
    await h.mock.advance(30_000);
  }
}

/** Starts and stops a print: FIN_STOPPED. */
async function printAndStop(path = CUBE) {
  await h.client.commands.startPrint(UUID, path);
  await h.mock.advance(5_000);
  await h.client.commands.stopPrint(UUID);
  for (let i = 0; i < 50 && (await h.client.printers.get(UUID)).printer_state !== 'STOPPED'; i++) {
    await h.mock.advance(1_000);
  }
  await h.client.commands.setPrinterReady(UUID);
}

describe('public endpoints (no token)', () => {
  it('reads version, app config and printer types without sending a token', async () => {
    const anonymous = h.clientWith({ token: undefined as unknown as string });
    const version = await anonymous.version();
    expect(version).toMatchObject({ commit: expect.any(String), version: expect.any(String) });
    const config = await anonymous.appConfig();
    expect(config.auth).toMatchObject({ client_id: expect.any(String) });
    const types = await anonymous.printerTypes();
    expect(types.printer_types.map((t) => t.id)).toContain('7.1.0');
  });
});

describe('printers', () => {
  it('lists printers and reads one with its three state fields and telemetry', async () => {
    const list = await h.client.printers.list({ limit: 10 });
    expect(list.printers.map((p) => p.uuid)).toEqual([UUID]);
    expect(list.pager?.total).toBe(1);
    const detail = await h.client.printers.get(UUID);
    expect(detail).toMatchObject({ uuid: UUID, state: 'IDLE', printer_state: 'IDLE', connect_state: 'IDLE' });
    expect(detail.temp).toMatchObject({ temp_nozzle: expect.any(Number), target_nozzle: 0 });
    expect(detail.network_info).toMatchObject({ lan_ipv4: expect.any(String) });
  });

  it('shows job_info while printing', async () => {
    await h.client.commands.startPrint(UUID, CUBE);
    await h.mock.advance(120_000);
    const detail = await h.client.printers.get(UUID);
    expect(detail.printer_state).toBe('PRINTING');
    expect(detail.job_info).toMatchObject({ path: CUBE, state: 'PRINTING', progress: expect.any(Number) });
  });

  it('iterates printers across pages', async () => {
    await h.close();
    h = await startHarness({ printers: [{}, {}, {}, {}, {}] });
    const seen: string[] = [];
    for await (const printer of h.client.printers.iterate({ pageSize: 2 })) seen.push(printer.uuid ?? '');
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(h.transport.sent.filter((s) => s.startsWith('GET /app/printers?'))).toEqual([
      'GET /app/printers?offset=0&limit=2',
      'GET /app/printers?offset=2&limit=2',
      'GET /app/printers?offset=4&limit=2',
    ]);
  });

  it('stops fetching when the loop breaks', async () => {
    await h.close();
    h = await startHarness({ printers: [{}, {}, {}, {}] });
    for await (const _ of h.client.printers.iterate({ pageSize: 1 })) break;
    expect(h.transport.sent).toEqual(['GET /app/printers?offset=0&limit=1']);
  });
});

describe('pagination against a server that ignores offset', () => {
  it('ends with a ProtocolError instead of handing out the same page forever', async () => {
    const page = JSON.stringify({
      printers: [{ uuid: 'a' }, { uuid: 'b' }],
      pager: { limit: 2, offset: 0, total: 10 },
    });
    const client = createPrusaConnectClient({
      baseUrl: 'http://127.0.0.1:1',
      transport: answeringTransport(page),
    });
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const printer of client.printers.iterate({ pageSize: 2 })) {
          seen.push(printer.uuid ?? '');
          if (seen.length > 20) break; // keeps the test finite when the guard is missing
        }
      })(),
    );
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect(seen).toEqual(['a', 'b', 'a', 'b']);
  });
});

describe('jobs', () => {
  it('lists history with repeated state filters, reads a job with cancelable objects, tags a reason', async () => {
    await printAndStop();
    await printToEnd();
    const all = await h.client.jobs.list(UUID);
    expect(all.jobs.map((j) => j.state)).toEqual(['FIN_OK', 'FIN_STOPPED']);
    const stopped = await h.client.jobs.list(UUID, { state: ['FIN_STOPPED', 'FIN_ERROR'] });
    expect(stopped.jobs.map((j) => j.state)).toEqual(['FIN_STOPPED']);
    expect(h.transport.sent).toContain(`GET /app/printers/${UUID}/jobs?state=FIN_STOPPED&state=FIN_ERROR`);

    const jobId = stopped.jobs[0]?.id ?? -1;
    const job = await h.client.jobs.get(UUID, jobId);
    expect(job.id).toBe(jobId);
    expect(job.cancelable?.objects?.length).toBeGreaterThan(0);
    expect(job.cancelable?.objects?.[0]).toMatchObject({ id: 0, canceled: false });

    await expect(
      h.client.jobs.patchReason(UUID, jobId, { tag: ['CLOGGED_NOZZLE'], other: 'hmm' }),
    ).resolves.toBeUndefined();
    const error = await rejectionOf(h.client.jobs.patchReason(UUID, jobId, { tag: ['NOT_A_TAG'] }));
    expect(ConnectRejectedError.isInstance(error) && [error.printerCode, error.status]).toEqual([
      'BAD_REQUEST',
      400,
    ]);
  });

  it('iterates the history across pages', async () => {
    for (let i = 0; i < 3; i++) await printAndStop();
    const ids: number[] = [];
    for await (const job of h.client.jobs.iterate(UUID, { pageSize: 2, state: ['FIN_STOPPED'] }))
      ids.push(job.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('answers NOT_FOUND for an unknown job', async () => {
    const error = await rejectionOf(h.client.jobs.get(UUID, 999_999));
    expect(ConnectRejectedError.isInstance(error) && error.status).toBe(404);
  });
});

describe('queue and download queue', () => {
  it('adds, lists, iterates and removes planned jobs', async () => {
    await h.client.queue.add(UUID, { path: CUBE, position: -1, set_ready: false });
    await h.client.queue.add(UUID, { path: '/usb/benchy.gcode', position: 0, set_ready: true });
    const queue = await h.client.queue.list(UUID, { limit: 1 });
    expect(queue.planned_jobs).toHaveLength(1);
    expect(queue.planned_jobs[0]?.path).toBe('/usb/benchy.gcode');
    const all = [];
    for await (const job of h.client.queue.iterate(UUID, { pageSize: 1 })) all.push(job);
    expect(all.map((j) => j.path)).toEqual(['/usb/benchy.gcode', CUBE]);
    await h.client.queue.remove(UUID, all[0]?.id ?? -1);
    expect((await h.client.queue.list(UUID)).planned_jobs.map((j) => j.path)).toEqual([CUBE]);
    const error = await rejectionOf(h.client.queue.remove(UUID, all[0]?.id ?? -1));
    expect(ConnectRejectedError.isInstance(error) && error.status).toBe(404);
  });

  it('reads the download queue', async () => {
    const queue = await h.client.downloadQueue.list(UUID);
    expect(queue.planned_jobs).toEqual([]);
    expect(queue.pager).toMatchObject({ offset: 0 });
  });
});

describe('events', () => {
  it('filters by event name and iterates the log across pages', async () => {
    await h.client.commands.setPrinterReady(UUID);
    await h.client.commands.cancelPrinterReady(UUID);
    const changes = await h.client.events.list(UUID, { event: ['STATE_CHANGED'] });
    expect(changes.events.length).toBeGreaterThan(0);
    expect(changes.events.every((e) => e.event === 'STATE_CHANGED')).toBe(true);
    const lifecycle: string[] = [];
    for await (const event of h.client.events.iterate(UUID, { pageSize: 2 })) {
      if (event.command === 'SET_PRINTER_READY') lifecycle.unshift(event.event);
    }
    expect(lifecycle).toEqual(expect.arrayContaining(['CREATED', 'EMIT', 'FINISHED']));
  });
});

describe('files, storages, team files', () => {
  it('lists and iterates printer files, deletes one, reads storages', async () => {
    const files = await h.client.files.list(UUID);
    expect(files.files.map((f) => f.path)).toEqual(['/usb/benchy.gcode', CUBE]);
    const paths: string[] = [];
    for await (const file of h.client.files.iterate(UUID, { pageSize: 1 })) paths.push(file.path ?? '');
    expect(paths).toEqual(['/usb/benchy.gcode', CUBE]);
    await h.client.files.delete(UUID, ['/usb/benchy.gcode']);
    expect((await h.client.files.list(UUID)).files.map((f) => f.path)).toEqual([CUBE]);
    const storages = await h.client.storages.list(UUID);
    expect(storages.storages[0]).toMatchObject({ path: '/usb', free_space: expect.any(Number) });
  });
});

describe('cameras', () => {
  it('lists cameras and takes a snapshot, answering 304 to a conditional request without a body', async () => {
    const all = await h.client.cameras.list();
    const mine = await h.client.cameras.forPrinter(UUID);
    expect(mine.cameras.map((c) => c.id)).toEqual(all.cameras.map((c) => c.id));
    const cameraId = mine.cameras[0]?.id ?? -1;
    const first = await h.client.cameras.snapshot(cameraId, { printerUuid: UUID });
    if (first.notModified) throw new Error('expected an image');
    expect(first.contentType).toBe('image/jpeg');
    expect([...first.data.slice(0, 2)]).toEqual([0xff, 0xd8]);
    expect(first.etag).toBeDefined();

    const byEtag = await h.client.cameras.snapshot(cameraId, {
      printerUuid: UUID,
      ifNoneMatch: first.etag ?? '',
    });
    expect(byEtag).toEqual({ notModified: true, etag: first.etag, lastModified: first.lastModified });
    const byDate = await h.client.cameras.snapshot(cameraId, { ifModifiedSince: first.lastModified ?? '' });
    expect(byDate.notModified).toBe(true);

    await h.mock.advance(30_000);
    const next = await h.client.cameras.snapshot(cameraId, { ifNoneMatch: first.etag ?? '' });
    expect(next.notModified).toBe(false);
  });

  it('answers NOT_FOUND_CAMERA for an unknown camera', async () => {
    const error = await rejectionOf(h.client.cameras.snapshot(424242));
    expect(ConnectRejectedError.isInstance(error) && error.printerCode).toBe('NOT_FOUND_CAMERA');
  });
});

describe('uploads', () => {
  const gcode = new TextEncoder().encode('; printkit\nG28\nG1 X10 Y10\n');

  it('creates, streams, lists and downloads an upload (two steps by hand)', async () => {
    const teamId = h.mock.teamId;
    const upload = await h.client.uploads.create(teamId, {
      destination: '/usb/',
      filename: 'a.gcode',
      size: gcode.length,
    });
    expect(upload).toMatchObject({ state: 'INITIATED', path: '/usb/a.gcode' });
    expect((await h.client.uploads.list(teamId, { state: 'INITIATED' })).uploads.map((u) => u.id)).toEqual([
      upload.id,
    ]);
    const stored = await h.client.uploads.put(teamId, upload.id, {
      data: Readable.from([gcode.slice(0, 5), gcode.slice(5)]),
      size: gcode.length,
      filename: 'a.gcode',
    });
    expect(stored?.hash).toEqual(expect.any(String));
    const hash = stored?.hash ?? '';
    const team = await h.client.files.team.list(teamId);
    expect(team.files.map((f) => f.hash)).toContain(hash);
    expect((await h.client.files.team.get(teamId, hash)).size).toBe(gcode.length);
    const raw = await h.client.files.team.download(teamId, hash);
    expect(raw.notModified === false && [...raw.data]).toEqual([...gcode]);
  });

  it('aborts an upload', async () => {
    const teamId = h.mock.teamId;
    const upload = await h.client.uploads.create(teamId, {
      destination: '/usb/',
      filename: 'b.gcode',
      size: 10,
    });
    await h.client.uploads.abort(upload.id);
    expect((await h.client.uploads.list(teamId, { state: 'ABORTED' })).uploads.map((u) => u.id)).toEqual([
      upload.id,
    ]);
  });

  it('aborts the upload when the transfer is refused, and reports the refusal', async () => {
    const teamId = h.mock.teamId;
    const error = await rejectionOf(
      h.client.uploads.uploadFile({
        teamId,
        filename: 'c.gcode',
        data: Readable.from([gcode]),
        size: gcode.length + 1,
      }),
    );
    expect(ConnectRejectedError.isInstance(error) && error.printerCode).toBe('BAD_REQUEST');
    expect(h.transport.sent.at(-1)).toMatch(/^POST \/app\/uploads\/\d+\/abort$/);
    expect((await h.client.uploads.list(teamId, { state: 'ABORTED' })).uploads).toHaveLength(1);
  });

  it('refuses an upload over quota with 403', async () => {
    const error = await rejectionOf(
      h.client.uploads.create(h.mock.teamId, { destination: '/usb/', filename: 'huge.gcode', size: 2 ** 40 }),
    );
    expect(ConnectRejectedError.isInstance(error) && [error.status, error.printerCode]).toEqual([
      403,
      'FORBIDDEN_STORAGE_QUOTA',
    ]);
  });

  it('uploads in two steps to a printer, then starts printing the file', async () => {
    const result = await h.client.uploads.uploadFile({
      teamId: h.mock.teamId,
      filename: 'upload-then-print.gcode',
      data: gcode,
      printerUuid: UUID,
    });
    expect(result.path).toBe('/usb/upload-then-print.gcode');
    expect(h.transport.sent.slice(-2)).toEqual([
      `POST /app/users/teams/${h.mock.teamId}/uploads`,
      `PUT /app/teams/${h.mock.teamId}/files/raw?upload_id=${result.upload.id}`,
    ]);
    const reply = await h.client.commands.startPrint(UUID, result.path);
    expect(reply.event?.event).toBe('FINISHED');
    await h.mock.advance(1_000);
    expect((await h.client.printers.get(UUID)).job_info?.path).toBe(result.path);
  });
});

describe('account endpoints', () => {
  it('reads invitations, notifications, unseen count and teams', async () => {
    expect(await h.client.invitations.list()).toEqual({ invitations: [], refused: [] });
    expect((await h.client.notifications.unseen()).unseen).toBe(0);
    await printToEnd();
    expect((await h.client.notifications.unseen()).unseen).toBeGreaterThan(0);
    expect(await h.client.notifications.list()).toMatchObject({ notifications: expect.any(Array) });
    expect(await h.client.teams.list()).toMatchObject({ teams: [{ id: h.mock.teamId }] });
  });
});

describe('the generic request and the base URL', () => {
  it('sends any table entry through request()', async () => {
    const detail = await h.client.request('printers.get', { path: { uuid: UUID } });
    expect(detail.uuid).toBe(UUID);
  });

  it('keeps a path prefix of the base URL', async () => {
    const transport = countingTransport(h.mock.url);
    const prefixed = createPrusaConnectClient({
      baseUrl: `${h.mock.url}/connect/`,
      token: 'x',
      transport,
      maxRetries: 0,
    });
    await prefixed.version().catch(() => undefined);
    await prefixed.close();
    expect(transport.sent).toEqual(['GET /connect/version.json']);
  });
});
