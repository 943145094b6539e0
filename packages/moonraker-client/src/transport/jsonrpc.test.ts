import {
  AbortedError,
  AuthError,
  ConnectionError,
  InvalidArgumentError,
  PrinterRejectedError,
  ProtocolError,
  TimeoutError,
} from '@printkit/core-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonRpcPeer } from './jsonrpc.js';

/** A socket that records what the peer writes and lets the test answer. */
function fakeSocket(options: { defaultTimeoutMs?: number } = {}) {
  const sent: Array<{ id: number; method: string; params?: unknown }> = [];
  const notifications: Array<[string, unknown]> = [];
  const errors: ProtocolError[] = [];
  let open = true;
  const peer = new JsonRpcPeer({
    defaultTimeoutMs: options.defaultTimeoutMs ?? 10_000,
    send(frame) {
      if (!open) throw new Error('closed');
      sent.push(JSON.parse(frame));
    },
    onNotification: (method, params) => notifications.push([method, params]),
    onProtocolError: (error) => errors.push(error),
  });
  const reply = (id: number, result: unknown) =>
    peer.handleFrame(JSON.stringify({ jsonrpc: '2.0', result, id }));
  return {
    peer,
    sent,
    notifications,
    errors,
    reply,
    close() {
      open = false;
      peer.rejectAll((method) => new ConnectionError(`${method}: closed`));
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('JsonRpcPeer', () => {
  it('sends JSON-RPC 2.0 frames with ids that only grow, never reused after failures', async () => {
    const socket = fakeSocket({ defaultTimeoutMs: 5 });
    const first = socket.peer.request('server.info', undefined);
    const second = socket.peer.request('printer.gcode.script', { script: 'G28' });
    socket.reply(1, { klippy_state: 'ready' });
    await expect(first).resolves.toEqual({ klippy_state: 'ready' });
    await expect(second).rejects.toSatisfy(TimeoutError.isInstance);
    const third = socket.peer.request('server.info', undefined);
    socket.reply(3, 'third');
    await expect(third).resolves.toBe('third');
    expect(socket.sent.map((frame) => frame.id)).toEqual([1, 2, 3]);
    expect(socket.sent[0]).toEqual({ jsonrpc: '2.0', method: 'server.info', id: 1 });
    expect(socket.sent[1]).toEqual({
      jsonrpc: '2.0',
      method: 'printer.gcode.script',
      params: { script: 'G28' },
      id: 2,
    });
    expect(socket.peer.pendingCount).toBe(0);
  });

  it('matches answers by id, in any order, and answers inside a batch array', async () => {
    const socket = fakeSocket();
    const a = socket.peer.request('a', undefined);
    const b = socket.peer.request('b', undefined);
    const c = socket.peer.request('c', undefined);
    socket.reply(2, 'B');
    socket.peer.handleFrame(
      JSON.stringify([
        { jsonrpc: '2.0', result: 'C', id: 3 },
        { jsonrpc: '2.0', result: 'A', id: 1 },
      ]),
    );
    await expect(Promise.all([a, b, c])).resolves.toEqual(['A', 'B', 'C']);
  });

  it('times out with the per-call timeout over the default and forgets the request', async () => {
    vi.useFakeTimers();
    const socket = fakeSocket({ defaultTimeoutMs: 60_000 });
    const call = socket.peer.request('printer.objects.query', { objects: {} }, { timeoutMs: 250 });
    const assertion = expect(call).rejects.toMatchObject({ code: 'timeout', timeoutMs: 250 });
    await vi.advanceTimersByTimeAsync(250);
    await assertion;
    expect(socket.peer.pendingCount).toBe(0);
    // The late answer is ignored: nothing waits for it, and it is not an error.
    socket.reply(1, 'late');
    expect(socket.errors).toEqual([]);
  });

  it('uses the default timeout when the call names none; timeoutMs 0 means none', async () => {
    vi.useFakeTimers();
    const socket = fakeSocket({ defaultTimeoutMs: 1_000 });
    const defaulted = socket.peer.request('a', undefined);
    const unlimited = socket.peer.request('b', undefined, { timeoutMs: 0 });
    const assertion = expect(defaulted).rejects.toSatisfy(TimeoutError.isInstance);
    await vi.advanceTimersByTimeAsync(1_000);
    await assertion;
    await vi.advanceTimersByTimeAsync(100_000);
    expect(socket.peer.pendingCount).toBe(1);
    socket.reply(2, 'ok');
    await expect(unlimited).resolves.toBe('ok');
  });

  it('times out calls with mixed deadlines each at its own time (one shared timer)', async () => {
    vi.useFakeTimers();
    const socket = fakeSocket({ defaultTimeoutMs: 1_000 });
    const settled: string[] = [];
    const track = (name: string, call: Promise<unknown>) =>
      call.then(
        () => settled.push(`${name} ok`),
        (error: unknown) => settled.push(`${name} ${TimeoutError.isInstance(error) ? 'timeout' : 'other'}`),
      );
    const long = track('long', socket.peer.request('a', undefined, { timeoutMs: 5_000 }));
    const byDefault = track('default', socket.peer.request('b', undefined));
    // A shorter deadline after longer ones must not wait for them.
    const short = track('short', socket.peer.request('c', undefined, { timeoutMs: 200 }));
    const answered = track('answered', socket.peer.request('d', undefined, { timeoutMs: 300 }));
    await vi.advanceTimersByTimeAsync(199);
    expect(settled).toEqual([]);
    socket.reply(4, 'fine');
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual(['answered ok', 'short timeout']);
    await vi.advanceTimersByTimeAsync(800);
    expect(settled).toEqual(['answered ok', 'short timeout', 'default timeout']);
    expect(socket.peer.pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(4_000);
    await Promise.all([long, byDefault, short, answered]);
    expect(settled.at(-1)).toBe('long timeout');
    expect(socket.peer.pendingCount).toBe(0);
    // Nothing left to time out: the timer is not re-armed.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a negative or NaN timeoutMs with an InvalidArgumentError, before sending', async () => {
    const socket = fakeSocket();
    for (const timeoutMs of [-1, Number.NaN]) {
      const error = await socket.peer
        .request('server.info', undefined, { timeoutMs })
        .catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument: 'timeoutMs', operation: 'server.info' });
    }
    expect(socket.sent).toEqual([]);
    expect(socket.peer.pendingCount).toBe(0);
  });

  it('rejects params that cannot be JSON with an InvalidArgumentError, without spending an id', async () => {
    const socket = fakeSocket();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const params of [{ big: 1n }, cyclic]) {
      const call = socket.peer.request('printer.gcode.script', params as Record<string, unknown>);
      await expect(call).rejects.toSatisfy((e) => InvalidArgumentError.isInstance(e));
    }
    expect(socket.sent).toEqual([]);
    expect(socket.peer.pendingCount).toBe(0);
    const next = socket.peer.request('server.info', undefined).catch(() => undefined);
    expect(socket.sent[0]?.id).toBe(1);
    socket.close();
    await next;
  });

  it('validates a result with the per-call parse; a throwing parse rejects that call only', async () => {
    const socket = fakeSocket();
    const parsed = socket.peer.request('a', undefined, {}, (raw) => ({ wrapped: raw }));
    const refused = socket.peer.request('b', undefined, {}, () => {
      throw new ProtocolError('b: bad result');
    });
    socket.reply(1, 7);
    socket.reply(2, 8);
    await expect(parsed).resolves.toEqual({ wrapped: 7 });
    await expect(refused).rejects.toSatisfy(ProtocolError.isInstance);
    expect(socket.peer.pendingCount).toBe(0);
  });

  it('rejects at once with an AbortedError when the signal aborts, and before sending when already aborted', async () => {
    const socket = fakeSocket();
    const controller = new AbortController();
    const call = socket.peer.request('server.info', undefined, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toSatisfy(AbortedError.isInstance);
    expect(socket.peer.pendingCount).toBe(0);
    await expect(
      socket.peer.request('server.info', undefined, { signal: controller.signal }),
    ).rejects.toSatisfy(AbortedError.isInstance);
    expect(socket.sent).toHaveLength(1);
  });

  it('rejects every pending request with a ConnectionError when the socket closes, and new ones too', async () => {
    const socket = fakeSocket();
    const calls = [socket.peer.request('a', undefined), socket.peer.request('b', undefined)];
    socket.close();
    for (const call of calls) await expect(call).rejects.toSatisfy(ConnectionError.isInstance);
    await expect(socket.peer.request('c', undefined)).rejects.toSatisfy(ConnectionError.isInstance);
    expect(socket.peer.pendingCount).toBe(0);
  });

  it.each([
    [-32601, 'Method not found', PrinterRejectedError, false],
    [-32602, 'Invalid params:', PrinterRejectedError, false],
    [400, 'Must home axis first: 10.000 10.000 0.000 [0.000]', PrinterRejectedError, false],
    [503, 'Klippy Host not connected', PrinterRejectedError, true],
    [-32602, 'Unauthorized', AuthError, false],
    [-32602, 'Invalid API Key', AuthError, false],
  ] as const)(
    'maps error %i "%s" keeping Moonraker code and message',
    async (code, message, type, retryable) => {
      const socket = fakeSocket();
      const call = socket.peer.request('printer.gcode.script', { script: 'G1 X10' });
      socket.peer.handleFrame(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: 1 }));
      const error = await call.catch((reason: unknown) => reason);
      expect(type.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ isRetryable: retryable, operation: 'printer.gcode.script' });
      if (PrinterRejectedError.isInstance(error)) {
        expect(error.printerCode).toBe(code);
        expect(error.printerMessage).toBe(message);
      }
    },
  );

  it('turns malformed frames into protocol errors and keeps working', async () => {
    const socket = fakeSocket();
    const pending = socket.peer.request('server.info', undefined);
    for (const frame of [
      '{not json',
      '42',
      '"text"',
      'null',
      '{"jsonrpc":"2.0"}',
      new Uint8Array([0xff, 0xfe]),
      {},
    ]) {
      socket.peer.handleFrame(frame);
    }
    socket.peer.handleFrame('{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}');
    expect(socket.errors.length).toBe(8);
    for (const error of socket.errors) expect(ProtocolError.isInstance(error)).toBe(true);
    expect(socket.errors[0]?.payload).toBe('{not json');
    socket.reply(1, { ok: true });
    await expect(pending).resolves.toEqual({ ok: true });
  });

  it('rejects a request whose answer has neither result nor a well-formed error, without touching others', async () => {
    const socket = fakeSocket();
    const broken = socket.peer.request('a', undefined);
    const badError = socket.peer.request('b', undefined);
    const fine = socket.peer.request('c', undefined);
    socket.peer.handleFrame('{"jsonrpc":"2.0","id":1}');
    socket.peer.handleFrame('{"jsonrpc":"2.0","error":"boom","id":2}');
    socket.reply(3, 'ok');
    await expect(broken).rejects.toSatisfy(ProtocolError.isInstance);
    await expect(badError).rejects.toSatisfy(ProtocolError.isInstance);
    await expect(fine).resolves.toBe('ok');
  });

  it('hands notifications (no id) to the notification handler, bytes decoded as UTF-8', () => {
    const socket = fakeSocket();
    socket.peer.handleFrame('{"jsonrpc":"2.0","method":"notify_klippy_ready"}');
    socket.peer.handleFrame(
      new TextEncoder().encode('{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// hi"]}'),
    );
    expect(socket.notifications).toEqual([
      ['notify_klippy_ready', undefined],
      ['notify_gcode_response', ['// hi']],
    ]);
  });
});
