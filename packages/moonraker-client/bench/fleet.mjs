// (3) One process holding `size` live printers: `createMoonrakerPrinter` adapters (connected,
// identified, subscribed to the default objects, status mapped) vs raw ws sockets doing the same
// start-up exchange by hand and keeping the merged status (raw-client.mjs). Heap per printer after
// a full GC, and this process's CPU while the printers sit idle (the mocks keep pushing
// notify_status_update and notify_proc_stat_update, as an idle Moonraker does).
import { createMoonrakerPrinter, DEFAULT_SUBSCRIPTION, VERSION } from './dist.mjs';
import { median } from './measure.mjs';
import { openRawRpc } from './raw-client.mjs';

async function settleHeap() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

/** Runs `open(i)` for i < size, `batch` at a time. */
async function openAll(size, batch, open) {
  const opened = [];
  for (let i = 0; i < size; i += batch) {
    const slice = Array.from({ length: Math.min(batch, size - i) }, (_, j) => open(i + j));
    opened.push(...(await Promise.all(slice)));
  }
  return opened;
}

/** The raw side: the client's start-up calls (identify, list, subscribe) and a merged status kept by hand. */
async function openRawPrinter(wsUrl, counter) {
  const status = {};
  const raw = await openRawRpc(wsUrl, {
    onNotification(method, params) {
      counter.frames++;
      if (method !== 'notify_status_update') return;
      const diff = params[0];
      for (const name of Object.keys(diff)) status[name] = Object.assign(status[name] ?? {}, diff[name]);
    },
  });
  await raw.call('server.connection.identify', {
    client_name: 'printkit',
    version: VERSION,
    type: 'other',
    url: 'https://github.com/printkit/printkit',
  });
  await raw.call('server.info');
  const { objects } = await raw.call('printer.objects.list');
  const loaded = new Set(objects);
  const wanted = Object.fromEntries(
    DEFAULT_SUBSCRIPTION.filter((name) => loaded.has(name)).map((name) => [name, null]),
  );
  const answer = await raw.call('printer.objects.subscribe', { objects: wanted });
  Object.assign(status, answer.status);
  return { status, close: () => raw.close() };
}

async function openAdapter(url, counter) {
  const printer = createMoonrakerPrinter({ url });
  printer.client.on('notification', () => counter.frames++);
  await printer.connect();
  return printer;
}

async function measureSide(side, { urls, wsUrls, size, idleSeconds }) {
  const before = await settleHeap();
  const counter = { frames: 0 };
  const started = performance.now();
  const printers = await openAll(size, 50, (i) =>
    side === 'baseline'
      ? openRawPrinter(wsUrls[i % wsUrls.length], counter)
      : openAdapter(urls[i % urls.length], counter),
  );
  const connectSeconds = (performance.now() - started) / 1000;
  const held = await settleHeap();
  counter.frames = 0;
  const cpuBefore = process.cpuUsage();
  const idleStart = performance.now();
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  const cpu = process.cpuUsage(cpuBefore);
  const wall = (performance.now() - idleStart) / 1000;
  const frames = counter.frames;
  const connected =
    side === 'baseline'
      ? printers.length
      : printers.filter((printer) => printer.connectionState === 'connected').length;
  const heapAfterIdle = await settleHeap();
  await Promise.all(printers.map((printer) => printer.close()));
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    printers: printers.length,
    connected,
    connectSeconds: Number(connectSeconds.toFixed(1)),
    heapBytesPerPrinter: Math.round((held - before) / size),
    heapBytesPerPrinterAfterIdle: Math.round((heapAfterIdle - before) / size),
    idleCpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1)),
    idleCpuMicrosPerFrame: Number(((cpu.user + cpu.system) / Math.max(1, frames)).toFixed(1)),
    framesPerSecondReceived: Math.round(frames / wall),
  };
}

/** Printers of each side opened, idled and closed before the rounds (see `fleet`). */
const WARM_UP = 100;

export async function fleet(options) {
  // Code compiled on first use (JIT code, feedback vectors, lazily compiled functions) is a fixed cost
  // of the process, not of a printer: a warm-up pays it before the rounds, so that neither side's
  // first round counts it as heap per printer.
  for (const side of ['baseline', 'subject']) {
    await measureSide(side, { ...options, size: Math.min(WARM_UP, options.size), idleSeconds: 1 });
  }
  const rounds = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
    const got = {};
    for (const side of order) got[side] = await measureSide(side, options);
    rounds.push(got);
  }
  const pick = (side, key) => median(rounds.map((r) => r[side][key]));
  const ratio = (key) => Number(median(rounds.map((r) => r.subject[key] / r.baseline[key])).toFixed(2));
  return {
    printers: options.size,
    warmUp: `${Math.min(WARM_UP, options.size)} printers of each side opened, idled 1 s and closed before the rounds`,
    mocks: options.urls.length,
    idleSeconds: options.idleSeconds,
    adapters: {
      heapBytesPerPrinter: pick('subject', 'heapBytesPerPrinter'),
      idleCpuPercentOfOneCore: pick('subject', 'idleCpuPercentOfOneCore'),
      idleCpuMicrosPerFrame: pick('subject', 'idleCpuMicrosPerFrame'),
    },
    rawWsBaseline: {
      heapBytesPerPrinter: pick('baseline', 'heapBytesPerPrinter'),
      idleCpuPercentOfOneCore: pick('baseline', 'idleCpuPercentOfOneCore'),
      idleCpuMicrosPerFrame: pick('baseline', 'idleCpuMicrosPerFrame'),
    },
    heapRatioAdapterVsRaw: ratio('heapBytesPerPrinter'),
    idleCpuRatioAdapterVsRaw: ratio('idleCpuMicrosPerFrame'),
    rounds,
  };
}
