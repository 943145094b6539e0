import { afterEach, describe, expect, it } from 'vitest';
import { type Fleet, startFleet } from '../src/fleet.js';
import { PortInUseError } from '../src/port-in-use-error.js';
import { freePortRange, isListening, occupyPort, portOf } from './spawn-helpers.js';

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

function ports(description: ReturnType<Fleet['describe']>): number[] {
  const all = description.mocks.flatMap((mock) => Object.values(mock.endpoints).map(portOf));
  if (description.control) all.push(portOf(description.control.url));
  return [...new Set(all)];
}

describe('startFleet', () => {
  it('starts every vendor mock with its own ids and ports, reachable with the printed credentials', async () => {
    fleet = await startFleet({
      portBase: 0,
      fleet: { anycubic: 2, moonraker: 2, 'prusa-connect': 2 },
      speed: 10,
    });
    const description = fleet.describe();
    expect(description.printers.map((p) => `${p.vendor}:${p.name}`)).toEqual([
      'anycubic:kobra-1',
      'anycubic:kobra-2',
      'moonraker:klipper-1',
      'moonraker:klipper-2',
      'prusa-connect:prusa-1',
      'prusa-connect:prusa-2',
    ]);
    expect(description.speed).toBe(10);

    const [kobra1, kobra2, klipper1, klipper2, prusa1, prusa2] = description.printers;
    // Each Kobra and each Klipper has its own server; the Prusas share one Connect.
    expect(new Set([kobra1?.url, kobra2?.url, klipper1?.url, klipper2?.url]).size).toBe(4);
    expect(prusa1?.url).toBe(prusa2?.url);
    if (kobra1?.vendor !== 'anycubic' || kobra2?.vendor !== 'anycubic')
      throw new Error('expected Kobras first');
    expect(kobra1.deviceId).not.toBe(kobra2.deviceId);
    expect([kobra1.modelId, kobra2.modelId]).toEqual([20024, 20025]);

    // Moonraker answers over HTTP; Connect wants its bearer token.
    const info = await fetch(`${klipper2?.url}/server/info`);
    expect(info.status).toBe(200);
    if (prusa2?.vendor !== 'prusa-connect') throw new Error('expected a Prusa');
    const detail = await fetch(`${prusa2.url}/app/printers/${prusa2.uuid}`, {
      headers: { authorization: `Bearer ${prusa2.token}` },
    });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ uuid: prusa2.uuid });
    expect((await fetch(`${prusa2.url}/app/printers/${prusa2.uuid}`)).status).toBe(401);
    expect(await isListening(portOf(kobra2.url))).toBe(true);

    // The control API describes the same fleet and drives the simulators behind the vendor mocks.
    const control = description.control!.url;
    expect(await (await fetch(`${control}/`)).json()).toEqual(JSON.parse(JSON.stringify(description)));
    await fetch(`${control}/printers/prusa-2/print`, {
      method: 'POST',
      body: '{"file":"calibration-cube.gcode"}',
    });
    expect(fleet.printer('prusa-2').sim.state).toBe('preparing');
  });

  it('closes every port on stop()', async () => {
    fleet = await startFleet({ portBase: 0 });
    const open = ports(fleet.describe());
    expect(open).toHaveLength(8); // control, MQTT, MQTTS, HTTP (discovery + upload), camera, Moonraker, Connect + its OAuth origin
    for (const port of open) expect(await isListening(port)).toBe(true);
    await fleet.stop();
    for (const port of open) expect(await isListening(port)).toBe(false);
  });

  it('powers printers off and on the way their protocol shows it', async () => {
    fleet = await startFleet({ portBase: 0, fleet: { anycubic: 1, moonraker: 1 } });
    for (const printer of fleet.printers) {
      await printer.powerOff();
      expect(printer.sim.snapshot().powered).toBe(false);
      await printer.powerOn();
      expect(printer.sim.snapshot().powered).toBe(true);
    }
  });

  it('names the port, its owner and the way out when a port is taken, and leaves nothing running', async () => {
    // --port-base B with one Klipper and one Kobra: control B, Moonraker B+1, Kobra MQTT B+2, upload B+3.
    const base = await freePortRange(4);
    const release = await occupyPort(base + 1);
    try {
      const started = startFleet({ portBase: base, fleet: { moonraker: 1, anycubic: 1 } });
      await expect(started).rejects.toBeInstanceOf(PortInUseError);
      await expect(started).rejects.toThrow(
        `port ${base + 1} is already in use (moonraker 'klipper-1'); pass --port-base or stop the other process`,
      );
      for (const port of [base, base + 2, base + 3]) expect(await isListening(port)).toBe(false);
    } finally {
      await release();
    }
  });

  it('reports a taken control port too', async () => {
    const [port] = [await freePortRange(1)];
    const release = await occupyPort(port);
    try {
      await expect(startFleet({ portBase: 0, controlPort: port, fleet: { moonraker: 1 } })).rejects.toThrow(
        `port ${port} is already in use (control API)`,
      );
    } finally {
      await release();
    }
  });

  it('each of a few Kobras has its own certificate; past 20 a process shares one (starting in seconds)', async () => {
    fleet = await startFleet({ portBase: 0, fleet: { anycubic: 2 }, control: false });
    const few = fleet.describe().mocks.map((mock) => mock.tlsFingerprint256);
    expect(new Set(few).size).toBe(2);
    await fleet.stop();
    const progress: number[] = [];
    fleet = await startFleet({
      portBase: 0,
      fleet: { anycubic: 21 },
      control: false,
      onProgress: (started) => progress.push(started),
    });
    const many = fleet.describe().mocks.map((mock) => mock.tlsFingerprint256);
    expect(many).toHaveLength(21);
    expect(new Set(many).size).toBe(1);
    expect(many[0]).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // One call per printer, counting up to all of them.
    expect(progress).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });
});
