/** server.announcements.* with plain ws and fetch. */
import { describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

describe('server.announcements', () => {
  it("list, dismiss with wake_time (notifications), feeds; errors in Moonraker's words", async () => {
    const m = await mock({
      announcements: [{ title: 'Fake news', description: 'A test entry', url: 'https://example.invalid/1' }],
    });
    const s = await client(m);
    const list = (await s.result('server.announcements.list')) as {
      entries: Array<{ entry_id: string; dismissed: boolean; feed: string; source: string }>;
      feeds: string[];
    };
    expect(list.feeds).toEqual(['moonraker', 'klipper']);
    expect(list.entries).toHaveLength(1);
    const id = list.entries[0]?.entry_id ?? '';
    expect(id).toMatch(/^moonraker\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(await s.result('server.announcements.dismiss', { entry_id: id, wake_time: 60 })).toEqual({
      entry_id: id,
    });
    expect(s.notifications('notify_announcement_dismissed')[0]?.params).toEqual([{ entry_id: id }]);
    expect(
      ((await s.result('server.announcements.list', { include_dismissed: false })) as { entries: unknown[] })
        .entries,
    ).toEqual([]);
    await m.advance(61_000);
    const wake = await s.next((f) => f.includes('notify_announcement_wake'));
    expect(JSON.parse(wake).params).toEqual([{ entry_id: id }]);
    expect(await rpcError(s, 'server.announcements.dismiss', { entry_id: 'nope' })).toEqual({
      code: 400,
      message: 'No key matching entry id: nope',
    });
    expect(await s.result('server.announcements.update')).toMatchObject({ modified: false });
    expect(await rpcError(s, 'server.announcements.update', { subscriptions: ['nope'] })).toEqual({
      code: 400,
      message: 'No subscription for nope',
    });
    expect(await s.result('server.announcements.post_feed', { name: 'Mainsail' })).toEqual({
      feed: 'mainsail',
      action: 'added',
    });
    expect(await s.result('server.announcements.feeds')).toEqual({
      feeds: ['moonraker', 'klipper', 'mainsail'],
    });
    expect(
      (await http(`${m.url}/server/announcements/feed?name=mainsail`, { method: 'DELETE' })).body.result,
    ).toEqual({
      feed: 'mainsail',
      action: 'removed',
    });
    expect(await rpcError(s, 'server.announcements.delete_feed', { name: 'klipper' })).toEqual({
      code: 400,
      message: "Feed 'klipper' not stored",
    });
  });
});
