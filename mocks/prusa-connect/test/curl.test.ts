/** A foreign client: curl against the loopback mock, checking exact JSON and status codes. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useFreshMock } from './fresh-mock.js';
import { TOKEN, UUID } from './helpers.js';

const run = promisify(execFile);
const t = useFreshMock();

/** Runs curl; returns the status it printed on the last line and the body before it. */
async function curl(...args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run('/usr/bin/curl', ['-sS', '--max-time', '10', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe('curl', () => {
  it('gets exact JSON and status codes', async () => {
    const url = t.mock.url;
    expect(await curl(`${url}/version.json`)).toEqual({
      status: 200,
      body: '{"commit":"baef7db3","version":"baef7db3","date":"2026-02-02T11:49:56.846Z"}',
    });
    expect(await curl(`${url}/app/printers/${UUID}`)).toEqual({
      status: 401,
      body: '{"message":"Missing or invalid security token","code":"UNAUTHORIZED"}',
    });
    const auth = ['-H', `Authorization: Bearer ${TOKEN}`];
    expect(await curl(...auth, `${url}/app/printers/00000000-0000-0000-0000-000000000000`)).toEqual({
      status: 404,
      body: '{"code":"NOT_FOUND_PRINTER","message":"Printer ID not found"}',
    });
    expect(await curl(...auth, `${url}/app/printers/abc`)).toEqual({
      status: 400,
      body: '{"code":"BAD_REQUEST","message":"Bad request","reason":"Invalid path parameter: printer_uuid"}',
    });
    expect(await curl('-b', `auth.access_token=${TOKEN}`, `${url}/app/notifications/unseen`)).toEqual({
      status: 200,
      body: '{"unseen":0}',
    });
    const paused = await curl(
      ...auth,
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '--data',
      '{"command":"PAUSE_PRINT","kwargs":{}}',
      `${url}/app/printers/${UUID}/commands/sync`,
    );
    expect(paused).toEqual({
      status: 409,
      body: '{"code":"CONFLICT_COMMAND","message":"Command is not allowed in this state","reason":"PAUSE_PRINT is not allowed while the printer is IDLE"}',
    });
    const ready = await curl(
      ...auth,
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '--data',
      '{"command":"SET_PRINTER_READY","kwargs":{}}',
      `${url}/app/printers/${UUID}/commands/sync`,
    );
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({
      command: {
        id: 1075300,
        state: 'CREATED',
        command: 'SET_PRINTER_READY',
        received: 1767225600,
        source: 'CONNECT_USER',
        kwargs: {},
      },
      event: { event: 'FINISHED', command: 'SET_PRINTER_READY', state: 'IDLE', created: 1767225600 },
    });
    const queue = await curl(...auth, `${url}/app/printers/${UUID}/queue?limit=1&offset=0`);
    expect(queue).toEqual({
      status: 200,
      body: '{"planned_jobs":[],"pager":{"limit":1,"offset":0,"total":0,"from":1767225600}}',
    });
  });
});
