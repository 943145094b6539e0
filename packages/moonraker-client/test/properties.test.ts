// Property tests (fast-check): whatever a printer or network sends, the decoders answer with a value
// or a ProtocolError — never another exception — and the status mapping yields a PrinterStatus
// whose every value has the right type, is finite and in range. Three input families: arbitrary
// JSON, every field of the real payloads (protocol notes, marked [real]) mutated to every JSON
// type, and keys/names taken from Object.prototype. Runs are bounded (seeded, fixed counts) so the
// file takes a few seconds; the counts of inputs tried are printed at the end.
import { PRINTER_STATES, type PrinterStatus, PrintkitError, ProtocolError } from '@printkit/core-types';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toPrinterStatus } from '../src/adapter/status.js';
import { applyStatusUpdate, dispatchNotification, type NotificationSink } from '../src/client/session.js';
import { StatusStore } from '../src/client/state.js';
import { createMoonrakerClient } from '../src/index.js';
import {
  decodeNotification,
  decodeResult,
  METHOD_NAMES,
  parseKlipperObject,
} from '../src/protocol/decode.js';
import type { KlipperStatus, KnownKlipperObjects, StatusDiff } from '../src/protocol/wire.js';
import { createFakeServer } from '../src/transport/fake-websocket.test-helper.js';
import { JsonRpcPeer } from '../src/transport/jsonrpc.js';

const SEED = 20_261_204;
const RUNS = 300;

/** Inputs tried, per property (printed at the end; the report quotes them). */
const tried = new Map<string, number>();
function count(name: string): void {
  tried.set(name, (tried.get(name) ?? 0) + 1);
}
afterAll(() => {
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  console.log(`properties: ${total} inputs tried`, Object.fromEntries(tried));
});

const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

/** JSON values as JSON.parse makes them, plus what it can make that `fc.jsonValue` does not: ±Infinity (`1e999`). */
const wireValue = fc.oneof(
  { weight: 8, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308),
  },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
);
const wireKey = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  fc.constantFrom(...PROTOTYPE_NAMES),
);
const wireRecord = fc.dictionary(wireKey, wireValue, { maxKeys: 6 });

const TYPED_OBJECTS: (keyof KnownKlipperObjects)[] = [
  'webhooks',
  'print_stats',
  'virtual_sdcard',
  'extruder',
  'heater_bed',
  'toolhead',
  'gcode_move',
  'display_status',
  'idle_timeout',
  'fan',
];
const objectName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TYPED_OBJECTS) },
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.string({ maxLength: 10 }),
);
/** A status diff: object name → fields, with wire values of any type in known and unknown fields. */
const statusDiff: fc.Arbitrary<StatusDiff> = fc.dictionary(
  objectName,
  fc.oneof(
    wireRecord,
    fc.record(
      {
        state: fc.oneof(
          fc.constantFrom('ready', 'printing', 'standby', 'paused', 'complete', 'Idle'),
          wireValue,
        ),
        filename: fc.oneof(fc.constant('cube.gcode'), wireValue),
        temperature: fc.oneof(fc.double({ min: -300, max: 400 }), wireValue),
        target: fc.oneof(fc.double({ min: 0, max: 300, noNaN: true }), wireValue),
        progress: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), wireValue),
        total_duration: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), wireValue),
        print_duration: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), wireValue),
        message: fc.oneof(fc.string(), wireValue),
        state_message: fc.oneof(fc.string(), wireValue),
        info: fc.oneof(wireRecord, fc.record({ current_layer: wireValue, total_layer: wireValue })),
      },
      { requiredKeys: [] },
    ),
  ),
  { maxKeys: 5 },
) as fc.Arbitrary<StatusDiff>;

const KLIPPY = ['unknown', 'disconnected', 'startup', 'ready', 'error', 'shutdown'] as const;

