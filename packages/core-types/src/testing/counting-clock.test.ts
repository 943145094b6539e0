import { describe, expect, it } from 'vitest';
import { createCountingClock } from './counting-clock.js';

describe('createCountingClock', () => {
  it('counts timers until they fire or are cleared', async () => {
    const clock = createCountingClock();
    const cleared = clock.setTimeout(() => {}, 10_000);
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, 1);
    expect(clock.pending()).toBe(2);
    clock.clearTimeout(cleared);
    expect(clock.pending()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toBe(true);
    expect(clock.pending()).toBe(0);
  });
});
