/** Faults from the simulator's plan, acted out on the wire. */
import { describe, expect, it } from 'vitest';
import { useMockPrusaLink } from '../src/vitest.js';

const KEY = { headers: { 'X-Api-Key': 'printkit-pass' } };

describe('faults', () => {
  const mock = useMockPrusaLink();

  it('error-reply: the given status and the spec Error body', async () => {
    mock().faults.add({
      operation: 'GET /api/v1/status',
      kind: 'error-reply',
      status: 503,
      message: 'Printer busy',
      code: '10108',
    });
    const response = await fetch(`${mock().url}/api/v1/status`, {
      headers: { ...KEY.headers, Accept: 'application/json' },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      code: '10108',
      title: 'Service Unavailable',
      text: 'Printer busy',
    });
    expect((await fetch(`${mock().url}/api/v1/status`, KEY)).status).toBe(200);
  });

  it('malformed: a truncated JSON body', async () => {
    mock().faults.add({ operation: 'GET /api/v1/status', kind: 'malformed' });
    const response = await fetch(`${mock().url}/api/v1/status`, KEY);
    await expect(response.json()).rejects.toThrow();
  });

  it('drop: the connection closes without an answer', async () => {
    mock().faults.add({ operation: 'GET /api/v1/info', kind: 'drop' });
    await expect(fetch(`${mock().url}/api/v1/info`, KEY)).rejects.toThrow();
  });

  it('auth-failure: a 401 challenge even with the right key', async () => {
    mock().faults.add({ operation: '*', kind: 'auth-failure' });
    const response = await fetch(`${mock().url}/api/v1/job`, KEY);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Digest /);
  });

  it('delay: the answer comes after the delay', async () => {
    mock().faults.add({ operation: 'GET /api/version', kind: 'delay', delayMs: 150 });
    const started = performance.now();
    expect((await fetch(`${mock().url}/api/version`, KEY)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('faults are gone in the next test (useMockPrusaLink resets)', async () => {
    expect(mock().faults.list()).toEqual([]);
    expect((await fetch(`${mock().url}/api/v1/status`, KEY)).status).toBe(200);
  });
});
