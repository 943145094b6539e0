/** The `./vitest` subpath: useMockPrusaConnect starts, resets faults and state between tests, and stops. */
import { describe, expect, it } from 'vitest';
import { useMockPrusaConnect } from '../src/vitest.js';
import { caller, UUID } from './helpers.js';

const mock = useMockPrusaConnect({ token: 'secret', printers: [{ name: 'Left' }, { name: 'Right' }] });

describe('useMockPrusaConnect', () => {
  it('serves two printers with the given token', async () => {
    const call = caller(mock().url);
    const { status, json } = await call<{ printers: Array<{ name: string; uuid: string }> }>(
      '/app/printers',
      {
        token: 'secret',
      },
    );
    expect(status).toBe(200);
    expect(json.printers.map((p) => p.name)).toEqual(['Left', 'Right']);
    expect(json.printers[0]?.uuid).toBe(UUID);
    expect(mock().printer(json.printers[1]?.uuid).name).toBe('Right');
    mock().faults.add({ operation: '*', kind: 'error-reply', status: 500, times: 5 });
  });

  it('cleared the faults the previous test left behind', async () => {
    expect(mock().faults.list()).toEqual([]);
    expect(() => mock().printer('00000000-0000-0000-0000-000000000000')).toThrow(/No simulated printer/);
  });
});

describe('useMockPrusaConnect resets state before each test', () => {
  const fresh = useMockPrusaConnect();
  const P = `/app/printers/${UUID}`;

  it('leaves a print, a changed token, a camera, an upload, a printer fault and sim time behind', async () => {
    const m = fresh();
    const call = caller(m.url);
    await call(`${P}/commands/sync`, {
      method: 'POST',
      body: { command: 'START_PRINT', kwargs: { path: '/usb/benchy.gcode' } },
    });
    await call(`${P}/camera`, { method: 'POST' });
    await call('/app/users/teams/1/uploads', {
      method: 'POST',
      body: { destination: '/usb/', filename: 'x.gcode', size: 1 },
    });
    await m.advance(120_000);
    m.printer().faults.add({ operation: '*', kind: 'error-reply', status: 503, times: Infinity });
    m.token = 'changed';
    expect(m.printer().sim.state).toBe('printing');
  });

  it('starts from the same mock as the first test did', async () => {
    const m = fresh();
    const call = caller(m.url);
    expect(m.token).toBe('printkit-token');
    expect(m.printer().faults.list()).toEqual([]);
    expect(m.printer().sim.state).toBe('idle');
    const detail = await call<{ state: string }>(P);
    expect([detail.status, detail.json.state]).toEqual([200, 'IDLE']);
    expect((await call<{ jobs: unknown[] }>('/app/jobs')).json.jobs).toEqual([]);
    expect((await call<{ uploads: unknown[] }>('/app/users/teams/1/uploads')).json.uploads).toEqual([]);
    expect((await call<{ cameras: unknown[] }>(`${P}/cameras`)).json.cameras).toHaveLength(1);
    expect((await call<{ events: unknown[] }>(`${P}/events`)).json.events).toEqual([]);
  });

  it('issued account tokens stop working after a reset', async () => {
    const m = fresh();
    const tokens = m.account.issueTokens();
    const call = caller(m.url);
    expect((await call(P, { token: tokens.access_token })).status).toBe(200);
    await m.reset();
    expect((await call(P, { token: tokens.access_token })).status).toBe(401);
  });
});
