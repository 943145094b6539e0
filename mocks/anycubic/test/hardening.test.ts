/**
 * Issue 10 for the Anycubic mock, tried the way an attacker or a broken client would: odd HTTP request
 * targets and methods get 4xx (never 500), oversized bodies 413 without being kept, and wire keys named
 * like Object.prototype members are plain unknown names.
 */
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { commandTopicOf, Tester } from './helpers.js';

/** Sends raw bytes and returns the status line's code (0 when the server closed without answering). */
function rawStatus(url: string, request: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(0));
    socket.write(request);
  });
}

describe('hardening (issue 10)', () => {
  let mock: MockAnycubic;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, flvPort: 0, maxUploadBytes: 4096 });
  });
  afterEach(async () => {
    await mock.stop();
  });

  const targets = [
    'GET //// HTTP/1.1',
    'GET //evil.example/info HTTP/1.1',
    'GET http://evil.example/info HTTP/1.1',
    'OPTIONS * HTTP/1.1',
    'TRACE /info HTTP/1.1',
    'POST /ctrl/%E0%A4%A HTTP/1.1',
    'GET /live/%E0%A4%A HTTP/1.1',
    'GET /info?device=__proto__ HTTP/1.1',
    'POST /ctrl/constructor HTTP/1.1',
    'GET /flv?device=toString HTTP/1.1',
    'GET /%00 HTTP/1.1',
  ];

  it.each(targets)('answers %s with a 4xx on the HTTP and camera ports, and keeps serving', async (line) => {
    for (const base of [mock.httpUrl, mock.flvUrl ?? '']) {
      const status = await rawStatus(base, `${line}\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`);
      expect(status, `${base} ${line}`).toBeGreaterThanOrEqual(400);
      expect(status, `${base} ${line}`).toBeLessThan(500);
    }
    expect((await fetch(mock.printer().lan.discoveryUrl)).status).toBe(200);
  });

  it('refuses an upload whose declared length is over the cap with 413 before reading it', async () => {
    const url = new URL(mock.printer().urls.fileUploadurl);
    const status = await rawStatus(
      mock.httpUrl,
      `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 104857600\r\n\r\n',
    );
    expect(status).toBe(413);
  });

  it('refuses a chunked upload that grows past the cap with 413, and adds nothing', async () => {
    const body = new FormData();
    body.append('gcode', new Blob(['G1 X1\n'.repeat(2000)]), 'big.gcode');
    const response = await fetch(mock.printer().urls.fileUploadurl, { method: 'POST', body });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 413 });
    expect(mock.printer().sim.getFile('big.gcode')).toBeUndefined();
    const small = new FormData();
    small.append('gcode', new Blob(['G28\n']), 'small.gcode');
    expect((await fetch(mock.printer().urls.fileUploadurl, { method: 'POST', body: small })).status).toBe(
      200,
    );
  });

  it('treats prototype-named types, actions and fields as unknown: acked, ignored, printer alive', async () => {
    const printer = mock.printer();
    const tester = await Tester.connect(mock, printer);
    try {
      const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
      const since = tester.mark();
      const sent: string[] = [];
      for (const name of names) {
        sent.push(tester.send('web', name, 'query'), tester.send('web', 'print', name));
        const raw = `{"type":"light","action":"control","msgid":"p-${name}","data":{"${name}":1,"type":2,"status":1}}`;
        tester.client.publish(commandTopicOf(printer, 'web', 'light'), raw);
        sent.push(`p-${name}`);
      }
      for (const msgid of sent) await tester.waitForAck(msgid, since);
      const answers = tester.reports(since).filter((r) => sent.includes(r.msgid));
      // Only the well-formed light commands are answered; prototype names never reach a handler.
      expect(answers.every((r) => r.type === 'light')).toBe(true);
      expect(answers).toHaveLength(names.length);
      const extra = await tester.request('web', 'multiColorBox', 'setInfo', {
        multi_color_box: [{ id: 0, constructor: 1, slots: [{ index: 0, __proto__: { x: 1 }, type: 'PLA' }] }],
      });
      expect(extra.state).toBe('success');
      expect((await tester.request('web', 'info', 'query')).state).toBe('done');
    } finally {
      await tester.close();
    }
  });
});
