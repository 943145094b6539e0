/**
 * Part fan, speed and flow factors and output pins as a raw client drives them: hand-written
 * `printer.gcode.script` frames, effects read back with `printer.objects.query` and from the sim.
 */
import { describe, expect, it } from 'vitest';
import { startMockMoonraker } from '../src/index.js';
import { client, mock } from './setup.js';

type Status = Record<string, Record<string, unknown>>;

const FAN_AND_FACTORS = { fan: ['speed'], gcode_move: ['speed_factor', 'extrude_factor'] };

describe('M106 / M107 / M220 / M221', () => {
  it('M106 S0–255 sets fan.speed 0..1 (no S = full, above 255 clamps), M107 stops it', async () => {
    const m = await mock();
    const s = await client(m);
    const speed = async (script: string) => {
      expect(await s.call('printer.gcode.script', { script }, `fan-${script}`)).toBe(
        `{"jsonrpc":"2.0","result":"ok","id":"fan-${script}"}`,
      );
      const { status } = await s.result<{ status: Status }>('printer.objects.query', {
        objects: { fan: ['speed'] },
      });
      return status.fan?.speed;
    };
    expect(await speed('M106 S51')).toBe(0.2);
    expect(m.sim.snapshot().fanPercent).toBe(20);
    expect(await speed('M106')).toBe(1);
    expect(await speed('M107')).toBe(0);
    expect(m.sim.snapshot().fanPercent).toBe(0);
    expect(await speed('M106 S400')).toBe(1);
    expect(await speed('M106 S0')).toBe(0);
    // Not an unknown command: nothing but the reply and the command echo in the gcode store.
    expect(s.log.some((f) => f.includes('Unknown command'))).toBe(false);
  });

  it('M220/M221 set gcode_move.speed_factor/extrude_factor and the simulator; S must be above 0', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'M220 S125\nM221 S92' });
    const query = () => s.result<{ status: Status }>('printer.objects.query', { objects: FAN_AND_FACTORS });
    expect((await query()).status.gcode_move).toEqual({ speed_factor: 1.25, extrude_factor: 0.92 });
    expect(m.sim.snapshot()).toMatchObject({ speedPercent: 125, flowPercent: 92 });
    await s.result('printer.gcode.script', { script: 'M220\nM221' });
    expect((await query()).status.gcode_move).toEqual({ speed_factor: 1, extrude_factor: 1 });

    const before = s.log.length;
    expect(await s.call('printer.gcode.script', { script: 'M220 S0' }, 'm220-zero')).toBe(
      `{"jsonrpc":"2.0","error":{"code":400,"message":"Error on 'M220 S0': S must be above 0.0"},"id":"m220-zero"}`,
    );
    expect(s.log.slice(before)).toContain(
      `{"jsonrpc":"2.0","method":"notify_gcode_response","params":["!! Error on 'M220 S0': S must be above 0.0"]}`,
    );
    expect(await s.call('printer.gcode.script', { script: 'M106 S-1' }, 'm106-negative')).toBe(
      `{"jsonrpc":"2.0","error":{"code":400,"message":"Error on 'M106 S-1': S must have minimum of 0.0"},"id":"m106-negative"}`,
    );
    expect(await s.call('printer.gcode.script', { script: 'M221 S1.2.3' }, 'm221-text')).toBe(
      `{"jsonrpc":"2.0","error":{"code":400,"message":"Error on 'M221 S1.2.3': unable to parse 1.2.3"},"id":"m221-text"}`,
    );
    expect((await query()).status.gcode_move).toEqual({ speed_factor: 1, extrude_factor: 1 });
  });

  it('a Klippy restart stops the fan and resets speed and flow to 100 %', async () => {
    const m = await mock({ klippyStartupMs: 500 });
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'M106 S255\nM220 S150\nM221 S110' });
    m.klippy.restart();
    await m.advance(1000);
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: FAN_AND_FACTORS,
    });
    expect(status).toEqual({ fan: { speed: 0 }, gcode_move: { speed_factor: 1, extrude_factor: 1 } });
  });
});

