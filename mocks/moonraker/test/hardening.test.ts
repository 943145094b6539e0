/** Issue 10 in the fake: prototype-named wire keys, slow readers, oversized bodies, bad requests. */
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];

describe('hardening', () => {
  it('method names and HTTP paths named like prototype members are unknown, never a crash', async () => {
    const m = await mock();
    const s = await client(m);
    for (const name of PROTOTYPE_NAMES) {
      expect(await rpcError(s, name)).toEqual({ code: -32601, message: 'Method not found' });
      expect((await http(`${m.url}/server/${name}`)).status).toBe(404);
    }
    // Arguments named like them are just arguments.
    const params = JSON.parse('{"namespace":"x","key":"a","value":{"__proto__":{"polluted":true}}}');
    await s.result('server.database.post_item', params);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await http(`${m.url}/server/history/list?__proto__=1&constructor=2`)).status).toBe(200);
    expect(await s.result('server.info')).toMatchObject({ klippy_state: 'ready' });
  });

  it('websockets whose peer stopped reading are closed past the high-water mark; memory stays bounded', async () => {
    const m = await mock({ websocketHighWaterBytes: 1024 * 1024 });
    const readers: WebSocket[] = [];
    for (let i = 0; i < 20; i++) {
      const ws = new WebSocket(m.wsUrl);
      await new Promise((resolve) => ws.once('open', resolve));
      // Stop reading: the kernel buffers fill, then the server's queue grows.
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      readers.push(ws);
    }
    const s = await client(m);
    expect(m.connectionCount()).toBe(21);
    const before = process.memoryUsage().rss;
    const big = 'x'.repeat(16 * 1024);
    // 20 readers × 1,500 frames × 16 KiB = ~470 MiB if nothing were dropped. Sent in batches the
    // reading client keeps up with, so only the paused ones fall behind.
    for (let batch = 0; batch < 15; batch++) {
      for (let i = 0; i < 100; i++) {
        const id = batch * 100 + i;
        s.send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'printer.gcode.script',
            params: { script: `M118 ${big}` },
            id,
          }),
        );
      }
      await s.next((f) => f.endsWith(`"id":${batch * 100 + 99}}`), 30_000);
    }
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(m.connectionCount()).toBe(1);
    expect(grown).toBeLessThan(200);
    for (const ws of readers) ws.terminate();
  }, 60_000);

  it("request bodies: 413 in Moonraker's error shape past the cap, declared or streamed", async () => {
    const m = await mock({ maxUploadBytes: 64 * 1024 });
    const big = JSON.stringify({ namespace: 'x', key: 'k', value: 'y'.repeat(2 * 1024 * 1024) });
    const declared = await http(`${m.url}/server/database/item`, { method: 'POST', json: JSON.parse(big) });
    expect(declared).toMatchObject({
      status: 413,
      body: { error: { code: 413, message: 'Request Entity Too Large' } },
    });
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(100 * 1024)]), 'big.gcode');
    const upload = await fetch(`${m.url}/server/files/upload`, { method: 'POST', body: form });
    expect(upload.status).toBe(413);
    // Chunked (no Content-Length): the excess is not kept, the answer is still 413.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${m.url}/server/database/item`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('y'.repeat(64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    expect((await http(`${m.url}/server/info`)).status).toBe(200);
  });

  it("malformed requests get 4xx in Moonraker's shape, never 500", async () => {
    const m = await mock();
    const bad = await http(`${m.url}/server/database/item`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(m.port, '127.0.0.1', () => socket.end(text));
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk.toString();
        });
        socket.on('close', () => resolve(data));
      });
    for (const target of ['/%zz', '////', '/server/files/gcodes/%', '/server/files/../../etc/passwd']) {
      const reply = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(reply, target).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
  });
});
