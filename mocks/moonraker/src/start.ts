/** `startMockMoonraker`: a fake Moonraker on a real loopback port, driven by a PrinterSim. */
import type { AddressInfo } from 'node:net';
import {
  type Clock,
  createManualClock,
  createRealtimeClock,
  type FaultPlan,
  type ManualClock,
  PrinterSim,
  type RealtimeClock,
} from '@printkit/printer-sim';
import { MoonrakerHost } from './host.js';
import type { KlippyState } from './klippy.js';
import { type MockMoonrakerOptions, resolveOptions } from './options.js';
import { createMoonrakerServer } from './server.js';

export interface MockMoonrakerKlippy {
  readonly state: KlippyState;
  /** Klippy goes away (notify_klippy_disconnected, subscriptions dropped) until `connect()`. */
  disconnect(): void;
  /** Klippy comes back: 'startup', then 'ready' after klippyStartupMs (notify_klippy_ready). */
  connect(): void;
  /** Like RESTART: disconnected at once, then startup → ready. */
  restart(): void;
}

export interface MockMoonraker {
  /** 'http://127.0.0.1:<port>' */
  readonly url: string;
  /** 'ws://127.0.0.1:<port>/websocket' */
  readonly wsUrl: string;
  readonly port: number;
  readonly sim: PrinterSim;
  /** = sim.faults; operations are JSON-RPC method names (also used for the HTTP route of that method). */
  readonly faults: FaultPlan;
  /** Manual clock only: advances sim time and resolves once the resulting frames reached the sockets. */
  advance(ms: number): Promise<void>;
  readonly klippy: MockMoonrakerKlippy;
  /** Terminates every websocket abruptly (a client must reconnect). */
  dropConnections(): void;
  /** Open websockets. */
  connectionCount(): number;
  stop(): Promise<void>;
}

function isManual(clock: Clock): clock is ManualClock {
  return (
    (clock as Partial<ManualClock>).kind === 'manual' &&
    typeof (clock as Partial<ManualClock>).advance === 'function'
  );
}

/** A sim running faster or slower than real time gets a real clock for what clients see as time. */
function defaultWallClock(clock: Clock): RealtimeClock | undefined {
  if (isManual(clock)) return undefined;
  const speed = (clock as Partial<RealtimeClock>).speed;
  return speed === undefined || speed === 1 ? undefined : createRealtimeClock({ speed: 1 });
}

export async function startMockMoonraker(options: MockMoonrakerOptions = {}): Promise<MockMoonraker> {
  const resolved = resolveOptions(options);
  const ownSim = options.sim === undefined;
  const sim =
    options.sim ??
    new PrinterSim({
      clock: createManualClock(),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      // Each output pin is a light of the simulated printer too, so switching it shows in the sim.
      ...(resolved.outputPins.length > 0
        ? {
            lights: {
              main: false,
              ...Object.fromEntries(resolved.outputPins.map((pin) => [pin.name, pin.initial > 0])),
            },
          }
        : {}),
    });
  const ownWallClock = options.wallClock === undefined ? defaultWallClock(sim.clock) : undefined;
  const wallClock = options.wallClock ?? ownWallClock ?? sim.clock;
  const host = new MoonrakerHost(sim, resolved, options.auth, wallClock);
  const server = createMoonrakerServer(host);
  const bindHost = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(options.port ?? 7125, bindHost, () => {
        server.http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    host.dispose();
    ownWallClock?.dispose();
    if (ownSim) sim.dispose();
    throw error;
  }
  const port = (server.http.address() as AddressInfo).port;
  host.port = port;
  const urlHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  let stopped = false;

  return {
    url: `http://${urlHost}:${port}`,
    wsUrl: `ws://${urlHost}:${port}/websocket`,
    port,
    sim,
    faults: sim.faults,
    advance: async (ms) => {
      if (!isManual(sim.clock))
        throw new Error('advance() needs a manual clock; this mock runs on a realtime clock');
      // Let frames already on their way (replies to earlier calls) go out first.
      await host.flush();
      sim.clock.advance(ms);
      await host.flush();
    },
    klippy: {
      get state() {
        return host.klippy.state;
      },
      disconnect: () => host.klippy.disconnect(),
      connect: () => host.klippy.connect(),
      restart: () => host.restart(),
    },
    dropConnections: () => server.dropConnections(),
    connectionCount: () => host.connections.size,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      host.dispose();
      ownWallClock?.dispose();
      if (ownSim) sim.dispose();
      await server.close();
    },
  };
}
