/**
 * A fleet Kobra in LAN mode by default, met as a third-party client that knows only the discovery URL:
 * `/info` → signed `/ctrl` (plain node:crypto, the notes' recipe) → MQTTS with the pinned fingerprint;
 * and the gkapi plain port with the seed's fixed credentials.
 */
import { createDecipheriv, createHash, randomInt } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fleet, startFleet } from '../src/fleet.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const pick = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/** An MQTT 3.1.1 CONNECT with clean session, user and password (OASIS spec §3.1), written by hand. */
function connectPacket(username: string, password: string): Buffer {
  const field = (text: string) => {
    const bytes = Buffer.from(text);
    return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
  };
  const body = Buffer.concat([
    field('MQTT'),
    Buffer.from([4, 0b1100_0010, 0, 60]),
    field(`kobra-lan-${randomInt(1e9)}`),
    field(username),
    field(password),
  ]);
  return Buffer.concat([Buffer.from([0x10, body.length]), body]);
}

/** Sends CONNECT and resolves with the CONNACK return code (0 = accepted, 4 = bad user name or password). */
function connack(socket: Socket, username: string, password: string): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('data', (data: Buffer) => {
      socket.destroy();
      if (data[0] !== 0x20) reject(new Error(`expected CONNACK, got ${data.toString('hex')}`));
      else resolve(data[3] ?? -1);
    });
    socket.write(connectPacket(username, password));
  });
}

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

describe('fleet Kobras in LAN mode', () => {
  it('hand out broker credentials from /info + /ctrl, and take the seed credentials on the plain port', async () => {
    fleet = await startFleet({ portBase: 0, fleet: { anycubic: 1 }, control: false });
    const [mock] = fleet.describe().mocks;
    const [connection] = fleet.describe().printers;
    if (!mock || connection?.vendor !== 'anycubic') throw new Error('expected one Kobra');
    expect(connection).toMatchObject({ username: 'userFfWiIvys', password: 'jUWjRQZwUUlrHOQ' });

    const discovery = JSON.parse(await (await fetch(mock.endpoints.discovery ?? '')).text()) as {
      ctrlType: string;
      token: string;
      ctrlInfoUrl: string;
      rtspUrl: string;
    };
    expect(discovery.ctrlType).toBe('lan');
    expect(discovery.rtspUrl).toBe(mock.endpoints.flv);
    const ts = String(Date.now());
    const nonce = pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 6);
    const query = new URLSearchParams({
      ts,
      nonce,
      sign: md5(md5(discovery.token.slice(0, 16)) + ts + nonce),
      did: pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32),
    });
    const answer = JSON.parse(
      await (await fetch(`${discovery.ctrlInfoUrl}?${query}`, { method: 'POST' })).text(),
    ) as { code: number; data: { info: string; token: string } };
    expect(answer.code).toBe(200);
    const iv = Buffer.alloc(16);
    Buffer.from(answer.data.token, 'ascii').copy(iv, 0, 0, 16);
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(discovery.token.slice(16, 32)), iv);
    const broker = JSON.parse(
      Buffer.concat([decipher.update(Buffer.from(answer.data.info, 'base64')), decipher.final()]).toString(),
    ) as { broker: string; username: string; password: string; deviceId: string };
    expect(broker.broker).toBe(mock.endpoints.mqtts);
    expect(broker.deviceId).toBe(connection.deviceId);

    const { hostname, port } = new URL(broker.broker);
    const tls = tlsConnect({ host: hostname, port: Number(port), rejectUnauthorized: false });
    await new Promise((resolve) => tls.once('secureConnect', resolve));
    expect(tls.getPeerCertificate().fingerprint256).toBe(mock.tlsFingerprint256);
    expect(await connack(tls, broker.username, broker.password)).toBe(0);
    const wrong = tlsConnect({ host: hostname, port: Number(port), rejectUnauthorized: false });
    await new Promise((resolve) => wrong.once('secureConnect', resolve));
    expect(await connack(wrong, broker.username, 'not-the-password')).toBe(4);

    const plainUrl = new URL(connection.url);
    const plain = netConnect({ host: plainUrl.hostname, port: Number(plainUrl.port) });
    await new Promise((resolve) => plain.once('connect', resolve));
    expect(await connack(plain, connection.username, connection.password)).toBe(0);

    // A power cycle through the fleet (what the control API's power-off / power-on do) rotates them.
    await fleet.printer('kobra-1').powerOff();
    await fleet.printer('kobra-1').powerOn();
    const after = tlsConnect({ host: hostname, port: Number(port), rejectUnauthorized: false });
    await new Promise((resolve) => after.once('secureConnect', resolve));
    expect(await connack(after, broker.username, broker.password)).toBe(4);
  });
});
