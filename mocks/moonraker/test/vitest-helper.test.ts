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

describe('useMockMoonraker resets before each test', () => {
  const mock = useMockMoonraker();
  let port = 0;

  it('a test that leaves faults, a print and a database entry behind', async () => {
    port = mock().port;
    mock().faults.add({ operation: 'server.info', kind: 'error-reply', status: 500, message: 'boom' });
    mock().sim.startPrint('benchy.gcode');
    await fetch(`${mock().url}/server/database/item`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ namespace: 'left', key: 'over', value: 1 }),
    });
    expect((await fetch(`${mock().url}/server/info`)).status).toBe(500);
  });

  it('the next test meets a fresh mock on the same port', async () => {
    expect(mock().port).toBe(port);
    expect((await fetch(`${mock().url}/server/info`)).status).toBe(200);
    expect(mock().sim.state).toBe('idle');
    const list = (await (await fetch(`${mock().url}/server/database/list`)).json()) as {
      result: { namespaces: string[] };
    };
    expect(list.result.namespaces).toEqual(['moonraker']);
  });
});
