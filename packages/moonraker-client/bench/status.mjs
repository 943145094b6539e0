// (2) notify_status_update frames decoded and merged per second (the client's whole path from the
// socket's text: JSON.parse, JSON-RPC dispatch, diff check, merge into the status, events) vs
// `JSON.parse` alone on the same frames, same core, interleaved rounds. Two ways to follow the status:
// - `listener: 'diff'`: a `notify_status_update` listener, and `client.status` read once every 1,024
//   frames, as an app that renders at its own rate does (the store copies on read, so this is what
//   such an app pays);
// - `listener: 'status'`: a `status` listener, which is handed a new immutable state for every frame.
import { createMoonrakerClient } from './dist.mjs';
import { cpuSecondsSince, interleaved } from './measure.mjs';

const OBJECTS = [
  'extruder',
  'heater_bed',
  'toolhead',
  'gcode_move',
  'virtual_sdcard',
  'print_stats',
  'idle_timeout',
];

/** `count` notify_status_update frames, the diff of frame i made by `diffOf(i, eventtime)`. */
function frames(count, diffOf) {
  return Array.from({ length: count }, (_, i) => {
    const eventtime = 414 + i * 0.25;
    return JSON.stringify({
      jsonrpc: '2.0',
      method: 'notify_status_update',
      params: [diffOf(i, eventtime), eventtime],
    });
  });
}

/** Diffs while heating: two temperatures and powers, now and then the idle timer. */
export const heatingFrames = (count) =>
  frames(count, (i, t) => ({
    extruder: { temperature: 150.5 + (i % 97) * 0.1, power: 0.8 + (i % 5) * 0.01 },
    heater_bed: { temperature: 45.2 + (i % 31) * 0.05 },
    ...(i % 4 === 0 ? { idle_timeout: { printing_time: t } } : {}),
  }));

/** Diffs while printing: temperatures, position, progress, durations (only changed fields). */
export const printingFrames = (count) =>
  frames(count, (i, t) => ({
    extruder: { temperature: 209.5 + (i % 7) * 0.1, power: 0.42 + (i % 5) * 0.01 },
    heater_bed: { temperature: 59.9 + (i % 3) * 0.05 },
    toolhead: {
      position: [100 + (i % 50), 80 + (i % 30), 0.2 + i * 0.001, 1234 + i],
      print_time: t,
      estimated_print_time: t - 0.5,
    },
    gcode_move: { gcode_position: [100 + (i % 50), 80 + (i % 30), 0.2 + i * 0.001, 1234 + i] },
    virtual_sdcard: { progress: (i % 1000) / 1000, file_position: i * 120 },
    print_stats: { print_duration: t - 20, total_duration: t, filament_used: i * 0.8 },
    ...(i % 4 === 0 ? { idle_timeout: { printing_time: t } } : {}),
  }));

/**
 * A scripted socket: answers the start-up calls (the subscribe answer holds every object, so diffs
 * merge into subscribed objects as they do against Moonraker) and lets the bench push frames
 * straight into the client's message handler.
 */
function frameSink() {
  let socket;
  class BenchSocket {
    readyState = 0;
    onopen = null;
    onmessage = null;
    onclose = null;
    onerror = null;
    constructor() {
      socket = this;
      queueMicrotask(() => {
        this.readyState = 1;
        this.onopen?.({});
      });
    }
    send(text) {
      const { id, method } = JSON.parse(text);
      const result =
        method === 'server.connection.identify'
          ? { connection_id: 1 }
          : method === 'server.info'
            ? { klippy_connected: true, klippy_state: 'ready' }
            : method === 'printer.objects.list'
              ? { objects: OBJECTS }
              : { eventtime: 1, status: Object.fromEntries(OBJECTS.map((name) => [name, {}])) };
      queueMicrotask(() => this.onmessage?.({ data: JSON.stringify({ jsonrpc: '2.0', result, id }) }));
    }
    close() {}
  }
  return { WebSocket: BenchSocket, push: (data) => socket.onmessage({ data }) };
}

export async function statusThroughput(list, { seconds, rounds, listener }) {
  const sink = frameSink();
  const client = createMoonrakerClient({
    url: 'http://bench.invalid',
    WebSocket: sink.WebSocket,
    livenessTimeoutMs: 0,
  });
  await client.connect();
  let events = 0;
  let errors = 0;
  let reads = 0;
  if (listener === 'status') client.on('status', () => events++);
  else client.on('notify_status_update', () => events++);
  client.on('error', () => errors++);
  for (let i = 0; i < 50_000; i++) sink.push(list[i & 1023]);
  let checksum = 0;
  let lastPushed = 0;
  const sides = {
    subject:
      listener === 'status'
        ? (i) => {
            lastPushed = i & 1023;
            sink.push(list[lastPushed]);
          }
        : (i) => {
            lastPushed = i & 1023;
            sink.push(list[lastPushed]);
            if ((i & 1023) === 1023 && client.status.extruder !== undefined) reads++;
          },
    baseline: (i) => {
      checksum += JSON.parse(list[i & 1023]).params.length;
    },
  };
  const figures = await interleaved(rounds, async (side) => {
    const run = sides[side];
    const start = performance.now();
    const cpu = process.cpuUsage();
    const deadline = start + seconds * 1000;
    let count = 0;
    while (performance.now() < deadline) {
      for (let i = 0; i < 1000; i++) run(count + i);
      count += 1000;
    }
    // Per CPU second as well: one thread, so being descheduled by other work costs wall time only.
    return {
      perSecond: count / ((performance.now() - start) / 1000),
      perCpuSecond: count / cpuSecondsSince(cpu),
    };
  });
  const merged = Object.keys(client.status).filter(
    (name) => Object.keys(client.status[name] ?? {}).length > 0,
  );
  // The merge is real: the state holds the last frame's values (every frame changes the extruder).
  const last = JSON.parse(list[lastPushed]).params[0];
  const mergedRight = client.status.extruder?.temperature === last.extruder.temperature;
  await client.close();
  return {
    framesPerSecond: figures.perSecond.client,
    jsonParseOnlyPerSecond: figures.perSecond.baseline,
    ratioVsJsonParseOnly: figures.perSecond.ratio,
    ratioRange: figures.perSecond.ratioRange,
    framesPerCpuSecond: figures.perCpuSecond.client,
    jsonParseOnlyPerCpuSecond: figures.perCpuSecond.baseline,
    ratioPerCpuSecond: figures.perCpuSecond.ratio,
    ratioPerCpuSecondRange: figures.perCpuSecond.ratioRange,
    averageFrameBytes: Math.round(list.reduce((sum, frame) => sum + frame.length, 0) / list.length),
    listener:
      listener === 'status'
        ? '`status` listener (a new immutable state per frame)'
        : '`notify_status_update` listener, `client.status` read every 1,024 frames',
    eventsDelivered: events,
    statusReads: listener === 'status' ? events : reads,
    lastFrameMerged: mergedRight,
    errorEvents: errors,
    objectsWithMergedFields: merged.length,
    checksum: checksum > 0,
  };
}
