import { describe, expect, it } from 'vitest';
import { loopbackAddress, type PlannedPrinter, parseShard, planFleet } from './fleet-plan.js';

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

describe('planFleet at farm scale', () => {
  const farm = { anycubic: 1000, moonraker: 1000, 'prusa-connect': 1000, prusalink: 1000 };
  const endpoints = (plan: ReturnType<typeof planFleet>) => [
    `control ${plan.controlPort}`,
    ...(plan.prusaConnectPort === undefined ? [] : [`connect ${plan.prusaConnectPort}`]),
    ...plan.printers.flatMap((p) => {
      switch (p.vendor) {
        case 'anycubic':
          return [p.mqttPort, p.httpPort, p.tlsPort, p.flvPort].map((port) => `${p.host}:${port}`);
        case 'moonraker':
        case 'prusalink':
          return [`${p.host}:${p.port}`];
        default:
          // Prusa Connect printers have no server of their own (the shared Connect is counted above).
          return [];
      }
    }),
  ];

  it('gives 1,000 of each vendor distinct ports, keeping the real ports for the first printers', () => {
    const plan = planFleet({ counts: farm, seed: 1 });
    const used = endpoints(plan);
    expect(new Set(used).size).toBe(used.length);
    expect(plan.printers).toHaveLength(4000);
    const kobra1 = plan.printers.find((p) => p.name === 'kobra-1');
    expect(kobra1).toMatchObject({ mqttPort: 2883, httpPort: 18910, tlsPort: 9883, flvPort: 18088 });
    expect(plan.printers.find((p) => p.name === 'klipper-1')).toMatchObject({ port: 7125 });
    expect(plan.printers.find((p) => p.name === 'prusalink-1')).toMatchObject({ port: 8080 });
    // The camera ports used to run into the upload ports at ~820 Kobras (18088 + i vs 18910 + i).
    const flv = plan.printers.flatMap((p) => (p.vendor === 'anycubic' ? [p.flvPort] : []));
    expect(flv).not.toContain(18910);
  });

  it('says so when a fleet needs more ports than a host has', () => {
    expect(() => planFleet({ counts: { moonraker: 60_000 }, seed: 1 })).toThrow(/use --loopback/);
    expect(() => planFleet({ counts: { moonraker: 60_000 }, seed: 1, portBase: 20_000 })).toThrow(
      /ports past 65535/,
    );
  });

  it('--loopback puts every printer on its own address with the real ports', () => {
    const plan = planFleet({ counts: farm, seed: 1, loopback: true });
    const byName = new Map(plan.printers.map((p) => [p.name, p]));
    expect(byName.get('klipper-1')).toMatchObject({ host: '127.1.0.1', port: 7125 });
    expect(byName.get('klipper-254')).toMatchObject({ host: '127.1.0.254', port: 7125 });
    expect(byName.get('klipper-255')).toMatchObject({ host: '127.1.1.1', port: 7125 });
    expect(byName.get('kobra-1000')).toMatchObject({
      host: '127.2.3.238',
      mqttPort: 2883,
      httpPort: 18910,
      tlsPort: 9883,
      flvPort: 18088,
    });
    expect(byName.get('prusalink-2')).toMatchObject({ host: '127.3.0.2', port: 8080 });
    expect(plan.controlPort).toBe(7070);
    expect(plan.prusaConnectPort).toBe(8484);
    const used = endpoints(plan);
    expect(new Set(used).size).toBe(used.length);
  });

  it('refuses a loopback fleet larger than a vendor block', () => {
    expect(() => planFleet({ counts: { moonraker: 65_025 }, seed: 1, loopback: true })).toThrow(
      /at most 65024, with --loopback/,
    );
    expect(() => loopbackAddress('moonraker', 65_025)).toThrow(/at most 65024 moonraker/);
  });

  it.each([
    ['real ports', {}],
    ['--port-base', { portBase: 20_000 }],
    ['--loopback', { loopback: true }],
  ])('--shard: the slices of one plan (%s) cover it exactly once and share no endpoint', (_, layout) => {
    const counts = { anycubic: 50, moonraker: 60, 'prusa-connect': 7, prusalink: 40 };
    const whole = planFleet({ counts, seed: 3, ...layout });
    const slices = [1, 2, 3, 4].map((index) =>
      planFleet({ counts, seed: 3, ...layout, shard: { index, count: 4 } }),
    );
    const names = slices.flatMap((slice) => slice.printers.map((p) => p.name));
    expect(names.toSorted()).toEqual(whole.printers.map((p) => p.name).toSorted());
    // Same plan in every process: a printer has the same ids and seed whichever shard runs it (its
    // ports too, except under --port-base, where each shard's control API and Connect come first).
    const identity = (p: PlannedPrinter) =>
      `${p.name} ${p.seed} ${'deviceId' in p ? p.deviceId : ''} ${'uuid' in p ? p.uuid : ''}`;
    const wholeByName = new Map(whole.printers.map((p) => [p.name, p]));
    for (const slice of slices) {
      expect(slice.total).toBe(whole.printers.length);
      for (const printer of slice.printers) {
        const same = wholeByName.get(printer.name)!;
        expect(identity(printer)).toBe(identity(same));
        if (!('portBase' in layout)) expect(printer).toEqual(same);
      }
    }
    const used = slices.flatMap(endpoints);
    expect(new Set(used).size).toBe(used.length);
    // Every vendor in every slice (round-robin), so the shards carry a like load.
    for (const slice of slices) expect(new Set(slice.printers.map((p) => p.vendor)).size).toBe(4);
  });
});

describe('parseShard', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', ''])('refuses %j', (text) => {
    expect(() => parseShard(text)).toThrow(/--shard: expected <i>\/<n>/);
  });
});

describe('planFleet refuses what no host can serve', () => {
  it('past 65,024 printers of a vendor, before planning them', () => {
    expect(() => planFleet({ counts: { prusalink: 9_999_999 }, seed: 1, portBase: 0 })).toThrow(
      /9999999 prusalink printers are more than one host can serve/,
    );
  });
});
