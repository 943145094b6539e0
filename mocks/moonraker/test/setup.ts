/** Per-test mock + sockets that are always cleaned up. */
import { afterEach } from 'vitest';
import { type MockMoonraker, type MockMoonrakerOptions, startMockMoonraker } from '../src/index.js';
import { RawSocket } from './raw-socket.js';

const mocks: MockMoonraker[] = [];
const sockets: RawSocket[] = [];

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await Promise.all(mocks.splice(0).map((m) => m.stop()));
});

export async function mock(options: MockMoonrakerOptions = {}): Promise<MockMoonraker> {
  const started = await startMockMoonraker({ port: 0, ...options });
  mocks.push(started);
  return started;
}

export async function socket(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const opened = await RawSocket.open(url, headers);
  sockets.push(opened);
  return opened;
}

/** A socket that has identified (open mode), ready to call anything. */
export async function client(m: MockMoonraker): Promise<RawSocket> {
  const s = await socket(m.wsUrl);
  await s.result('server.connection.identify', {
    client_name: 'test',
    version: '1',
    type: 'other',
    url: 'x',
  });
  return s;
}

/** Sends a frame that must get no reply: a sentinel call right after must be answered first. */
export async function repliesTo(s: RawSocket, frame: string): Promise<string[]> {
  const before = s.log.length;
  s.send(frame);
  const sentinel = await s.call('server.info', undefined, `sentinel-${before}`);
  return s.log.slice(before).filter((f) => f !== sentinel && !f.includes('"method":"notify_'));
}