/** What every PrinterStatus must satisfy, whatever arrived. */
function expectWellFormed(status: PrinterStatus): void {
  expect(PRINTER_STATES).toContain(status.state);
  if (status.message !== undefined) expect(typeof status.message).toBe('string');
  if (status.rawState !== undefined) expect(typeof status.rawState).toBe('string');
  for (const reading of Object.values(status.temperatures)) {
    expect(Number.isFinite(reading?.actual)).toBe(true);
    expect(Number.isFinite(reading?.target)).toBe(true);
    expect(reading?.target).toBeGreaterThanOrEqual(0);
  }
  expect(Object.keys(status.temperatures).every((name) => ['nozzle', 'bed', 'chamber'].includes(name))).toBe(
    true,
  );
  const { job } = status;
  if (job !== undefined) {
    expect(typeof job.file).toBe('string');
    expect(job.progress).toBeGreaterThanOrEqual(0);
    expect(job.progress).toBeLessThanOrEqual(1);
    for (const value of [job.elapsedSeconds, job.remainingSeconds, job.layer, job.totalLayers]) {
      if (value === undefined) continue;
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
    }
  }
  expect(Object.getPrototypeOf(status)).toBe(Object.prototype);
}

function expectPrototypesClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).state).toBeUndefined();
  expect(({} as Record<string, unknown>).temperature).toBeUndefined();
}

