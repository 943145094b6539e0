/** Klippy transitions as a raw websocket client sees them, on the manual clock. */
import { describe, expect, it } from 'vitest';
import { client, mock, repliesTo } from './setup.js';

const SHUTDOWN_MESSAGE =
  'Shutdown due to webhooks request\nOnce the underlying issue is corrected, use the\n"FIRMWARE_RESTART" command to reset the firmware, reload the\nconfig, and restart the host software.\nPrinter is shutdown\n';

describe('Klippy states', () => {
  it('emergency stop: "// Klipper state: Shutdown" before "ok", notify_klippy_shutdown ~200 ms later', async () => {
    const m = await mock();
    const s = await client(m);
    const before = s.log.length;
    const reply = await s.call('printer.emergency_stop', undefined, 4564);
    expect(reply).toBe('{"jsonrpc":"2.0","result":"ok","id":4564}');
    expect(s.log.slice(before)).toEqual([
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// Klipper state: Shutdown"]}',
      reply,
    ]);
    expect(s.notifications('notify_klippy_shutdown')).toEqual([]);
    await m.advance(199);
    // A round trip first: a frame sent before its answer has arrived by then (frames keep their order).
    await s.result('server.info');
    expect(s.notifications('notify_klippy_shutdown')).toEqual([]);
    await m.advance(1);
    expect(await s.next((f) => f.includes('notify_klippy_shutdown'))).toBe(
      '{"jsonrpc":"2.0","method":"notify_klippy_shutdown"}',
    );
    expect(await s.result('server.info')).toMatchObject({ klippy_connected: true, klippy_state: 'shutdown' });
    expect(await s.result('printer.info')).toMatchObject({
      state: 'shutdown',
      state_message: SHUTDOWN_MESSAGE,
    });
    // G-code now fails with the multi-line shutdown message: info lines, then "!! <first line>".
    const start = s.log.length;
    expect(await s.call('printer.gcode.script', { script: 'G28' }, 11)).toBe(
      `{"jsonrpc":"2.0","error":{"code":400,"message":${JSON.stringify(SHUTDOWN_MESSAGE)}},"id":11}`,
    );
    expect(s.log.slice(start, -1)).toEqual([
      `{"jsonrpc":"2.0","method":"notify_gcode_response","params":[${JSON.stringify(
        '// Shutdown due to webhooks request\n// Once the underlying issue is corrected, use the\n// "FIRMWARE_RESTART" command to reset the firmware, reload the\n// config, and restart the host software.\n// Printer is shutdown',
      )}]}`,
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["!! Shutdown due to webhooks request"]}',
    ]);
  });

  it('firmware_restart: disconnected at once, startup, ready after ~2 s; homing and targets reset; subscriptions dropped', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'G28\nM104 S200' });
    await s.result('printer.objects.subscribe', {
      objects: { extruder: ['target'], toolhead: ['homed_axes'] },
    });
    expect(await s.call('printer.firmware_restart', undefined, 8463)).toBe(
      '{"jsonrpc":"2.0","result":"ok","id":8463}',
    );
    expect(s.log).toContain('{"jsonrpc":"2.0","method":"notify_klippy_disconnected"}');
    expect(await s.result('server.info')).toMatchObject({
      klippy_connected: false,
      klippy_state: 'disconnected',
    });
    await m.advance(500);
    expect(await s.result('server.info')).toMatchObject({ klippy_connected: true, klippy_state: 'startup' });
    expect(s.notifications('notify_klippy_ready')).toEqual([]);
    await m.advance(1500);
    expect(await s.next((f) => f.includes('notify_klippy_ready'))).toBe(
      '{"jsonrpc":"2.0","method":"notify_klippy_ready"}',
    );
    expect(await s.result('server.info')).toMatchObject({ klippy_state: 'ready' });
    // The old subscription is gone: changes produce no notify_status_update until a new subscribe.
    const before = s.notifications('notify_status_update').length;
    await s.result('printer.gcode.script', { script: 'M104 S150' });
    await m.advance(1000);
    // A round trip first: a frame sent before its answer has arrived by then (frames keep their order).
    await s.result('server.info');
    expect(s.notifications('notify_status_update').length).toBe(before);
    const status = await s.result<{ status: Record<string, Record<string, unknown>> }>(
      'printer.objects.subscribe',
      {
        objects: { extruder: ['target'], toolhead: ['homed_axes'] },
      },
    );
    expect(status.status).toEqual({ extruder: { target: 150 }, toolhead: { homed_axes: '' } });
  });

  it('before Klippy ever connected: its methods are -32601, print/restart are 503; then they come alive', async () => {
    const m = await mock({ klippy: 'disconnected', klippyStartupMs: 1000 });
    const s = await client(m);
    expect(await s.call('printer.info', undefined, 1)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":1}',
    );
    expect(await s.call('printer.print.start', { filename: 'benchy.gcode' }, 2)).toBe(
      '{"jsonrpc":"2.0","error":{"code":503,"message":"Klippy Host not connected"},"id":2}',
    );
    expect(await s.call('printer.restart', undefined, 3)).toBe(
      '{"jsonrpc":"2.0","error":{"code":503,"message":"Klippy Host not connected"},"id":3}',
    );
    const http = await fetch(`${m.url}/printer/info`);
    expect(http.status).toBe(404);
    m.klippy.connect();
    expect(m.klippy.state).toBe('startup');
    expect(await s.result('printer.info')).toMatchObject({ state: 'startup' });
    await m.advance(1000);
    expect(m.klippy.state).toBe('ready');
    expect(s.log).toContain('{"jsonrpc":"2.0","method":"notify_klippy_ready"}');
    // Once registered, a disconnected Klippy answers 503 instead.
    m.klippy.disconnect();
    expect(await s.call('printer.info', undefined, 4)).toBe(
      '{"jsonrpc":"2.0","error":{"code":503,"message":"Klippy Host not connected"},"id":4}',
    );
  });

  it('starting in "startup" reaches ready after klippyStartupMs', async () => {
    const m = await mock({ klippy: 'startup', klippyStartupMs: 2000 });
    const s = await client(m);
    expect(await s.result('server.info')).toMatchObject({ klippy_state: 'startup' });
    await m.advance(1999);
    expect(m.klippy.state).toBe('startup');
    await m.advance(1);
    expect(await s.result('server.info')).toMatchObject({ klippy_state: 'ready' });
  });

  it('a G-code waiting on a heater fails with 503 "Klippy Disconnected" when Klippy drops', async () => {
    const m = await mock();
    const s = await client(m);
    s.send('{"jsonrpc":"2.0","method":"printer.gcode.script","params":{"script":"M109 S200"},"id":77}');
    await s.result('server.info');
    await m.advance(1000);
    // A round trip first: a frame sent before its answer has arrived by then (frames keep their order).
    await s.result('server.info');
    expect(s.log.some((f) => f.endsWith('"id":77}'))).toBe(false);
    m.klippy.disconnect();
    expect(await s.next((f) => f.endsWith('"id":77}'))).toBe(
      '{"jsonrpc":"2.0","error":{"code":503,"message":"Klippy Disconnected"},"id":77}',
    );
    expect(await repliesTo(s, '{"jsonrpc":"2.0","method":"server.info"}')).toEqual([]);
  });
});
