import { describe, expect, it, vi } from 'vitest';
import { TypedEmitter } from './emitter.js';

type Events = { tick: [n: number, label: string]; done: [] };

describe('TypedEmitter', () => {
  it('delivers arguments in order and returns an unsubscribe function', () => {
    const events = new TypedEmitter<Events>();
    const seen: string[] = [];
    const off = events.on('tick', (n, label) => seen.push(`${label}${n}`));
    expect(events.emit('tick', 1, 'a')).toBe(true);
    off();
    expect(events.emit('tick', 2, 'b')).toBe(false);
    expect(seen).toEqual(['a1']);
    expect(events.listenerCount('tick')).toBe(0);
  });

  it('runs once-listeners a single time', () => {
    const events = new TypedEmitter<Events>();
    const listener = vi.fn();
    events.once('done', listener);
    events.emit('done');
    events.emit('done');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('lets the same function subscribe twice and unsubscribe independently', () => {
    const events = new TypedEmitter<Events>();
    const listener = vi.fn();
    const offFirst = events.on('done', listener);
    events.on('done', listener);
    offFirst();
    events.emit('done');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('tolerates listeners that unsubscribe others during emit', () => {
    const events = new TypedEmitter<Events>();
    const calls: string[] = [];
    let offSecond = () => {};
    events.on('done', () => {
      calls.push('first');
      offSecond();
    });
    offSecond = events.on('done', () => calls.push('second'));
    events.emit('done');
    events.emit('done');
    expect(calls).toEqual(['first', 'second', 'first']);
  });

  it('calls a listener added during emit from the next emit on, and calls it without a this', () => {
    const events = new TypedEmitter<Events>();
    const calls: string[] = [];
    const receivers: unknown[] = [];
    events.on('done', function (this: unknown) {
      receivers.push(this);
      calls.push('first');
      if (calls.length === 1) events.on('done', () => calls.push('late'));
    });
    events.emit('done');
    events.emit('done');
    expect(calls).toEqual(['first', 'first', 'late']);
    expect(receivers).toEqual([undefined, undefined]);
  });

  it('ignores an unsubscribe that runs twice or after removeAllListeners', () => {
    const events = new TypedEmitter<Events>();
    const listener = vi.fn();
    const off = events.on('done', listener);
    events.removeAllListeners('done');
    events.on('done', listener);
    off();
    off();
    events.emit('done');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(events.listenerCount('done')).toBe(1);
  });

  it('keeps calling the other listeners when one throws, and reports the error', () => {
    const onListenerError = vi.fn();
    const events = new TypedEmitter<Events>({ onListenerError });
    const after = vi.fn();
    events.on('done', () => {
      throw new Error('boom');
    });
    events.on('done', after);
    events.emit('done');
    expect(after).toHaveBeenCalled();
    expect(onListenerError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }), 'done');
  });

  it('rethrows a listener error on a later task by default', async () => {
    vi.useFakeTimers();
    try {
      const events = new TypedEmitter<Events>();
      events.on('done', () => {
        throw new Error('later');
      });
      expect(() => events.emit('done')).not.toThrow();
      expect(() => vi.runAllTimers()).toThrow('later');
    } finally {
      vi.useRealTimers();
    }
  });

  it('removes all listeners of one event or of all events', () => {
    const events = new TypedEmitter<Events>();
    events.on('done', () => {});
    events.on('tick', () => {});
    events.removeAllListeners('done');
    expect(events.listenerCount('done')).toBe(0);
    expect(events.listenerCount('tick')).toBe(1);
    events.removeAllListeners();
    expect(events.listenerCount('tick')).toBe(0);
  });
});
