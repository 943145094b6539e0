/** What Mainsail waits for before leaving "Initializing": server.config, machine.proc_stats, websocket id — plain ws/fetch. */
import { createRealtimeClock, PrinterSim } from '@printkit/printer-sim';
import { describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock, socket } from './setup.js';

describe('server start-up endpoints', () => {
  it('server.config → {config, orig, files}; cors_domains as configured', async () => {
    const m = await mock({ corsDomains: ['http://my.mainsail.xyz'] });
    const s = await client(m);
    const result = (await s.result('server.config')) as {
      config: Record<string, Record<string, unknown>>;
      orig: Record<string, unknown>;
      files: Array<{ filename: string; sections: string[] }>;
    };
    expect(result.config.server).toMatchObject({ port: m.port, host: '0.0.0.0' });
    expect(result.config.authorization).toMatchObject({ cors_domains: ['http://my.mainsail.xyz'] });
    expect(result.config.data_store).toEqual({ temperature_store_size: 1200, gcode_store_size: 1000 });
    expect(result.orig).toHaveProperty('DEFAULT', {});
    expect(result.files[0]?.filename).toBe('moonraker.conf');
    expect((await http(`${m.url}/server/config`)).body.result).toEqual(result);
  });

  it('machine.proc_stats: samples queue (≤30), throttled_state, cpu_temp, network, websocket_connections', async () => {
    const m = await mock();
    const s = await client(m);
    await m.advance(3_000);
    const stats = (await s.result('machine.proc_stats')) as Record<string, unknown> & {
      moonraker_stats: Array<{ time: number; cpu_usage: number; memory: number; mem_units: string }>;
    };
    expect(stats.moonraker_stats).toHaveLength(3);
    expect(stats.moonraker_stats[0]).toMatchObject({ mem_units: 'kB' });
    expect(stats.throttled_state).toEqual({ bits: 0, flags: [] });
    expect(typeof stats.cpu_temp).toBe('number');
    expect(stats.network).toHaveProperty('lo.rx_bytes');
    expect(stats.system_memory).toMatchObject({ total: expect.any(Number), available: expect.any(Number) });
    expect(typeof stats.system_uptime).toBe('number');
    expect(stats.websocket_connections).toBe(1);
    await m.advance(40_000);
    const later = (await s.result('machine.proc_stats')) as { moonraker_stats: unknown[] };
    expect(later.moonraker_stats).toHaveLength(30);
    expect((await http(`${m.url}/machine/proc_stats`)).status).toBe(200);
  });

  it('server.websocket.id is the connection id identify gave; not an HTTP endpoint', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    const { connection_id } = await s.result<{ connection_id: number }>('server.connection.identify', {
      client_name: 'moonraker-api',
      version: '1',
      type: 'other',
      url: 'x',
    });
    expect(await s.result('server.websocket.id')).toEqual({ websocket_id: connection_id });
    expect((await http(`${m.url}/server/websocket/id`)).status).toBe(404);
    expect(await rpcError(s, 'server.websocket.id', [] as never)).toEqual({
      code: -32602,
      message: 'Invalid params:',
    });
  });

  it('at sim speed 30, notify_proc_stat_update still arrives once a wall second with times of now', async () => {
    const clock = createRealtimeClock({ speed: 30 });
    const sim = new PrinterSim({ clock });
    try {
      const m = await mock({ sim });
      const s = await client(m);
      await new Promise((resolve) => setTimeout(resolve, 2_300));
      const updates = s.notifications('notify_proc_stat_update');
      expect(updates.length).toBeGreaterThanOrEqual(1);
      expect(updates.length).toBeLessThanOrEqual(3);
      const first = updates[0]?.params?.[0] as { moonraker_stats: { time: number } } | undefined;
      const time = first?.moonraker_stats.time ?? 0;
      expect(Math.abs(time * 1000 - Date.now())).toBeLessThan(5_000);
      await m.stop();
    } finally {
      sim.dispose();
      clock.dispose();
    }
  });
});
