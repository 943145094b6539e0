/** cors_domains: off by default; preflights, headers and cross-origin websockets when configured (fetch, raw HTTP). */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mock } from './setup.js';

function options(url: string, origin: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-api-key',
        },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function handshake(url: string, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}

describe('CORS (cors_domains)', () => {
  it('off by default: no CORS headers, OPTIONS 405, cross-origin websocket 403', async () => {
    const m = await mock();
    const get = await fetch(`${m.url}/server/info`, { headers: { Origin: 'http://my.mainsail.xyz' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    expect((await options(`${m.url}/server/info`, 'http://my.mainsail.xyz')).status).toBe(405);
    expect(await handshake(m.wsUrl, 'http://my.mainsail.xyz')).toBe(403);
    expect(await handshake(m.wsUrl, m.url)).toBe(101);
  });

  it('configured: preflight 204 with methods and headers, Allow-Origin on answers, websocket allowed', async () => {
    const m = await mock({
      corsDomains: ['http://my.mainsail.xyz', '*://localhost:*', 'http://*.local', 'http://printer.*'],
    });
    const preflight = await options(`${m.url}/server/database/item`, 'http://my.mainsail.xyz');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://my.mainsail.xyz');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, PUT, DELETE, OPTIONS');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('X-Api-Key');
    const get = await fetch(`${m.url}/server/info`, { headers: { Origin: 'http://localhost:8080' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    const info = (await get.json()) as { result: { warnings: string[] } };
    // A wildcard in the top level domain is refused, with Moonraker's warning.
    expect(info.result.warnings).toEqual([
      "[authorization]: Unsafe domain 'http://printer.*' in option 'cors_domains'. Wildcards are not permitted in the top level domain.",
    ]);
    expect(await handshake(m.wsUrl, 'http://printer.local')).toBe(101);
    expect(await handshake(m.wsUrl, 'http://evil.example')).toBe(403);
    // Partial matches do not count.
    const partial = await fetch(`${m.url}/server/info`, {
      headers: { Origin: 'http://my.mainsail.xyz.evil' },
    });
    expect(partial.headers.get('access-control-allow-origin')).toBeNull();
  });
});
