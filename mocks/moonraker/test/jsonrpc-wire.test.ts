/**
 * A foreign client: a plain `ws` socket, hand-written JSON frames, and the exact bytes a
 * third-party Moonraker client receives (protocol-notes/moonraker.md, "JSON-RPC edge cases").
 */
import { describe, expect, it, vi } from 'vitest';
import { client, mock, repliesTo, socket } from './setup.js';

describe('JSON-RPC envelopes on the wire', () => {
  it('answers non-JSON with -32700 and id null', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    expect(await repliesTo(s, '{not json')).toEqual([
      '{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}',
    ]);
  });

  it('answers a missing or wrong jsonrpc version with -32600, echoing numeric and string ids', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    expect(await repliesTo(s, '{"method":"server.info","id":7}')).toEqual([
      '{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request"},"id":7}',
    ]);
    expect(await repliesTo(s, '{"jsonrpc":"1.0","method":"server.info","id":"abc"}')).toEqual([
      '{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request"},"id":"abc"}',
    ]);
  });

  it('answers an unknown method with -32601 Method not found', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    expect(await s.call('printer.nope', undefined, 3)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":3}',
    );
  });

  it('answers list, string and [] params with -32602 "Invalid params:"', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    for (const params of ['[]', '["a"]', '"x"', '5']) {
      expect(
        await repliesTo(s, `{"jsonrpc":"2.0","method":"server.info","params":${params},"id":9}`),
      ).toEqual(['{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params:"},"id":9}']);
    }
  });

  it('sends nothing for id null, notifications, a missing method, [], a bare number, or a batch with a non-object', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    for (const frame of [
      '{"jsonrpc":"2.0","method":"server.info","id":null}',
      '{"jsonrpc":"2.0","method":"server.info"}',
      '{"jsonrpc":"2.0","id":5}',
      '[]',
      '42',
      '"text"',
      '[{"jsonrpc":"2.0","method":"server.info","id":1},7]',
      '{"jsonrpc":"2.0","method":"no.such.method"}',
    ]) {
      expect(await repliesTo(s, frame), frame).toEqual([]);
    }
  });

  it('answers a batch with one array frame', async () => {
    const m = await mock();
    const s = await client(m);
    const replies = await repliesTo(
      s,
      '[{"jsonrpc":"2.0","method":"printer.gcode.script","params":{"script":"M104 S0"},"id":1},{"jsonrpc":"2.0","method":"nope","id":2},{"jsonrpc":"2.0","method":"server.info"}]',
    );
    expect(replies).toEqual([
      '[{"jsonrpc":"2.0","result":"ok","id":1},{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":2}]',
    ]);
  });

  it('writes compact frames: printer.info byte for byte', async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.call('printer.info', undefined, 5445)).toBe(
      '{"jsonrpc":"2.0","result":{"state":"ready","state_message":"Printer is ready","hostname":"printkit-mock","klipper_path":"/home/pi/klipper","python_path":"/home/pi/klippy-env/bin/python","process_id":275124,"user_id":1000,"group_id":1000,"log_file":"/home/pi/printer_data/logs/klippy.log","config_file":"/home/pi/printer_data/config/printer.cfg","software_version":"v0.12.0-85-gd785b396","cpu_info":"4 core ARMv8 Processor rev 3 (v8l)"},"id":5445}',
    );
  });

  it('identify: connection id, then "already identified" with a Python dict, bad type, missing url', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    expect(
      await s.call(
        'server.connection.identify',
        { client_name: 'm', version: '1', type: 'bogus', url: 'u' },
        1,
      ),
    ).toBe('{"jsonrpc":"2.0","error":{"code":400,"message":"Invalid Client Type: bogus"},"id":1}');
    expect(
      await s.call('server.connection.identify', { client_name: 'm', version: '1', type: 'web' }, 2),
    ).toBe('{"jsonrpc":"2.0","error":{"code":400,"message":"No data for argument: url"},"id":2}');
    const ok = JSON.parse(
      await s.call(
        'server.connection.identify',
        { client_name: 'mainsail', version: '2.9', type: 'web', url: 'http://x' },
        3,
      ),
    ) as { result: { connection_id: number } };
    expect(Number.isInteger(ok.result.connection_id)).toBe(true);
    expect(
      await s.call(
        'server.connection.identify',
        { client_name: 'o', version: '1', type: 'web', url: 'y' },
        4,
      ),
    ).toBe(
      `{"jsonrpc":"2.0","error":{"code":400,"message":"Connection already identified: {'name': 'mainsail', 'version': '2.9', 'type': 'web', 'url': 'http://x'}"},"id":4}`,
    );
  });

  it('server.info reports Klippy, the websocket count and the API version', async () => {
    const m = await mock();
    const s = await client(m);
    const info = await s.result<Record<string, unknown>>('server.info');
    expect(info).toMatchObject({
      klippy_connected: true,
      klippy_state: 'ready',
      websocket_count: 1,
      api_version: [1, 5, 0],
      api_version_string: '1.5.0',
      failed_components: [],
    });
  });

  it('server.info follows Klippy and the websocket count (its cached answer is never stale), for any id type', async () => {
    const m = await mock({ klippyStartupMs: 500 });
    const s = await client(m);
    const info = (id: number) => s.call('server.info', undefined, id);
    expect(JSON.parse(await info(1)).result).toMatchObject({ klippy_state: 'ready', websocket_count: 1 });
    const second = await client(m);
    expect(JSON.parse(await info(2)).result).toMatchObject({ klippy_state: 'ready', websocket_count: 2 });
    await second.close();
    await vi.waitFor(() => expect(m.connectionCount()).toBe(1));
    m.klippy.disconnect();
    expect(JSON.parse(await info(3)).result).toMatchObject({
      klippy_connected: false,
      klippy_state: 'disconnected',
      websocket_count: 1,
    });
    m.klippy.connect();
    await m.advance(1000);
    const frame = await s.call('server.info', undefined, 'string-id');
    expect(JSON.parse(frame)).toEqual({
      jsonrpc: '2.0',
      result: expect.objectContaining({ klippy_connected: true, klippy_state: 'ready' }),
      id: 'string-id',
    });
    // Byte-for-byte what serializing the frame object gives, key order included.
    expect(frame).toBe(JSON.stringify(JSON.parse(frame)));
    expect(frame.startsWith('{"jsonrpc":"2.0","result":{"klippy_connected":true,')).toBe(true);
  });

  it('argument conversion errors use Moonraker wording', async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.call('server.history.list', { limit: 'many' }, 8)).toBe(
      `{"jsonrpc":"2.0","error":{"code":400,"message":"Unable to convert argument [limit] to <class 'int'>: value recieved: many"},"id":8}`,
    );
  });
});
