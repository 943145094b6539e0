// Adapter specifics beyond the conformance suite: honest capabilities, the G-code each call sends,
// console output, offline while the link is down.
import { describe, expect, it, vi } from 'vitest';
import { createMoonrakerPrinter } from '../src/adapter.js';
import { useMoonraker } from './helpers.js';

const env = useMoonraker();

describe('createMoonrakerPrinter', () => {
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
    await expect(printer.setFan(-1)).rejects.toMatchObject({ code: 'rejected' });
    await printer.close();
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
