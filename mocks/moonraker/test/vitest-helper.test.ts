import { describe, expect, it } from 'vitest';
import { useMockMoonraker } from '../src/vitest.js';

describe('useMockMoonraker', () => {
  const mock = useMockMoonraker({ klippy: 'startup', klippyStartupMs: 500 });

  it('starts a mock on a free loopback port for the suite', async () => {
    expect(mock().port).toBeGreaterThan(0);
    expect(mock().wsUrl).toBe(`ws://127.0.0.1:${mock().port}/websocket`);
    expect(mock().klippy.state).toBe('startup');
    await mock().advance(500);
    expect(mock().klippy.state).toBe('ready');
    const info = (await (await fetch(`${mock().url}/server/info`)).json()) as {
      result: { klippy_state: string };
    };
    expect(info.result.klippy_state).toBe('ready');
  });
});
