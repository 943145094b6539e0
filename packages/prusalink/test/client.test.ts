/** The protocol client against the mock over real loopback sockets: auth, calls, errors, retries, deadlines. */
import {
  AbortedError,
  ConnectionError,
  InvalidArgumentError,
  ProtocolError,
  TimeoutError,
} from '@printkit/core-types';
import { useMockPrusaLink } from '@printkit/mock-prusalink/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPrusaLinkClient,
  PrusaLinkAuthError,
  type PrusaLinkClient,
  PrusaLinkRejectedError,
} from '../src/index.js';

const clients: PrusaLinkClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

function track(client: PrusaLinkClient): PrusaLinkClient {
  clients.push(client);
  return client;
}

/** A fetch that records each request's method, path and status. */
function recordingFetch() {
  const log: Array<{ method: string; path: string; status: number; authorization: string | null }> = [];
  const fetchFunction = async (input: string, init: RequestInit) => {
    const response = await fetch(input, init);
    const headers = new Headers(init.headers);
    log.push({
      method: init.method ?? 'GET',
      path: new URL(input).pathname,
      status: response.status,
      authorization: headers.get('authorization'),
    });
    return response;
  };
  return { log, fetch: fetchFunction };
}

describe('digest auth', () => {
  const mock = useMockPrusaLink();

  it('asks for one challenge, then answers every request with the same nonce', async () => {
    const { log, fetch } = recordingFetch();
    const client = track(createPrusaLinkClient({ url: mock().url, password: 'printkit-pass', fetch }));
    await client.status();
    await client.info();
    await client.version();
    expect(log.map((entry) => entry.status)).toEqual([401, 200, 200, 200]);
    const nonces = log.slice(1).map((entry) => /nonce="([^"]+)"/.exec(entry.authorization ?? '')?.[1]);
    expect(new Set(nonces).size).toBe(1);
  });

  it('takes a fresh nonce on stale=true and repeats the request once', async () => {
    const { log, fetch } = recordingFetch();
    const client = track(createPrusaLinkClient({ url: mock().url, password: 'printkit-pass', fetch }));
    await client.status();
    mock().expireNonces();
    const status = await client.status();
    expect(status.printer.state).toBe('IDLE');
    expect(log.map((entry) => entry.status)).toEqual([401, 200, 401, 200]);
  });

  it('works on the default undici transport, and for a PUT (the probe comes first, the body goes once)', async () => {
    const client = track(createPrusaLinkClient({ url: mock().url, password: 'printkit-pass' }));
    await client.uploadFile({ storage: 'usb', path: 'a.gcode', data: new TextEncoder().encode('G28\n') });
    expect(mock().sim.getFile('a.gcode')?.sizeBytes).toBe(4);
  });

  it('answers qop="auth" challenges (RFC 7616) with nc counting up', async () => {
    const { startMockPrusaLink } = await import('@printkit/mock-prusalink');
    const qop = await startMockPrusaLink({ digestQop: true, realm: 'Administrator' });
    try {
      const { log, fetch } = recordingFetch();
      const client = track(createPrusaLinkClient({ url: qop.url, password: 'printkit-pass', fetch }));
      await client.status();
      await client.status();
      expect(log.map((e) => /nc=(\w+)/.exec(e.authorization ?? '')?.[1])).toEqual([
        undefined,
        '00000001',
        '00000002',
      ]);
    } finally {
      await qop.stop();
    }
  });

  it('rejects a wrong password with PrusaLinkAuthError (an AuthError) and does not loop', async () => {
    const { log, fetch } = recordingFetch();
    const client = track(createPrusaLinkClient({ url: mock().url, password: 'wrong', fetch }));
    const error = await client.status().catch((e: unknown) => e);
    expect(PrusaLinkAuthError.isInstance(error)).toBe(true);
    expect((error as PrusaLinkAuthError).status).toBe(401);
    expect((error as PrusaLinkAuthError).scheme).toBe('Digest');
    expect(log.length).toBe(2);
  });

  it('leaves an injected undici dispatcher open on close() (whoever creates it closes it)', async () => {
    const { Agent } = await import('undici');
    const agent = new Agent();
    const client = createPrusaLinkClient({ url: mock().url, password: 'printkit-pass', dispatcher: agent });
    expect((await client.info()).hostname).toBe('printkit-mk4');
    await client.close();
    expect(agent.closed).toBe(false);
    expect(agent.destroyed).toBe(false);
    const again = await agent.request({ origin: mock().url, path: '/api/version', method: 'GET' });
    await again.body.dump();
    expect(again.statusCode).toBe(401);
    await agent.close();
  });

  it('takes user and password from the URL and never shows them', async () => {
    const url = mock().url.replace('http://', 'http://maker:printkit-pass@');
    const client = track(createPrusaLinkClient({ url }));
    expect(client.origin).toBe(mock().url);
    expect((await client.version()).api).toBe('2.0.0');
  });
});

