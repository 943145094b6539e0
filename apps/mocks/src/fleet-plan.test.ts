import { describe, expect, it } from 'vitest';
import { planFleet } from './fleet-plan.js';

const oneEach = { anycubic: 1, moonraker: 1, 'prusa-connect': 1 };

describe('planFleet', () => {
  it('uses the real printers ports by default, counting up for extra printers', () => {
    const plan = planFleet({ counts: { anycubic: 2, moonraker: 2, 'prusa-connect': 1 }, seed: 1 });
    expect(plan.controlPort).toBe(7070);
    expect(plan.prusaConnectPort).toBe(8484);
    expect(
      plan.printers.map((p) =>
        p.vendor === 'anycubic'
          ? [p.name, p.mqttPort, p.httpPort, p.tlsPort, p.flvPort, p.model]
          : p.vendor === 'moonraker'
            ? [p.name, p.port]
            : [p.name],
      ),
    ).toEqual([
      ['kobra-1', 2883, 18910, 9883, 18088, 'Kobra 3'],
      ['kobra-2', 2884, 18911, 9884, 18089, 'Kobra S1'],
      ['klipper-1', 7125],
      ['klipper-2', 7126],
      ['prusa-1'],
    ]);
  });

  it('assigns consecutive ports from --port-base: control, Prusa Connect, Moonrakers, Anycubic pairs', () => {
    const plan = planFleet({
      counts: { anycubic: 2, moonraker: 2, 'prusa-connect': 2 },
      seed: 1,
      portBase: 20000,
    });
    expect(plan.controlPort).toBe(20000);
    expect(plan.prusaConnectPort).toBe(20001);
    const ports = plan.printers.flatMap((p) =>
      p.vendor === 'anycubic' ? [p.mqttPort, p.httpPort] : p.vendor === 'moonraker' ? [p.port] : [],
    );
    expect(ports).toEqual([20004, 20005, 20006, 20007, 20002, 20003]);
    expect(new Set(ports).size).toBe(ports.length);
    // Each Kobra's MQTTS + camera pair comes after all of those.
    const lanPorts = plan.printers.flatMap((p) => (p.vendor === 'anycubic' ? [p.tlsPort, p.flvPort] : []));
    expect(lanPorts).toEqual([20008, 20009, 20010, 20011]);
  });

  it('gives every server an OS-chosen port with --port-base 0, and lets --control-port win', () => {
    const plan = planFleet({ counts: oneEach, seed: 1, portBase: 0, controlPort: 9999 });
    expect(plan.controlPort).toBe(9999);
    expect(plan.prusaConnectPort).toBe(0);
    for (const p of plan.printers) {
      if (p.vendor === 'anycubic')
        expect([p.mqttPort, p.httpPort, p.tlsPort, p.flvPort]).toEqual([0, 0, 0, 0]);
      if (p.vendor === 'moonraker') expect(p.port).toBe(0);
    }
  });

  it('derives ids from the seed: same seed, same ids; another seed, other ids', () => {
    const ids = (seed: number) =>
      planFleet({ counts: { anycubic: 2, moonraker: 0, 'prusa-connect': 2 }, seed }).printers.map((p) =>
        p.vendor === 'anycubic' ? p.deviceId : p.vendor === 'prusa-connect' ? p.uuid : '',
      );
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
    const [device1, device2, uuid1, uuid2] = ids(7);
    expect(device1).toMatch(/^[0-9a-f]{32}$/);
    expect(device1).not.toBe(device2);
    expect(uuid1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid1).not.toBe(uuid2);
  });

  it('plans no Prusa Connect port without Prusa printers', () => {
    expect(
      planFleet({ counts: { anycubic: 0, moonraker: 1, 'prusa-connect': 0 }, seed: 1 }).prusaConnectPort,
    ).toBe(undefined);
  });
});
