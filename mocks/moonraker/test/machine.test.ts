/** machine.* (services, reboot, sudo, peripherals) with plain ws and fetch. */
import { describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

describe('machine', () => {
  it("service actions drive the fake Klippy; unknown services in machine.py's words", async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.result('machine.services.stop', { service: 'klipper' })).toBe('ok');
    expect(m.klippy.state).toBe('disconnected');
    await s.next((f) => f.includes('notify_klippy_disconnected'));
    expect(await s.result('machine.services.start', { service: 'klipper' })).toBe('ok');
    await m.advance(2_500);
    await s.next((f) => f.includes('notify_klippy_ready'));
    expect(await rpcError(s, 'machine.services.stop', { service: 'moonraker' })).toEqual({
      code: 400,
      message: "Service action 'stop' not available for moonraker",
    });
    expect(await rpcError(s, 'machine.services.restart', { service: 'crowsnest' })).toEqual({
      code: 400,
      message: "Service 'crowsnest' not installed",
    });
    expect(await rpcError(s, 'machine.services.restart', { service: 'sshd' })).toEqual({
      code: 400,
      message: "Service 'sshd' not allowed",
    });
  });

  it('reboot answers ok, then the websocket closes like a host going down', async () => {
    const m = await mock();
    const s = await client(m);
    const closed = new Promise<void>((resolve) => s.onClose(() => resolve()));
    expect(await s.result('machine.reboot')).toBe('ok');
    await closed;
  });

  it('sudo and peripherals', async () => {
    const m = await mock({ sudoPassword: 'raspberry' });
    const s = await client(m);
    expect(await s.result('machine.sudo.info', { check_access: true })).toEqual({
      sudo_access: true,
      linux_user: 'pi',
      sudo_requested: false,
      request_messages: [],
    });
    expect(await rpcError(s, 'machine.sudo.password', { password: 'nope' })).toEqual({
      code: 400,
      message: 'Invalid password, sudo access was denied',
    });
    expect(await s.result('machine.sudo.password', { password: 'raspberry' })).toEqual({
      sudo_responses: ['Sudo password successfully set.'],
      is_restarting: false,
    });
    expect((await http(`${m.url}/machine/peripherals/usb`)).body.result).toEqual({ usb_devices: [] });
    expect((await http(`${m.url}/machine/peripherals/video`)).body.result).toEqual({
      v4l2_devices: [],
      libcamera_devices: [],
    });
  });
});