describe('SET_PIN and output_pin objects', () => {
  it('without outputPins (stock Klipper) SET_PIN is an unknown command and no output_pin object exists', async () => {
    const m = await mock();
    const s = await client(m);
    const before = s.log.length;
    expect(await s.result('printer.gcode.script', { script: 'SET_PIN PIN=caselight VALUE=1' })).toBe('ok');
    expect(s.log.slice(before, -1)).toEqual([
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// Unknown command:\\"SET_PIN\\""]}',
    ]);
    const { objects } = await s.result<{ objects: string[] }>('printer.objects.list');
    expect(objects.filter((name) => name.startsWith('output_pin'))).toEqual([]);
    expect(await s.result<Record<string, string>>('printer.gcode.help')).not.toHaveProperty('SET_PIN');
  });

  it('SET_PIN switches a configured pin: output_pin <name>.value, the simulator light, and a diff', async () => {
    const m = await mock({ outputPins: ['caselight', { name: 'dimmer', pwm: true, value: 0.25 }] });
    const s = await client(m);
    const { objects } = await s.result<{ objects: string[] }>('printer.objects.list');
    expect(objects.slice(-2)).toEqual(['output_pin caselight', 'output_pin dimmer']);
    expect((await s.result<Record<string, string>>('printer.gcode.help')).SET_PIN).toBe(
      'Set the value of an output pin',
    );
    const subscribed = await s.result<{ status: Status }>('printer.objects.subscribe', {
      objects: { 'output_pin caselight': null, 'output_pin dimmer': ['value'] },
    });
    expect(subscribed.status).toEqual({
      'output_pin caselight': { value: 0 },
      'output_pin dimmer': { value: 0.25 },
    });
    expect(m.sim.snapshot().lights).toEqual({ main: false, caselight: false, dimmer: true });

    await s.result('printer.gcode.script', {
      script: 'SET_PIN PIN=caselight VALUE=1\nSET_PIN PIN=dimmer VALUE=0',
    });
    expect(m.sim.snapshot().lights).toMatchObject({ caselight: true, dimmer: false });
    await m.advance(250);
    expect(await s.next((f) => f.startsWith('{"jsonrpc":"2.0","method":"notify_status_update"'))).toMatch(
      /^\{"jsonrpc":"2\.0","method":"notify_status_update","params":\[\{"output_pin caselight":\{"value":1\},"output_pin dimmer":\{"value":0\}\},[\d.]+\]\}$/,
    );
    await s.result('printer.gcode.script', { script: 'SET_PIN PIN=dimmer VALUE=0.6' });
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { 'output_pin dimmer': ['value'] },
    });
    expect(status).toEqual({ 'output_pin dimmer': { value: 0.6 } });
  });

  it("refuses an unknown pin, a missing PIN/VALUE, a value out of range and 0.5 on a digital pin, in Klipper's words", async () => {
    const m = await mock({ outputPins: ['caselight'] });
    const s = await client(m);
    const failure = async (script: string) => {
      const reply = JSON.parse(await s.call('printer.gcode.script', { script })) as {
        error?: { code: number; message: string };
      };
      expect(s.log).toContain(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'notify_gcode_response',
          params: [`!! ${reply.error?.message}`],
        }),
      );
      return reply.error;
    };
    expect(await failure('SET_PIN PIN=beeper VALUE=1')).toEqual({
      code: 400,
      message: "The value 'beeper' is not valid for PIN",
    });
    // Mux keys are matched exactly, as Klipper does.
    expect((await failure('SET_PIN PIN=CaseLight VALUE=1'))?.message).toBe(
      "The value 'CaseLight' is not valid for PIN",
    );
    expect((await failure('SET_PIN VALUE=1'))?.message).toBe("Error on 'SET_PIN VALUE=1': missing PIN");
    expect((await failure('SET_PIN PIN=caselight'))?.message).toBe(
      "Error on 'SET_PIN PIN=caselight': missing VALUE",
    );
    expect((await failure('SET_PIN PIN=caselight VALUE=2'))?.message).toBe(
      "Error on 'SET_PIN PIN=caselight VALUE=2': VALUE must have maximum of 1.0",
    );
    expect((await failure('SET_PIN PIN=caselight VALUE=-1'))?.message).toBe(
      "Error on 'SET_PIN PIN=caselight VALUE=-1': VALUE must have minimum of 0.0",
    );
    expect((await failure('SET_PIN PIN=caselight VALUE=0.5'))?.message).toBe('Invalid pin value');
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { 'output_pin caselight': null },
    });
    expect(status).toEqual({ 'output_pin caselight': { value: 0 } });
    expect(m.sim.snapshot().lights.caselight).toBe(false);
  });

  it('a Klippy restart puts pins back to their configured value; a light switched in the sim shows in the pin', async () => {
    const m = await mock({ outputPins: [{ name: 'caselight', value: 1 }], klippyStartupMs: 500 });
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'SET_PIN PIN=caselight VALUE=0' });
    m.klippy.restart();
    await m.advance(1000);
    const query = () =>
      s.result<{ status: Status }>('printer.objects.query', { objects: { 'output_pin caselight': null } });
    expect((await query()).status).toEqual({ 'output_pin caselight': { value: 1 } });
    expect(m.sim.snapshot().lights.caselight).toBe(true);
    m.sim.setLight('caselight', false);
    expect((await query()).status).toEqual({ 'output_pin caselight': { value: 0 } });
  });

  it('rejects an outputPins option Klipper would refuse', async () => {
    await expect(startMockMoonraker({ port: 0, outputPins: ['case light'] })).rejects.toThrow(/one word/);
    await expect(startMockMoonraker({ port: 0, outputPins: ['a', 'a'] })).rejects.toThrow(/twice/);
    await expect(startMockMoonraker({ port: 0, outputPins: [{ name: 'a', value: 0.5 }] })).rejects.toThrow(
      /0 or 1/,
    );
  });
});
