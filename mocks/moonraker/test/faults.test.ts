/** Fault injection from the simulator's fault plan, per JSON-RPC method name. */
import { describe, expect, it } from 'vitest';
import { client, mock, repliesTo } from './setup.js';

describe('faults', () => {
  it('malformed sends a non-JSON frame instead of the reply; the socket stays usable', async () => {
    const m = await mock();
    const s = await client(m);
    m.faults.add({ operation: 'server.info', kind: 'malformed' });
    const replies = await repliesTo(s, '{"jsonrpc":"2.0","method":"server.info","id":1}');
    expect(replies).toHaveLength(1);
    expect(() => JSON.parse(replies[0] ?? '')).toThrow();
    expect(await s.result('server.info')).toMatchObject({ klippy_state: 'ready' });
  });

  it("drop sends nothing; error-reply answers the rule's code and message", async () => {
    const m = await mock();
    const s = await client(m);
    m.faults.add({ operation: 'printer.info', kind: 'drop' });
    expect(await repliesTo(s, '{"jsonrpc":"2.0","method":"printer.info","id":2}')).toEqual([]);
    m.faults.add({
      operation: 'printer.info',
      kind: 'error-reply',
      code: 503,
      message: 'Klippy Host not connected',
    });
    expect(await s.call('printer.info', undefined, 3)).toBe(
      '{"jsonrpc":"2.0","error":{"code":503,"message":"Klippy Host not connected"},"id":3}',
    );
  });

  it('delay holds the reply for delayMs of real time; disconnect closes the socket', async () => {
    const m = await mock();
    const s = await client(m);
    m.faults.add({ operation: 'printer.objects.list', kind: 'delay', delayMs: 150 });
    const started = Date.now();
    await s.result('printer.objects.list');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    m.faults.add({ operation: 'server.info', kind: 'disconnect' });
    s.send('{"jsonrpc":"2.0","method":"server.info","id":4}');
    await expect(s.next((f) => f.endsWith('"id":4}'))).rejects.toThrow(/closed/);
    expect(m.connectionCount()).toBe(0);
  });

  it('HTTP: error-reply uses the rule status; drop destroys the socket; malformed sends a truncated body', async () => {
    const m = await mock();
    m.faults.add({ operation: 'server.info', kind: 'error-reply', status: 500, message: 'boom' });
    const failed = await fetch(`${m.url}/server/info`);
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toBe('boom');
    m.faults.add({ operation: 'server.info', kind: 'drop' });
    await expect(fetch(`${m.url}/server/info`)).rejects.toThrow();
    m.faults.add({ operation: 'server.info', kind: 'malformed' });
    const garbled = await fetch(`${m.url}/server/info`);
    await expect(garbled.json()).rejects.toThrow();
  });

  it('dropConnections terminates every websocket', async () => {
    const m = await mock();
    const a = await client(m);
    await client(m);
    expect(m.connectionCount()).toBe(2);
    m.dropConnections();
    await expect(a.next(() => false, 1000)).rejects.toThrow(/closed/);
    await expect.poll(() => m.connectionCount()).toBe(0);
  });
});
