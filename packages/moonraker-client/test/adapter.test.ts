// Adapter specifics beyond the conformance suite: honest capabilities, the G-code each call sends
// and its effect on the simulated printer, refused arguments, console output, offline while the
// link is down.
import { InvalidArgumentError } from '@printkit/core-types';
import { describe, expect, it, vi } from 'vitest';
import { createMoonrakerPrinter } from '../src/adapter/printer.js';
import { useMoonraker } from './helpers.js';

const env = useMoonraker();

describe('createMoonrakerPrinter', () => {
  it('an injected client is used, never closed by the printer (whoever creates it closes it)', async () => {
    const mock = await env.mock();
    const client = env.client(mock);
    const printer = createMoonrakerPrinter({ url: mock.url, client });
    await printer.connect();
    expect(printer.status.state).toBe('idle');
    await printer.close();
    expect(client.connectionState).toBe('connected');
    await expect(client.serverInfo()).resolves.toMatchObject({ klippy_state: 'ready' });
    // The closed printer no longer follows the client.
    const before = printer.status;
    await client.runGcode('M140 S50');
    await mock.advance(500);
    expect(printer.status).toBe(before);
  });

  it('declares light only when a light pin or macros are configured', async () => {
    const mock = await env.mock();
    const plain = createMoonrakerPrinter({ url: mock.url });
    expect(plain.capabilities.has('light')).toBe(false);
    expect(plain.capabilities.has('camera')).toBe(false);
    expect(plain.capabilities.has('temperature.chamber')).toBe(false);
    const lit = createMoonrakerPrinter({ url: mock.url, light: { pin: 'caselight' } });
    expect(lit.capabilities.has('light')).toBe(true);
    await plain.close();
    await lit.close();
  });

  it('sends the G-code Klipper understands for fan, speed, temperature and light; console lines become gcode-response', async () => {
    const mock = await env.mock();
    const printer = createMoonrakerPrinter({ url: mock.url, light: { on: 'LIGHTS_ON', off: 'LIGHTS_OFF' } });
    const lines: string[] = [];
    printer.on('gcode-response', (line) => lines.push(line));
    await printer.connect();
    await printer.setFan(50);
    await printer.setSpeed(120);
    await printer.setTargetTemperature('nozzle', 205);
    await printer.setTargetTemperature('bed', 65);
    await printer.setLight(true);
    const store = env.client(mock, { transport: 'http' });
    const commands = (await store.gcodeStore(20)).gcode_store
      .filter((e) => e.type === 'command')
      .map((e) => e.message);
    expect(commands).toEqual([
      'M106 S128',
      'M220 S120',
      'SET_HEATER_TEMPERATURE HEATER=extruder TARGET=205',
      'SET_HEATER_TEMPERATURE HEATER=heater_bed TARGET=65',
      'LIGHTS_ON',
    ]);
    expect(lines).toContain('// Unknown command:"LIGHTS_ON"');
    await printer.close();
  });

  it('setFan, setSpeed and setLight change the simulated printer, seen in the Klipper status', async () => {
    const mock = await env.mock({ outputPins: ['caselight'] });
    const printer = createMoonrakerPrinter({ url: mock.url, light: { pin: 'caselight' } });
    await printer.connect();
    const status = () => printer.client.status;
    // The light's output_pin is part of the subscription, next to the typed objects.
    expect(status()['output_pin caselight']).toEqual({ value: 0 });
    expect(status().fan?.speed).toBe(0);
    expect(status().gcode_move?.speed_factor).toBe(1);

    await printer.setFan(40);
    await printer.setSpeed(150);
    await printer.setLight(true);
    await mock.advance(250); // the next notify_status_update carries the changes
    await vi.waitFor(() => {
      expect(status().fan?.speed).toBe(0.4);
      expect(status().gcode_move?.speed_factor).toBe(1.5);
      expect(status()['output_pin caselight']).toEqual({ value: 1 });
    });
    expect(mock.sim.snapshot()).toMatchObject({
      fanPercent: 40,
      speedPercent: 150,
      lights: { caselight: true },
    });

    await printer.setFan(0);
    await printer.setSpeed(100);
    await printer.setLight(false);
    await mock.advance(250);
    await vi.waitFor(() => {
      expect(status().fan?.speed).toBe(0);
      expect(status().gcode_move?.speed_factor).toBe(1);
      expect(status()['output_pin caselight']).toEqual({ value: 0 });
    });
    expect(mock.sim.snapshot()).toMatchObject({
      fanPercent: 0,
      speedPercent: 100,
      lights: { caselight: false },
    });
    await printer.close();
  });

  it('a light pin Klipper does not have is refused by Klipper, in its words', async () => {
    const mock = await env.mock({ outputPins: ['caselight'] });
    const printer = createMoonrakerPrinter({ url: mock.url, light: { pin: 'chamber_light' } });
    await printer.connect();
    await expect(printer.setLight(true)).rejects.toMatchObject({
      code: 'rejected',
      printerCode: 400,
      printerMessage: "The value 'chamber_light' is not valid for PIN",
    });
    await printer.close();
  });

  it.each([
    ['setFan(-1)', 'percent', (p: ReturnType<typeof createMoonrakerPrinter>) => p.setFan(-1)],
    ['setFan(101)', 'percent', (p: ReturnType<typeof createMoonrakerPrinter>) => p.setFan(101)],
    ['setFan(NaN)', 'percent', (p: ReturnType<typeof createMoonrakerPrinter>) => p.setFan(Number.NaN)],
    ['setSpeed(0)', 'percent', (p: ReturnType<typeof createMoonrakerPrinter>) => p.setSpeed(0)],
    ['setSpeed(-5)', 'percent', (p: ReturnType<typeof createMoonrakerPrinter>) => p.setSpeed(-5)],
    [
      'setTargetTemperature(nozzle, -1)',
      'celsius',
      (p: ReturnType<typeof createMoonrakerPrinter>) => p.setTargetTemperature('nozzle', -1),
    ],
    [
      'setTargetTemperature(bed, Infinity)',
      'celsius',
      (p: ReturnType<typeof createMoonrakerPrinter>) =>
        p.setTargetTemperature('bed', Number.POSITIVE_INFINITY),
    ],
  ])('%s is refused with InvalidArgumentError before anything is sent', async (_name, argument, call) => {
    const mock = await env.mock();
    const printer = createMoonrakerPrinter({ url: mock.url });
    await printer.connect();
    const error = await call(printer).catch((reason: unknown) => reason);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-argument', argument });
    const store = env.client(mock, { transport: 'http' });
    expect((await store.gcodeStore(20)).gcode_store.filter((e) => e.type === 'command')).toEqual([]);
    expect(mock.sim.snapshot()).toMatchObject({ fanPercent: 0, speedPercent: 100 });
    await printer.close();
  });

  it('refuses a light pin that cannot be an [output_pin] name when created', () => {
    expect(() =>
      createMoonrakerPrinter({ url: 'http://printer.local:7125', light: { pin: 'case light' } }),
    ).toThrow(expect.objectContaining({ code: 'invalid-argument', argument: 'light.pin' }));
  });

  it('reports offline while the link is down, and the real state again after reconnecting', async () => {
    const mock = await env.mock();
    const printer = createMoonrakerPrinter({
      url: mock.url,
      reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    });
    await printer.connect();
    expect(printer.status.state).toBe('idle');
    const states: string[] = [];
    printer.on('status', (status) => states.push(status.state));
    mock.dropConnections();
    await vi.waitFor(() => expect(states).toContain('offline'));
    await vi.waitFor(() => expect(printer.status.state).toBe('idle'));
    expect(printer.connectionState).toBe('connected');
    await printer.close();
  });

  it('maps an emergency stop to error with Klippy’s message', async () => {
    const mock = await env.mock();
    const printer = createMoonrakerPrinter({ url: mock.url });
    await printer.connect();
    await printer.emergencyStop();
    await mock.advance(500);
    const status = await printer.refresh();
    expect(status.state).toBe('error');
    expect(status.rawState).toBe('klippy:shutdown');
    await printer.close();
  });
});