describe('api key and dialects', () => {
  const mock = useMockPrusaLink();

  it('sends X-Api-Key; a wrong one is a PrusaLinkAuthError', async () => {
    const ok = track(createPrusaLinkClient({ url: mock().url, apiKey: 'printkit-pass' }));
    expect((await ok.info()).hostname).toBe('printkit-mk4');
    const wrong = track(createPrusaLinkClient({ url: mock().url, apiKey: 'nope' }));
    const error = await wrong.info().catch((e: unknown) => e);
    expect(PrusaLinkAuthError.isInstance(error)).toBe(true);
    expect((error as PrusaLinkAuthError).scheme).toBe('ApiKey');
  });

  it('detects v1 from /api/version once', async () => {
    const { log, fetch } = recordingFetch();
    const client = track(createPrusaLinkClient({ url: mock().url, apiKey: 'printkit-pass', fetch }));
    expect(await client.dialect()).toBe('v1');
    expect(await client.dialect()).toBe('v1');
    expect(log.filter((e) => e.path === '/api/version')).toHaveLength(1);
  });
});

describe('legacy dialect', () => {
  const mock = useMockPrusaLink({ dialect: 'legacy' });

  it('detects "0.9.0-legacy" and reads printer, job and files', async () => {
    const client = track(createPrusaLinkClient({ url: mock().url, apiKey: 'printkit-pass' }));
    expect(await client.dialect()).toBe('legacy');
    mock().sim.startPrint('cube.gcode');
    const printer = await client.legacyPrinter();
    expect(printer.state.text).toBe('Printing');
    const job = await client.legacyJob();
    expect(job.job?.file?.name).toBe('cube.gcode');
    const files = await client.legacyFiles();
    expect(files.files[0]?.children).toHaveLength(2);
    const busy = await client
      .legacyFileCommand({
        target: 'local',
        path: 'PrusaLink gcodes/benchy.gcode',
        command: 'select',
        print: true,
      })
      .catch((e: unknown) => e);
    expect(busy).toMatchObject({ status: 409 });
    await client.legacyJobCommand({ command: 'cancel' });
    await mock().advance(2_000);
    expect((await client.legacyPrinter()).state.text).toBe('Cancelling');
  });

  it('selects and prints a file with POST /api/files/{target}/{path}', async () => {
    const client = track(createPrusaLinkClient({ url: mock().url, apiKey: 'printkit-pass' }));
    await client.legacyFileCommand({
      target: 'local',
      path: 'PrusaLink gcodes/cube.gcode',
      command: 'select',
      print: true,
    });
    expect(mock().state).toBe('PRINTING');
  });

  it('a wrong key (403 "Bad X-Api-Key.") is a PrusaLinkAuthError', async () => {
    const client = track(createPrusaLinkClient({ url: mock().url, apiKey: 'nope' }));
    const error = await client.legacyPrinter().catch((e: unknown) => e);
    expect(PrusaLinkAuthError.isInstance(error)).toBe(true);
    expect((error as PrusaLinkAuthError).status).toBe(403);
  });
});

