import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { Tester } from './helpers.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as {
    multi_color_box: Array<Record<string, unknown> & { slots: Array<Record<string, unknown>> }>;
  };

describe('multiColorBox (ACE)', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ aceUnits: 2 }] });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it('getInfo answers every box with the key set of the full capture', async () => {
    const report = await tester.request('web', 'multiColorBox', 'getInfo');
    // getInfo answers `success`, not `done` (notes, "More wire facts").
    expect(report).toMatchObject({ type: 'multiColorBox', action: 'getInfo', state: 'success', code: 200 });
    const capture = fixture('multicolorbox_full.json').multi_color_box[0]!;
    const boxes = report.data.multi_color_box;
    expect(boxes.map((b: { id: number }) => b.id)).toEqual([0, 1]);
    for (const box of boxes) {
      expect(Object.keys(box).sort()).toEqual(Object.keys(capture).sort());
      expect(Object.keys(box.drying_status).sort()).toEqual(
        Object.keys(capture.drying_status as object).sort(),
      );
      expect(Object.keys(box.feed_status).sort()).toEqual(Object.keys(capture.feed_status as object).sort());
      expect(Object.keys(box.slots[0]).sort()).toEqual(Object.keys(capture.slots[0]!).sort());
    }
  });

  it('a plain query gets nothing (notes)', async () => {
    const since = tester.mark();
    const msgid = tester.send('web', 'multiColorBox', 'query');
    await tester.request('web', 'info', 'query');
    await tester.waitForAck(msgid, since);
    expect(tester.reports(since).filter((r) => r.type === 'multiColorBox')).toEqual([]);
  });

  it('setInfo answers a partial report with only the changed slots, and the full state merges', async () => {
    const report = await tester.request('web', 'multiColorBox', 'setInfo', {
      multi_color_box: [{ id: 1, slots: [{ index: 2, type: 'ABS', color: [1, 2, 3] }] }],
    });
    expect(report).toMatchObject({ action: 'setInfo', state: 'success' });
    expect(report.data.multi_color_box).toHaveLength(1);
    const [part] = report.data.multi_color_box;
    expect(Object.keys(part).sort()).toEqual(['id', 'slots']);
    expect(part.slots).toEqual([expect.objectContaining({ index: 2, type: 'ABS', color: [1, 2, 3] })]);
    // The slim capture's slot has the same keys as ours.
    const slim = fixture('multicolorbox_slim.json').multi_color_box[0]!;
    expect(Object.keys(part.slots[0]).sort()).toEqual(Object.keys(slim.slots[0]!).sort());
    const full = await tester.request('web', 'multiColorBox', 'getInfo');
    expect(full.data.multi_color_box[1].slots[2]).toMatchObject({ type: 'ABS', color: [1, 2, 3] });
    expect(full.data.multi_color_box[0].slots[2].type).toBe('PETG');
  });

  it('refuses setInfo for an unknown box or slot and changes nothing', async () => {
    const badBox = await tester.request('web', 'multiColorBox', 'setInfo', {
      multi_color_box: [{ id: 7, slots: [{ index: 0, type: 'ABS' }] }],
    });
    expect(badBox).toMatchObject({ state: 'failed', code: 10001 });
    const badSlot = await tester.request('web', 'multiColorBox', 'setInfo', {
      multi_color_box: [
        {
          id: 0,
          slots: [
            { index: 0, type: 'TPU' },
            { index: 9, type: 'ABS' },
          ],
        },
      ],
    });
    expect(badSlot.state).toBe('failed');
    const badColor = await tester.request('web', 'multiColorBox', 'setInfo', {
      multi_color_box: [{ id: 0, slots: [{ index: 0, color: [999] }] }],
    });
    expect(badColor.state).toBe('failed');
    const full = await tester.request('web', 'multiColorBox', 'getInfo');
    expect(full.data.multi_color_box[0].slots[0].type).toBe('PLA');
  });

  it('setDry starts drying (partial drying_status) and remain_time counts down in minutes until it ends', async () => {
    const report = await tester.request('web', 'multiColorBox', 'setDry', {
      id: 0,
      drying_status: { status: 1, target_temp: 45, duration: 240 },
    });
    expect(report.data).toEqual({
      multi_color_box: [
        { id: 0, drying_status: { status: 1, target_temp: 45, duration: 240, remain_time: 240 } },
      ],
    });
    await mock.advance(60 * 60_000);
    let full = await tester.request('web', 'multiColorBox', 'getInfo');
    expect(full.data.multi_color_box[0].drying_status).toMatchObject({ status: 1, remain_time: 180 });
    await mock.advance(180 * 60_000);
    full = await tester.request('web', 'multiColorBox', 'getInfo');
    expect(full.data.multi_color_box[0].drying_status).toMatchObject({ status: 0, remain_time: 0 });
    const stop = await tester.request('web', 'multiColorBox', 'setDry', {
      multi_color_box: [{ id: 1, drying_status: { status: 0 } }],
    });
    expect(stop.data.multi_color_box[0]).toEqual({
      id: 1,
      drying_status: { status: 0, target_temp: 0, duration: 0, remain_time: 0 },
    });
    expect(
      (await tester.request('web', 'multiColorBox', 'setDry', { drying_status: { status: 1 } })).state,
    ).toBe('failed');
  });

  it('pushes autoUpdateDryStatus (success, no slots) while drying, once more when it ends, then stops', async () => {
    await tester.request('web', 'multiColorBox', 'setDry', {
      id: 0,
      drying_status: { status: 1, target_temp: 45, duration: 1 },
    });
    let since = tester.mark();
    await mock.advance(5_000);
    const during = await tester.waitForReport((r) => r.action === 'autoUpdateDryStatus', since);
    expect(during).toMatchObject({ type: 'multiColorBox', state: 'success', code: 200 });
    expect(during.data.multi_color_box).toEqual([
      { id: 0, temp: 25, drying_status: { status: 1, target_temp: 45, duration: 1, remain_time: 1 } },
    ]);
    await mock.advance(60_000);
    const ended = await tester.waitForReport(
      (r) => r.action === 'autoUpdateDryStatus' && r.data.multi_color_box[0].drying_status.status === 0,
      since,
    );
    expect(ended.data.multi_color_box[0].drying_status).toEqual({
      status: 0,
      target_temp: 0,
      duration: 0,
      remain_time: 0,
    });
    since = tester.mark();
    await mock.advance(20_000);
    await tester.request('web', 'info', 'query');
    expect(tester.reports(since).filter((r) => r.action === 'autoUpdateDryStatus')).toEqual([]);
  });

  it('pushes autoUpdateInfo (done, {id, loaded_slot}) when the loaded slot changes', async () => {
    const since = tester.mark();
    const feed = await tester.request('web', 'multiColorBox', 'feedFilament', {
      feed_status: { slot_index: 2, type: 1 },
    });
    const pushed = await tester.waitForReport((r) => r.action === 'autoUpdateInfo', since);
    expect(pushed).toMatchObject({ type: 'multiColorBox', state: 'done' });
    expect(pushed.msgid).not.toBe(feed.msgid);
    expect(pushed.data).toEqual({ multi_color_box: [{ id: 0, loaded_slot: 2 }] });
  });

  it('setAutoFeed and feedFilament answer partial reports', async () => {
    const auto = await tester.request('web', 'multiColorBox', 'setAutoFeed', { id: 0, auto_feed: 1 });
    expect(auto.data).toEqual({ multi_color_box: [{ id: 0, auto_feed: 1 }] });
    const feed = await tester.request('web', 'multiColorBox', 'feedFilament', {
      feed_status: { slot_index: 1, type: 1 },
    });
    expect(feed.data).toEqual({
      multi_color_box: [
        { id: 0, loaded_slot: 1, feed_status: { code: 200, type: 1, current_status: 0, slot_index: 1 } },
      ],
    });
    const retract = await tester.request('web', 'multiColorBox', 'feedFilament', {
      feed_status: { slot_index: 1, type: 2 },
    });
    expect(retract.data.multi_color_box[0].loaded_slot).toBe(-1);
    expect(
      (
        await tester.request('web', 'multiColorBox', 'feedFilament', {
          feed_status: { slot_index: 8, type: 1 },
        })
      ).state,
    ).toBe('failed');
    expect((await tester.request('web', 'multiColorBox', 'setAutoFeed', { auto_feed: 5 })).state).toBe(
      'failed',
    );
    expect((await tester.request('web', 'multiColorBox', 'setInfo', null)).state).toBe('failed');
    const full = await tester.request('web', 'multiColorBox', 'getInfo');
    expect(full.data.multi_color_box[0]).toMatchObject({ auto_feed: 1, loaded_slot: -1 });
  });
});

describe('Kobra X: the external spool box -1 and chained ACE units', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ modelId: 20030, aceUnits: 4 }] });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it('getInfo reports box -1 and four units: 20 slots', async () => {
    const report = await tester.request('web', 'multiColorBox', 'getInfo');
    const boxes = report.data.multi_color_box as Array<{ id: number; slots: unknown[] }>;
    expect(boxes.map((box) => box.id)).toEqual([-1, 0, 1, 2, 3]);
    expect(boxes.flatMap((box) => box.slots)).toHaveLength(20);
    const set = await tester.request('web', 'multiColorBox', 'setInfo', {
      multi_color_box: [{ id: -1, slots: [{ index: 3, type: 'PETG', color: [1, 1, 1] }] }],
    });
    expect(set.data.multi_color_box[0]).toMatchObject({ id: -1, slots: [{ index: 3, type: 'PETG' }] });
  });
});
