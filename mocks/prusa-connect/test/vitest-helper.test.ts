/** The `./vitest` subpath: useMockPrusaConnect starts, resets faults between tests, and stops. */
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
