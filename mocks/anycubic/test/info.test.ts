import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { reportTopicOf, Tester } from './helpers.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('info query', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0 });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it.each(['web', 'slicer'] as const)(
    'answers on the %s root with the seed envelope and an ack',
    async (root) => {
      const since = tester.mark();
      const msgid = tester.send(root, 'info', 'query');
      const report = await tester.waitForReport((r) => r.msgid === msgid, since);
      await tester.waitForAck(msgid, since);
      expect(report).toMatchObject({ type: 'info', action: 'report', state: 'done', code: 200, msg: 'done' });
      expect(typeof report.timestamp).toBe('number');
      const printer = mock.printer();
      const topic = tester.received.find(
        (m) => m.json?.msgid === msgid && m.topic.endsWith('/report'),
      )?.topic;
      expect(topic).toBe(reportTopicOf(printer, 'info'));
      // The ack arrives before the report and carries only the msgid.
      const ackIndex = tester.received.findIndex(
        (m) => m.topic.endsWith('/response') && m.json?.msgid === msgid,
      );
      const reportIndex = tester.received.findIndex(
        (m) => m.topic.endsWith('/report') && m.json?.msgid === msgid,
      );
      expect(ackIndex).toBeLessThan(reportIndex);
      expect(tester.received[ackIndex]?.json).toEqual({ msgid });
    },
  );

  it('reports an idle Kobra 3 with urls pointing at the mock', async () => {
    const { data } = await tester.request('web', 'info', 'query');
    const printer = mock.printer();
    expect(data.model).toBe('Anycubic Kobra 3');
    expect(data.state).toBe('free');
    expect(data.project).toBeNull();
    expect(data.urls.fileUploadurl).toBe(`${mock.httpUrl}/gcode_upload?s=${printer.uploadToken}`);
    expect(data.urls.rtspUrl).toBe(`${mock.httpUrl}/flv`);
    expect(printer.uploadToken).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(printer.deviceId).toMatch(/^[0-9a-f]{32}$/);
    expect(data.temp).toEqual({
      curr_hotbed_temp: 25,
      curr_nozzle_temp: 25,
      target_hotbed_temp: 0,
      target_nozzle_temp: 0,
    });
    expect(data.print_speed_mode).toBe(2);
  });

  it('has every key of the real Kobra S1 Max capture, and the S1 Max has chamber temperatures', async () => {
    await tester.close();
    await mock.stop();
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ modelId: 20029 }] });
    tester = await Tester.connect(mock, mock.printer());
    mock.printer().sim.startPrint('benchy.gcode');
    await mock.advance(1000);
    const { data } = await tester.request('web', 'info', 'query');
    const capture = fixture('info_report.json');
    expect(Object.keys(data)).toEqual(expect.arrayContaining(Object.keys(capture)));
    expect(Object.keys(data.temp).sort()).toEqual(Object.keys(capture.temp as object).sort());
    expect(Object.keys(data.project)).toEqual(expect.arrayContaining(Object.keys(capture.project as object)));
    expect(Object.keys(data.urls)).toEqual(expect.arrayContaining(Object.keys(capture.urls as object)));
    expect(Object.keys(data.features)).toEqual(
      expect.arrayContaining(Object.keys(capture.features as object)),
    );
    expect(data.model).toBe('Anycubic Kobra S1 Max');
    expect(data.state).toBe('busy');
    expect(data.project).toMatchObject({
      state: 'preheating',
      print_status: 6,
      pause: 0,
      filename: 'benchy.gcode',
    });
  });

  it('answers from the sim as it is now, also when the sim is changed directly between queries', async () => {
    const sim = mock.printer().sim;
    expect((await tester.request('web', 'info', 'query')).data.temp.target_nozzle_temp).toBe(0);
    // The printer keeps one snapshot between sim changes; each change must be seen by the next answer.
    sim.setTarget('nozzle', 210);
    sim.setFanPercent(40);
    const after = await tester.request('web', 'info', 'query');
    expect(after.data.temp.target_nozzle_temp).toBe(210);
    expect(after.data.fan_speed_pct).toBe(40);
    expect((await tester.request('web', 'fan', 'query')).data.fan_speed_pct).toBe(40);
    await mock.advance(30_000);
    const heated = (await tester.request('web', 'tempature', 'query')).data;
    expect(heated.curr_nozzle_temp).toBe(Math.round(sim.snapshot().temperatures.nozzle.actual));
    expect(heated.curr_nozzle_temp).toBeGreaterThan(100);
  });

  it('does not push info unasked by default, and pushes info and tempature with pushInfo', async () => {
    const since = tester.mark();
    await mock.advance(20_000);
    // A query after the advance: anything pushed would have arrived before its answer.
    await tester.request('web', 'info', 'query');
    expect(tester.reports(since).filter((r) => r.type === 'info')).toHaveLength(1);
    expect(tester.reports(since).filter((r) => r.type === 'tempature')).toHaveLength(0);

    await tester.close();
    await mock.stop();
    mock = await startMockAnycubic({ port: 0, httpPort: 0, pushInfo: true, reportIntervalMs: 2000 });
    tester = await Tester.connect(mock, mock.printer());
    await mock.advance(4000);
    await tester.waitForReport((r) => r.type === 'tempature' && r.action === 'auto');
    await tester.waitForReport((r) => r.type === 'info' && r.action === 'report');
    const pushed = tester.reports().filter((r) => r.type === 'info');
    expect(pushed).toHaveLength(2);
  });

  it('serves several printers, each on its own topics and model id', async () => {
    await tester.close();
    await mock.stop();
    mock = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      printers: [
        { deviceId: 'aaa', modelId: 20024 },
        { deviceId: 'bbb', modelId: 20025, name: 'Shop S1' },
      ],
    });
    expect(mock.printers.map((p) => p.deviceId)).toEqual(['aaa', 'bbb']);
    expect(() => mock.printer('zzz')).toThrow(/zzz/);
    tester = await Tester.connect(mock, mock.printer('bbb'));
    const { data } = await tester.request('slicer', 'info', 'query');
    expect(data).toMatchObject({ printerName: 'Shop S1', model: 'Anycubic Kobra S1' });
    expect(data.urls.rtspUrl).toBe(`${mock.httpUrl}/flv?device=bbb`);
    expect(tester.received.every((m) => m.topic.includes('/20025/bbb/'))).toBe(true);
  });
});