describe('calls and errors', () => {
  const mock = useMockPrusaLink();
  const client = () =>
    track(createPrusaLinkClient({ url: mock().url, apiKey: 'printkit-pass', maxRetries: 2 }));

  it('runs a print by job id; 204s read as undefined', async () => {
    const c = client();
    expect(await c.job()).toBeUndefined();
    expect(await c.transfer()).toBeUndefined();
    await c.startPrint({ storage: 'usb', path: 'cube.gcode' });
    const job = await c.job();
    expect(job).toMatchObject({ state: 'PRINTING', file: { name: 'cube.gcode' } });
    await c.pauseJob(job?.id ?? -1);
    await mock().advance(2_000);
    expect((await c.status()).printer.state).toBe('PAUSED');
    await c.resumeJob(job?.id ?? -1);
    await c.stopJob(job?.id ?? -1);
    await mock().advance(2_000);
    expect((await c.job())?.state).toBe('STOPPED');
  });

  it('reads storage, files, HEAD, cameras and a snapshot', async () => {
    const c = client();
    expect((await c.storage()).storage_list[0]).toMatchObject({ type: 'USB', path: '/usb/' });
    const root = await c.fileInfo({ storage: 'usb', path: '' });
    expect(root.type).toBe('FOLDER');
    expect(root.children?.map((f) => f.name).sort()).toEqual(['benchy.gcode', 'cube.gcode']);
    expect(await c.fileHead({ storage: 'usb', path: 'cube.gcode' })).toEqual({
      readOnly: false,
      currentlyPrinted: false,
    });
    expect((await c.cameras())[0]?.camera_id).toBe('printkitcam1');
    const snapshot = await c.snapshot();
    expect(snapshot?.contentType).toBe('image/jpeg');
    expect(snapshot?.data.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect((await c.cameraSnapshot('printkitcam1'))?.contentType).toBe('image/jpeg');
    await expect(c.cameraSnapshot('other')).rejects.toMatchObject({ status: 404 });
    await expect(c.cameraSnapshot('a/b')).rejects.toSatisfy((e) => InvalidArgumentError.isInstance(e));
  });

  it('uploads with Overwrite and Print-After-Upload; a conflict is a PrusaLinkRejectedError with the printer text', async () => {
    const c = client();
    const data = new TextEncoder().encode('G28\n');
    await c.uploadFile({ storage: 'usb', path: 'x/part.gcode', data });
    const error = await c.uploadFile({ storage: 'usb', path: 'x/part.gcode', data }).catch((e: unknown) => e);
    expect(PrusaLinkRejectedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, printerMessage: 'File already exists', isRetryable: false });
    await c.uploadFile({
      storage: 'usb',
      path: 'x/part.gcode',
      data,
      overwrite: true,
      printAfterUpload: true,
    });
    expect(mock().state).toBe('PRINTING');
    await c.deleteFile({ storage: 'usb', path: 'cube.gcode' });
    expect(mock().sim.getFile('cube.gcode')).toBeUndefined();
  });

  it('reads a running upload from /api/v1/transfer and stops it by id', async () => {
    const { request } = await import('node:http');
    const upload = request(`${mock().url}/api/v1/files/usb/slow.gcode`, {
      method: 'PUT',
      headers: { 'X-Api-Key': 'printkit-pass', 'Content-Length': '100000' },
    });
    upload.on('error', () => {});
    upload.write(new Uint8Array(2_000));
    const c = client();
    await expect.poll(async () => (await c.transfer())?.type, { timeout: 2_000 }).toBe('FROM_CLIENT');
    const transfer = await c.transfer();
    expect(transfer).toMatchObject({ display_name: 'slow.gcode', size: '100000', to_print: false });
    const id = (await c.status()).transfer?.id;
    expect(typeof id).toBe('number');
    await c.stopTransfer(id ?? -1);
    expect(await c.transfer()).toBeUndefined();
    upload.destroy();
  });

  it('refuses bad input with InvalidArgumentError before sending', async () => {
    const c = client();
    const cases = [
      () => c.pauseJob(-1),
      () => c.pauseJob(1.5),
      () => c.fileInfo({ storage: 'usb', path: '../etc' }),
      () => c.fileInfo({ storage: 'a/b', path: 'x' }),
      () => c.uploadFile({ storage: 'usb', path: '', data: new Uint8Array(1) }),
      () => c.uploadFile({ storage: 'usb', path: 'a.gcode', data: 'text' as never }),
      () => c.legacyJobCommand({ command: 'explode' } as never),
      () => c.request('constructor' as never),
    ];
    for (const call of cases) {
      const error = await call().catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    }
    expect(() => createPrusaLinkClient({ url: 'not a url' })).toThrow(InvalidArgumentError);
    expect(() => createPrusaLinkClient({ url: 'ftp://x' })).toThrow(InvalidArgumentError);
    expect(() => createPrusaLinkClient({ url: 'http://x', timeoutMs: -1 })).toThrow(InvalidArgumentError);
  });

  it('retries a GET after a 503 but never a PUT', async () => {
    const c = client();
    mock().faults.add({ operation: 'GET /api/v1/status', kind: 'error-reply', status: 503, times: 2 });
    expect((await c.status()).printer.state).toBe('IDLE');
    mock().faults.add({ operation: 'PUT /api/v1/job/{id}', kind: 'error-reply', status: 503 });
    mock().sim.startPrint('cube.gcode');
    const job = await c.job();
    const error = await c.pauseJob(job?.id ?? 0).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, isRetryable: true });
    expect(mock().sim.state).not.toBe('pausing');
  });

  it('gives up after maxRetries with the last error', async () => {
    const c = client();
    mock().faults.add({ operation: 'GET /api/v1/info', kind: 'error-reply', status: 500, times: 3 });
    const error = await c.info().catch((e: unknown) => e);
    expect(PrusaLinkRejectedError.isInstance(error)).toBe(true);
    expect(mock().faults.list()).toEqual([]);
  });

  it('a truncated JSON body is a ProtocolError; a dropped connection a ConnectionError', async () => {
    const c = track(createPrusaLinkClient({ url: mock().url, apiKey: 'printkit-pass', maxRetries: 0 }));
    mock().faults.add({ operation: 'GET /api/v1/status', kind: 'malformed' });
    expect(ProtocolError.isInstance(await c.status().catch((e: unknown) => e))).toBe(true);
    mock().faults.add({ operation: 'GET /api/v1/status', kind: 'drop' });
    expect(ConnectionError.isInstance(await c.status().catch((e: unknown) => e))).toBe(true);
  });

  it('times out with timeoutMs, aborts with a signal, and settles pending calls on close()', async () => {
    const c = track(createPrusaLinkClient({ url: mock().url, apiKey: 'printkit-pass', maxRetries: 0 }));
    mock().faults.add({ operation: 'GET /api/v1/status', kind: 'delay', delayMs: 2_000, times: 3 });
    const timedOut = await c.status({ timeoutMs: 50 }).catch((e: unknown) => e);
    expect(TimeoutError.isInstance(timedOut)).toBe(true);
    const controller = new AbortController();
    const aborted = c.status({ signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(AbortedError.isInstance(await aborted)).toBe(true);
    const pending = c.status().catch((e: unknown) => e);
    await c.close();
    expect(ConnectionError.isInstance(await pending)).toBe(true);
    expect(ConnectionError.isInstance(await c.info().catch((e: unknown) => e))).toBe(true);
  });
});
