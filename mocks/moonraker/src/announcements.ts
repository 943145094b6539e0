/**
 * Moonraker's announcements (components/announcements.py, v0.10.0): feeds `moonraker` and `klipper`
 * are always subscribed; entries can be listed, dismissed (optionally until `wake_time` seconds
 * later) and feeds added or removed. The fake has no network, so feeds never bring entries by
 * themselves: entries come from the `announcements` option (as a fetched feed would add them).
 */
import type { Clock, TimerHandle } from '@printkit/printer-sim';
import { MoonrakerError } from './errors.js';

export interface AnnouncementOption {
  title: string;
  description: string;
  url: string;
  priority?: 'normal' | 'high';
  feed?: string;
}

export interface AnnouncementEntry {
  entry_id: string;
  url: string;
  title: string;
  description: string;
  priority: string;
  date: number;
  dismissed: boolean;
  date_dismissed: number | null;
  dismiss_wake: number | null;
  source: string;
  feed: string;
}

const CONFIGURED = ['moonraker', 'klipper'];

export class Announcements {
  readonly #entries = new Map<string, AnnouncementEntry>();
  readonly #feeds = [...CONFIGURED];
  readonly #clock: Clock;
  readonly #wakeTimers = new Map<string, TimerHandle>();
  readonly #notify: (method: string, payload: Record<string, unknown>) => void;

  constructor(
    clock: Clock,
    options: readonly AnnouncementOption[],
    notify: (method: string, payload: Record<string, unknown>) => void,
  ) {
    this.#clock = clock;
    this.#notify = notify;
    const date = clock.now() / 1000;
    options.forEach((option, i) => {
      const feed = (option.feed ?? 'moonraker').toLowerCase();
      if (!this.#feeds.includes(feed)) this.#feeds.push(feed);
      const stamp = new Date((date - i) * 1000).toISOString().slice(0, 19);
      const entry_id = `${feed}/${stamp}`;
      this.#entries.set(entry_id, {
        entry_id,
        url: option.url,
        title: option.title,
        description: option.description,
        priority: option.priority ?? 'normal',
        date: date - i,
        dismissed: false,
        date_dismissed: null,
        dismiss_wake: null,
        source: 'moonlight',
        feed,
      });
    });
  }

  list(includeDismissed: boolean): { entries: AnnouncementEntry[]; feeds: string[] } {
    const entries = [...this.#entries.values()]
      .filter((e) => includeDismissed || !e.dismissed)
      .map((e) => ({ ...e }));
    return { entries, feeds: [...this.#feeds] };
  }

  /** `update`: the fake's feeds have nothing new (no network). */
  update(subscriptions: readonly string[] | undefined): { entries: AnnouncementEntry[]; modified: boolean } {
    for (const name of subscriptions ?? []) {
      if (!this.#feeds.includes(name)) throw new MoonrakerError(`No subscription for ${name}`);
    }
    return { entries: this.list(true).entries, modified: false };
  }

  dismiss(entryId: string, wakeSeconds: number | undefined): { entry_id: string } {
    const entry = this.#entries.get(entryId);
    if (!entry) throw new MoonrakerError(`No key matching entry id: ${entryId}`);
    if (!entry.dismissed) {
      const now = this.#clock.now() / 1000;
      entry.dismissed = true;
      entry.date_dismissed = now;
      if (wakeSeconds !== undefined) {
        entry.dismiss_wake = now + wakeSeconds;
        this.#clock.clearTimer(this.#wakeTimers.get(entryId));
        this.#wakeTimers.set(
          entryId,
          this.#clock.setTimeout(() => this.#wake(entryId), wakeSeconds * 1000),
        );
      }
      this.#notify('notify_announcement_dismissed', { entry_id: entryId });
    }
    return { entry_id: entryId };
  }

  #wake(entryId: string): void {
    this.#wakeTimers.delete(entryId);
    const entry = this.#entries.get(entryId);
    if (!entry?.dismissed) return;
    entry.dismissed = false;
    entry.date_dismissed = null;
    entry.dismiss_wake = null;
    this.#notify('notify_announcement_wake', { entry_id: entryId });
  }

  feeds(): { feeds: string[] } {
    return { feeds: [...this.#feeds] };
  }

  addFeed(name: string): { feed: string; action: string } {
    const feed = name.toLowerCase();
    if (this.#feeds.includes(feed)) return { feed, action: 'skipped' };
    this.#feeds.push(feed);
    return { feed, action: 'added' };
  }

  removeFeed(name: string): { feed: string; action: string } {
    const feed = name.toLowerCase();
    if (CONFIGURED.includes(feed)) throw new MoonrakerError(`Feed '${feed}' not stored`);
    if (!this.#feeds.includes(feed)) throw new MoonrakerError(`Feed '${feed}' not stored`);
    this.#feeds.splice(this.#feeds.indexOf(feed), 1);
    let pruned = false;
    for (const [id, entry] of this.#entries) {
      if (entry.feed === feed) {
        this.#entries.delete(id);
        pruned = true;
      }
    }
    if (pruned) this.#notify('notify_announcement_update', { entries: this.list(true).entries });
    return { feed, action: 'removed' };
  }

  dispose(): void {
    for (const timer of this.#wakeTimers.values()) this.#clock.clearTimer(timer);
  }
}
