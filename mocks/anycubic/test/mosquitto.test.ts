import { spawn } from 'node:child_process';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { attachSimulatedAnycubicPrinter, type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { type RunningMosquitto, startMosquitto } from '../src/mosquitto.js';
import { commandTopicOf, reportTopicOf, Tester } from './helpers.js';

function runTool(
  file: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('real third-party MQTT peers', () => {
  let mock: MockAnycubic | undefined;
  let broker: RunningMosquitto | undefined;
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await mock?.stop();
    mock = undefined;
    await broker?.stop();
    broker = undefined;
  });

  it('mosquitto_sub / mosquitto_pub drive the aedes mock: an info query gets the info report', async () => {
    mock = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      username: 'userFfWiIvys',
      password: 'jUWjRQZwUUlrHOQ',
    });
    const printer = mock.printer();
    const auth = ['-h', '127.0.0.1', '-p', String(mock.port), '-u', mock.username, '-P', mock.password];
    const sub = runTool('/usr/bin/mosquitto_sub', [
      ...auth,
      '-t',
      reportTopicOf(printer, 'info'),
      '-C',
      '1',
      '-W',
      '10',
    ]);
    // mosquitto_sub has no "subscribed" signal, so query until its one message arrives and it exits.
    let finished = false;
    void sub.then(() => {
      finished = true;
    });
    const query = JSON.stringify({
      type: 'info',
      action: 'query',
      msgid: '02fd3987-a2ff-244e-7c95-7fe257a9ef70',
      timestamp: 1660201929871,
    });
    while (!finished) {
      const pub = await runTool('/usr/bin/mosquitto_pub', [
        ...auth,
        '-t',
        commandTopicOf(printer, 'slicer', 'info'),
        '-m',
        query,
        '-q',
        '1',
      ]);
      expect(pub.code, pub.stderr).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { code, stdout, stderr } = await sub;
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown> & { data: Record<string, unknown> };
    expect(report).toMatchObject({
      type: 'info',
      action: 'report',
      state: 'done',
      code: 200,
      msgid: '02fd3987-a2ff-244e-7c95-7fe257a9ef70',
    });
    expect(report.data).toMatchObject({ model: 'Anycubic Kobra 3', state: 'free', project: null });

    const refused = await runTool('/usr/bin/mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(mock.port),
      '-u',
      mock.username,
      '-P',
      'wrong',
      '-t',
      'x',
      '-m',
      'y',
    ]);
    expect(refused.code).not.toBe(0);
  }, 30_000);

  it('a simulated printer attached to a real mosquitto answers mqtt.js, and mosquitto sends its will', async () => {
    broker = await startMosquitto();
    expect(broker.username).toBe('printkit');
    const attached = await attachSimulatedAnycubicPrinter({
      brokerUrl: broker.url,
      username: broker.username,
      password: broker.password,
      deviceId: 'cafe0123cafe0123cafe0123cafe0123',
      modelId: 20027,
      httpUrl: 'http://127.0.0.1:18910',
    });
    cleanups.push(() => attached.detach());
    const tester = await Tester.connect(broker, attached);
    cleanups.push(() => tester.close());

    const info = await tester.request('web', 'info', 'query');
    expect(info).toMatchObject({ type: 'info', state: 'done', data: { model: 'Anycubic Kobra 3 V2' } });
    expect(info.data.urls.fileUploadurl).toBe(
      `http://127.0.0.1:18910/gcode_upload?s=${attached.uploadToken}`,
    );

    // The sim advances through a real broker too.
    await tester.request('slicer', 'print', 'start', { taskid: '-1', filename: 'benchy.gcode', filetype: 1 });
    await attached.advance(200_000);
    await tester.waitForReport((r) => r.type === 'print' && r.state === 'printing');

    const since = tester.mark();
    attached.dropConnection();
    const will = await tester.waitForReport((r) => r.type === 'lastWill', since);
    expect(will.state).toBe('offline');
    await tester.waitForReport((r) => r.type === 'lastWill' && r.state === 'online', since);

    await expect(
      mqtt.connectAsync(broker.url, { username: 'printkit', password: 'wrong', reconnectPeriod: 0 }),
    ).rejects.toThrow();
    await expect(
      attachSimulatedAnycubicPrinter({ brokerUrl: broker.url, username: 'printkit', password: 'wrong' }),
    ).rejects.toThrow(/could not join/);
  }, 30_000);

  it('startMosquitto throws a clear error when the binary is missing', async () => {
    await expect(startMosquitto({ binary: '/nonexistent/mosquitto' })).rejects.toThrow(
      /mosquitto is not installed/,
    );
  });
});
