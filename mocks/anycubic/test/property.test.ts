/**
 * Property tests (issue 10, "What stays and grows"): hostile input to every decoder of the mock —
 * MQTT command payloads, `/ctrl` query strings, HTTP request targets — never crashes it, never gets a
 * 500, and never hands out credentials without a correct signature. Runs are bounded for CI's time.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { commandTopicOf, Tester } from './helpers.js';
import { discover, postCtrl, signedQuery } from './lan-client.js';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const KNOWN_TYPES = ['info', 'print', 'tempature', 'fan', 'light', 'video', 'axis', 'file', 'peripherie'];

const wireKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES, 'type', 'action', 'data', 'msgid', 'taskid'),
  fc.string(),
);
const wireValue = fc.oneof(fc.jsonValue(), fc.constantFrom(...PROTOTYPE_NAMES));
/** A command envelope with every field mutated to any JSON type, or a prototype name. */
const command = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...KNOWN_TYPES, 'multiColorBox', 'aiSettings', 'extfilbox'), wireValue),
    action: fc.oneof(
      fc.constantFrom('query', 'control', 'set', 'setSpeed', 'move', 'pause', 'getInfo', 'setInfo', 'start'),
      wireValue,
    ),
    msgid: fc.oneof(fc.uuid(), wireValue),
    data: fc.oneof(fc.dictionary(wireKey, wireValue, { maxKeys: 6 }), wireValue),
  },
  { requiredKeys: [] },
);

/** Raw bytes to a server; resolves with the HTTP status (0 if it closed without one). */
function rawStatus(url: string, request: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let text = '';
    const done = (status: number) => {
      socket.destroy();
      resolve(status);
    };
    socket.setTimeout(2_000, () => done(0));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (match) done(Number(match[1]));
    });
    socket.on('error', () => done(0));
    socket.on('close', () => done(0));
    socket.write(request);
  });
}

describe('hostile input, property-based', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeAll(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, flvPort: 0, printers: [{ modelId: 20025 }] });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterAll(async () => {
    await tester.close();
    await mock.stop();
  });

  it('300 mutated command envelopes on any type topic: the printer keeps answering', async () => {
    const printer = mock.printer();
    await fc.assert(
      fc.asyncProperty(
        command,
        fc.constantFrom(...KNOWN_TYPES, ...PROTOTYPE_NAMES),
        async (envelope, topicType) => {
          tester.client.publish(commandTopicOf(printer, 'web', topicType), JSON.stringify(envelope));
        },
      ),
      { numRuns: 300, seed: 10 },
    );
    // Everything above went through first (one connection, in order); the printer still answers.
    const info = await tester.request('web', 'info', 'query');
    expect(info).toMatchObject({ type: 'info', state: 'done', code: 200 });
    expect(printer.online).toBe(true);
  });

  it('300 arbitrary /ctrl query strings: HTTP 200, a refusal code, never credentials', async () => {
    const { document } = await discover(mock.printer().lan.discoveryUrl);
    const good = signedQuery(document.token);
    const param = fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_NAMES));
    const query = fc.record(
      {
        ts: fc.oneof(param, fc.constant(good.ts)),
        nonce: fc.oneof(param, fc.constant(good.nonce)),
        sign: fc.oneof(param, fc.constant(good.sign.toUpperCase())),
        did: fc.oneof(param, fc.constant(good.did)),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const { status, body } = await postCtrl(document.ctrlInfoUrl, q);
        expect(status).toBe(200);
        expect(body.code).not.toBe(200);
        expect(body).not.toHaveProperty('data');
      }),
      { numRuns: 300, seed: 11 },
    );
    expect((await postCtrl(document.ctrlInfoUrl, signedQuery(document.token))).body.code).toBe(200);
  });

  it('400 arbitrary request targets and methods on both HTTP servers: never a 500', async () => {
    const target = fc.oneof(
      fc.stringMatching(/^[/%?#.a-zA-Z0-9*:@_~-]{0,40}$/),
      fc.constantFrom(
        '////',
        '*',
        '//x',
        'http://evil/info',
        '/info?device=__proto__',
        '/ctrl/%ZZ',
        '/live/%E0%A4',
      ),
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'TRACE', 'OPTIONS', 'HEAD');
    await fc.assert(
      fc.asyncProperty(method, target, fc.boolean(), async (verb, path, cameraPort) => {
        const base = cameraPort ? (mock.flvUrl ?? '') : mock.httpUrl;
        const status = await rawStatus(
          base,
          `${verb} ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`,
        );
        // 0: Node's parser closed a request line it cannot read (what an HTTP server should do).
        expect(status === 0 || (status >= 200 && status < 500), `${verb} ${path} → ${status}`).toBe(true);
      }),
      { numRuns: 400, seed: 12 },
    );
    expect((await fetch(mock.printer().lan.discoveryUrl)).status).toBe(200);
  });
});
