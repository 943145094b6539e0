import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic, UPLOAD_OPERATION } from '../src/index.js';
import { reportTopicOf, Tester } from './helpers.js';

describe('faults (operation = <type>/<action>)', () => {
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

  it('drop: the command gets neither ack nor report, the next one is answered', async () => {
    mock.printer().faults.add({ operation: 'info/query', kind: 'drop' });
    const since = tester.mark();
    const dropped = tester.send('web', 'info', 'query');
    const answered = await tester.request('web', 'info', 'query');
    expect(answered.state).toBe('done');
    expect(tester.acks(since)).not.toContain(dropped);
    expect(tester.reports(since).map((r) => r.msgid)).not.toContain(dropped);
  });

  it('delay: answers after delayMs real ms, later commands overtake it', async () => {
    mock.printer().faults.add({ operation: 'info/query', kind: 'delay', delayMs: 150 });
    const since = tester.mark();
    const slow = tester.send('web', 'info', 'query');
    const fast = await tester.request('web', 'fan', 'query');
    expect(tester.reports(since).map((r) => r.msgid)).not.toContain(slow);
    const late = await tester.waitForReport((r) => r.msgid === slow, since);
    expect(late.state).toBe('done');
    const order = tester.reports(since).map((r) => r.msgid);
    expect(order.indexOf(fast.msgid)).toBeLessThan(order.indexOf(slow));
  });

  it('malformed: acks, then publishes a non-JSON report on the type report topic', async () => {
    mock.printer().faults.add({ operation: 'info/query', kind: 'malformed' });
    const since = tester.mark();
    const msgid = tester.send('web', 'info', 'query');
    const garbage = await tester.waitFor((m) => m.topic === reportTopicOf(mock.printer(), 'info'), since);
    expect(garbage.json).toBeUndefined();
    expect(() => JSON.parse(garbage.raw)).toThrow();
    expect(tester.acks(since)).toContain(msgid);
    expect((await tester.request('web', 'info', 'query')).state).toBe('done');
  });

  it('error-reply: a failed report with the rule code and message', async () => {
    mock
      .printer()
      .faults.add({ operation: 'print/start', kind: 'error-reply', code: 11513, message: 'ACE timeout' });
    const report = await tester.request('slicer', 'print', 'start', {
      taskid: '-1',
      filename: 'benchy.gcode',
      filetype: 1,
    });
    expect(report).toMatchObject({
      type: 'print',
      action: 'start',
      state: 'failed',
      code: 11513,
      msg: 'ACE timeout',
    });
    expect(mock.printer().sim.state).toBe('idle');
  });

  it("'*' rules apply to every command; times limits them", async () => {
    mock.printer().faults.add({ operation: '*', kind: 'error-reply', code: 10001, times: 2 });
    expect((await tester.request('web', 'fan', 'query')).code).toBe(10001);
    expect((await tester.request('web', 'light', 'query')).code).toBe(10001);
    expect((await tester.request('web', 'light', 'query')).code).toBe(200);
  });

  it('disconnect: the broker kicks the client that sent the command; the printer stays up', async () => {
    mock.printer().faults.add({ operation: 'print/pause', kind: 'disconnect' });
    const closed = new Promise<void>((resolve) => tester.client.once('close', () => resolve()));
    tester.send('web', 'print', 'pause', { taskid: '-1' });
    await closed;
    const again = await Tester.connect(mock, mock.printer());
    try {
      expect((await again.request('web', 'info', 'query')).state).toBe('done');
      expect(mock.printer().online).toBe(true);
    } finally {
      await again.close();
    }
  });

  it("auth-failure on 'connect' refuses the next CONNECT only, never the printer's own", async () => {
    mock.printer().faults.add({ operation: 'connect', kind: 'auth-failure' });
    mock.printer().dropConnection(); // the printer reconnects while the rule is armed
    await tester.waitForReport((r) => r.type === 'lastWill' && r.state === 'online');
    await expect(
      mqtt.connectAsync(mock.url, { username: 'printkit', password: 'printkit', reconnectPeriod: 0 }),
    ).rejects.toThrow(/Not authorized/i);
    const ok = await mqtt.connectAsync(mock.url, {
      username: 'printkit',
      password: 'printkit',
      reconnectPeriod: 0,
    });
    await ok.endAsync();
  });

  it('upload faults use the operation "POST /gcode_upload"', async () => {
    mock
      .printer()
      .faults.add({ operation: UPLOAD_OPERATION, kind: 'error-reply', status: 503, message: 'busy' });
    const body = new FormData();
    body.append('gcode', new Blob(['G28\n']), 'x.gcode');
    const response = await fetch(mock.printer().urls.fileUploadurl, { method: 'POST', body });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ msg: 'busy' });
    mock.printer().faults.add({ operation: UPLOAD_OPERATION, kind: 'drop' });
    await expect(fetch(mock.printer().urls.fileUploadurl, { method: 'POST', body })).rejects.toThrow();
    expect((await fetch(mock.printer().urls.fileUploadurl, { method: 'POST', body })).status).toBe(200);
  });
});