describe('decoders take arbitrary JSON', () => {
  it('every method result decodes to a value or throws a ProtocolError, nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...METHOD_NAMES, ...PROTOTYPE_NAMES), wireValue, (method, raw) => {
        count('decodeResult');
        try {
          decodeResult(method as (typeof METHOD_NAMES)[number], raw);
        } catch (error) {
          expect(ProtocolError.isInstance(error), String(error)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
  });

  it('every notification decodes to params or a ProtocolError', () => {
    const names = [
      'notify_status_update',
      'notify_gcode_response',
      'notify_proc_stat_update',
      'notify_history_changed',
      'notify_filelist_changed',
      'notify_job_queue_changed',
      'notify_klippy_ready',
    ];
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...names, ...PROTOTYPE_NAMES), fc.string()),
        wireValue,
        (method, params) => {
          count('decodeNotification');
          const decoded = decodeNotification(method, params);
          if (!decoded.ok) expect(ProtocolError.isInstance(decoded.error)).toBe(true);
          else expect(Array.isArray(decoded.value.list)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('the typed Klipper objects parse or say why, never throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPED_OBJECTS), wireValue, (name, value) => {
        count('parseKlipperObject');
        const parsed = parseKlipperObject(name, value);
        if (!parsed.success) expect(typeof parsed.error).toBe('string');
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('frames of any text reach the JSON-RPC peer without an exception; bad ones are ProtocolErrors', () => {
    const problems: unknown[] = [];
    const notifications: string[] = [];
    const peer = new JsonRpcPeer({
      send: () => {},
      defaultTimeoutMs: 0,
      onNotification: (method, params) => {
        notifications.push(method);
        dispatchNotification(recordingSink(), method, params);
      },
      onProtocolError: (error) => problems.push(error),
    });
    const frame = fc.oneof(
      fc.string(),
      wireValue.map((value) => JSON.stringify(value) ?? 'null'),
      fc
        .record({ method: fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string()), params: wireValue })
        .map((message) => JSON.stringify({ jsonrpc: '2.0', ...message })),
      fc
        .record({ id: wireValue, result: wireValue, error: wireValue }, { requiredKeys: ['id'] })
        .map((message) => JSON.stringify({ jsonrpc: '2.0', ...message })),
    );
    fc.assert(
      fc.property(frame, (text) => {
        count('JsonRpcPeer.handleFrame');
        expect(() => peer.handleFrame(text)).not.toThrow();
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
    expect(problems.every((problem) => ProtocolError.isInstance(problem))).toBe(true);
    expectPrototypesClean();
  });
});

function recordingSink(store = new StatusStore()): NotificationSink & { errors: unknown[] } {
  const errors: unknown[] = [];
  const sink: NotificationSink & { errors: unknown[] } = {
    errors,
    emit: (event, ...args) => {
      if (event === 'error') errors.push(args[0]);
    },
    // The session's status path; what it leaves out is reported as the session reports it.
    statusUpdate: (params, diff, eventtime) => {
      const leftOut = applyStatusUpdate(store, sink, params, diff, eventtime);
      if (leftOut !== undefined && leftOut.invalid.length > 0) errors.push(new ProtocolError('left out'));
    },
  };
  return sink;
}

describe('the status mapping takes any merged status', () => {
  it('arbitrary diffs, merged in order, always map to a well-formed PrinterStatus', () => {
    fc.assert(
      fc.property(fc.array(statusDiff, { maxLength: 4 }), fc.constantFrom(...KLIPPY), (diffs, klippy) => {
        count('toPrinterStatus(arbitrary)');
        const store = new StatusStore();
        for (const diff of diffs) store.apply(diff, 1);
        const { status, problem } = toPrinterStatus(store.state, klippy, 1_000);
        expectWellFormed(status);
        if (problem !== undefined) expect(ProtocolError.isInstance(problem)).toBe(true);
        expect(Object.getPrototypeOf(store.state)).toBe(Object.prototype);
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
    expectPrototypesClean();
  });

  it('prototype-named objects, fields and enum values never reach the prototype or the typed status', () => {
    const name = fc.constantFrom(...PROTOTYPE_NAMES);
    fc.assert(
      fc.property(name, name, name, wireValue, (object, field, enumValue, value) => {
        count('prototype names');
        const store = new StatusStore();
        const printing = { state: enumValue, filename: enumValue, [field]: value };
        store.apply(
          { [object]: { [field]: value }, print_stats: printing, webhooks: { state: enumValue } },
          1,
        );
        const { status } = toPrinterStatus(store.state, 'ready', 1);
        expectWellFormed(status);
        expect(typeof status.state).toBe('string');
        expect(Object.hasOwn(store.state, object)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expectPrototypesClean();
  });
});

/** Real payloads (protocol notes, "Real payloads [real]"), a printing variant, and real notifications. */
const REAL: KlipperStatus = {
  webhooks: { state: 'ready', state_message: 'Printer is ready' },
  print_stats: {
    filename: 'cube.gcode',
    total_duration: 120.5,
    print_duration: 100.25,
    filament_used: 12.5,
    state: 'printing',
    message: '',
    info: { total_layer: 50, current_layer: 3 },
  },
  virtual_sdcard: { file_path: null, progress: 0.25, is_active: true, file_position: 0, file_size: 0 },
  extruder: {
    temperature: 0.0,
    target: 0.0,
    power: 0.0,
    can_extrude: true,
    pressure_advance: 0.0,
    smooth_time: 0.04,
    motion_queue: null,
  },
  heater_bed: { temperature: 0.0, target: 0.0, power: 0.0 },
  toolhead: {
    homed_axes: '',
    axis_minimum: [0, -4, -2, 0],
    axis_maximum: [250, 210, 220, 0],
    print_time: 0.25,
    stalls: 0,
    estimated_print_time: 0.0,
    extruder: 'extruder',
    position: [0, 0, 0, 0],
    max_velocity: 300,
    max_accel: 1500,
    minimum_cruise_ratio: 0.5,
    square_corner_velocity: 5.0,
  },
  display_status: { message: '', progress: 0.0 },
  idle_timeout: { state: 'Printing', printing_time: 0.0, idle_timeout: 600.0 },
};

/** Every JSON type (and the numbers JSON.parse can make that hurt: huge, negative, 1e999 → Infinity). */
const EVERY_JSON_TYPE: unknown[] = [
  null,
  true,
  false,
  0,
  -5,
  1.5,
  1e308,
  -1e308,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  '__proto__',
  [],
  [1, 'a'],
  {},
  { a: 1 },
];

/** Paths to every field of the real payloads, nested ones included. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  const paths: string[][] = prefix.length > 0 ? [prefix] : [];
  for (const [key, inner] of Object.entries(value)) paths.push(...fieldPaths(inner, [...prefix, key]));
  return paths;
}

function withField(status: KlipperStatus, path: string[], replacement: unknown): KlipperStatus {
  const copy = structuredClone(status) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1) as string] = replacement;
  return copy as KlipperStatus;
}

describe('every field of the real payloads mutated to every JSON type', () => {
  const paths = fieldPaths(REAL).filter((path) => path.length >= 2);

  it('the status mapping keeps a well-formed status and reports what it drops', () => {
    const baseline = toPrinterStatus(REAL, 'ready', 1).status;
    expect(baseline).toMatchObject({
      state: 'printing',
      job: { file: 'cube.gcode', progress: 0.25, layer: 3 },
    });
    let broken = 0;
    for (const path of paths) {
      for (const replacement of EVERY_JSON_TYPE) {
        count('real payload mutations');
        // Through the client's own path: a diff into the store, then the mapping.
        const store = new StatusStore();
        store.apply(REAL as StatusDiff, 1);
        store.reset(withField(REAL, path, replacement) as StatusDiff, 2);
        const { status, problem } = toPrinterStatus(store.state, 'ready', 1);
        try {
          expectWellFormed(status);
        } catch (error) {
          broken += 1;
          throw new Error(`${path.join('.')} = ${JSON.stringify(replacement)}: ${String(error)}`);
        }
        // A mutation of one temperature never costs the other heater's reading.
        if (path[0] === 'extruder')
          expect(status.temperatures.bed, path.join('.')).toEqual({ actual: 0, target: 0 });
        if (path[0] === 'heater_bed')
          expect(status.temperatures.nozzle, path.join('.')).toEqual({ actual: 0, target: 0 });
        if (problem !== undefined) expect(problem.message).toContain(path.slice(0, 2).join('.'));
      }
    }
    expect(broken).toBe(0);
  });

  it('decoded through the notification path, each mutated diff is merged or refused with a ProtocolError', () => {
    for (const path of paths) {
      for (const replacement of EVERY_JSON_TYPE) {
        count('real payload mutations via notify_status_update');
        const store = new StatusStore();
        // Subscribed to the objects of the capture, as the subscribe answer would make them.
        store.reset(Object.fromEntries(Object.keys(REAL).map((name) => [name, {}])));
        const sink = recordingSink(store);
        const diff = withField(REAL, path, replacement);
        expect(() => dispatchNotification(sink, 'notify_status_update', [diff, 414.468])).not.toThrow();
        expect(sink.errors.every((error) => PrintkitError.isInstance(error))).toBe(true);
      }
    }
  });
});

describe('HTTP answers of any status and body', () => {
  it('every method over HTTP resolves or rejects with a typed error, whatever comes back', async () => {
    const answer = fc.record({
      status: fc.oneof(
        fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 422, 500, 503),
        fc.integer({ min: 200, max: 599 }),
      ),
      body: fc.oneof(
        fc.string(),
        wireValue.map((value) => JSON.stringify(value) ?? ''),
        wireValue.map((result) => JSON.stringify({ result }) ?? ''),
        fc.record({ code: wireValue, message: wireValue }).map((error) => JSON.stringify({ error }) ?? ''),
      ),
    });
    const params = fc.oneof(
      fc.constant(undefined),
      wireRecord,
      fc.record({ path: wireValue, filename: wireValue }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHOD_NAMES), params, answer, async (method, sent, reply) => {
        count('HTTP answers');
        const client = createMoonrakerClient({
          url: 'http://printer.test:7125',
          transport: 'http',
          fetch: async () =>
            new Response(reply.status === 204 ? null : reply.body, {
              status: reply.status,
              headers: { 'content-type': 'application/json' },
            }),
        });
        try {
          await (client.call as (method: string, params?: unknown) => Promise<unknown>)(method, sent);
        } catch (error) {
          expect(PrintkitError.isInstance(error), `${method} ${String(error)}`).toBe(true);
        } finally {
          await client.close();
        }
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});

describe('WebSocket answers of any shape', () => {
  it('every method over the socket resolves or rejects with a typed error; the connection stays up', async () => {
    const server = createFakeServer();
    const client = createMoonrakerClient({
      url: 'http://printer.test:7125',
      WebSocket: server.WebSocket,
      timeoutMs: 200,
      reconnect: false,
    });
    await client.connect();
    const answer = fc.oneof(
      wireValue.map((result) => ({ result })),
      fc.record({ error: fc.record({ code: wireValue, message: wireValue }, { requiredKeys: [] }) }),
      fc.constant({}),
    );
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...METHOD_NAMES), answer, async (method, reply) => {
          count('WebSocket answers');
          server.handler = (request, socket) => {
            queueMicrotask(() => socket.push({ jsonrpc: '2.0', id: request.id, ...reply }));
            return undefined;
          };
          try {
            await (client.call as (method: string, params?: unknown) => Promise<unknown>)(method, {});
          } catch (error) {
            expect(PrintkitError.isInstance(error), `${method} ${String(error)}`).toBe(true);
          }
          expect(client.connectionState).toBe('connected');
        }),
        { seed: SEED, numRuns: RUNS * 2 },
      );
    } finally {
      await client.close();
    }
  });
});
