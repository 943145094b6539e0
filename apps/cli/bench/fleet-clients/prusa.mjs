// The polling vendors. Prusa Connect: every printer of the fleet behind one Connect mock (a cloud
// service), told apart by uuid; PrusaLink: every printer its own HTTP server with Digest auth.
// Baseline for both: the minimum raw transport doing the same job — undici Pools (the same undici the
// adapters load) polling the same endpoint at the adapter's default interval, JSON.parse, last
// answer kept. Answers are counted on undici's diagnostics channel, the same for both sides.
import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import { createPrusaConnectClient, createPrusaConnectPrinter } from '@printkit/prusa-connect';
import { createPrusaLinkPrinter } from '@printkit/prusalink';

const requireFromAdapter = createRequire(
  new URL('../../../../packages/prusa-connect/package.json', import.meta.url),
);
const { Client, Pool } = await import(requireFromAdapter.resolve('undici'));

/** The counter of the side being measured: every undici response's headers count one event. */
let activeCounter = { events: 0 };
diagnostics.subscribe('undici:request:headers', () => {
  activeCounter.events++;
});

/** The baseline's polling loop: `read()` now, then every `intervalMs(last)` until stopped. */
function pollEvery(intervalMs, read) {
  let timer;
  let stopped = false;
  const loop = (last) => {
    if (stopped) return;
    timer = setTimeout(() => {
      read().then(loop, () => loop(undefined));
    }, intervalMs(last));
  };
  return {
    start: loop,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

// --- Prusa Connect -------------------------------------------------------------------------------

// packages/prusa-connect/src/client/session.ts: 30 s idle / finished / offline, 5 s with a job or busy.
// The idle window of these rows is at least 30 s, so that every idle printer polls once in it.
const CONNECT_IDLE_MS = 30_000;
const CONNECT_ACTIVE_MS = 5_000;
const CONNECT_ACTIVE_STATES = new Set(['PRINTING', 'PAUSED', 'BUSY', 'MANIPULATING', 'ATTENTION']);

function connectEntries(fleet) {
  return fleet.printers.filter((p) => p.vendor === 'prusa-connect');
}

function connectBaseline(entries, counter) {
  const origin = new URL(entries[0].url).origin;
  // The client's own pool settings (packages/prusa-connect/src/transport/undici.ts): 16 connections, 30 s keep-alive.
  const pool = new Pool(origin, { connections: 16, keepAliveTimeout: 30_000 });
  activeCounter = counter;
  return {
    async open(i) {
      const entry = entries[i % entries.length];
      const headers = { authorization: `Bearer ${entry.token}`, accept: 'application/json' };
      const path = `/app/printers/${encodeURIComponent(entry.uuid)}`;
      const printer = { last: undefined, ok: false };
      const read = async () => {
        const { statusCode, body } = await pool.request({ path, method: 'GET', headers });
        const text = await body.text();
        printer.ok = statusCode === 200;
        if (printer.ok) printer.last = JSON.parse(text);
        return printer.last;
      };
      await read();
      if (!printer.ok) throw new Error(`GET ${path} answered not 200`);
      const poll = pollEvery(
        (last) => (CONNECT_ACTIVE_STATES.has(last?.state) ? CONNECT_ACTIVE_MS : CONNECT_IDLE_MS),
        read,
      );
      poll.start(printer.last);
      return { connected: () => printer.ok, close: async () => poll.stop() };
    },
    finish: () => pool.close(),
  };
}

async function openConnectPrinter(options, counter) {
  const printer = createPrusaConnectPrinter(options);
  printer.on('error', () => counter.errors++);
  await printer.connect();
  return { connected: () => printer.connectionState === 'connected', close: () => printer.close() };
}

/** Each adapter with its own client (its own undici pool), as a printkit.config.json entry makes it. */
export function prusaConnectRow(fleet) {
  const entries = connectEntries(fleet);
  return {
    name: 'prusa-connect',
    printers: entries.length,
    minIdleSeconds: CONNECT_IDLE_MS / 1000,
    adapter:
      'createPrusaConnectPrinter({ baseUrl, token, printerUuid }) per fleet entry: each its own client and connections; default adaptive poll (30 s idle)',
    baseline:
      'one undici Pool for the Connect origin (16 connections, 30 s keep-alive), GET /app/printers/{uuid} per printer on connect and then every 30 s (5 s while active), JSON.parse, last detail kept',
    start: async (side, counter) => {
      if (side === 'baseline') return connectBaseline(entries, counter);
      activeCounter = counter;
      return {
        open(i) {
          const entry = entries[i % entries.length];
          return openConnectPrinter(
            { baseUrl: entry.url, token: entry.token, printerUuid: entry.uuid },
            counter,
          );
        },
        finish: async () => {},
      };
    },
  };
}

/** The README's advice for fleets: one shared client (one pool) for every printer. */
export function prusaConnectSharedRow(fleet) {
  const entries = connectEntries(fleet);
  return {
    name: 'prusa-connect-shared',
    printers: entries.length,
    minIdleSeconds: CONNECT_IDLE_MS / 1000,
    adapter:
      'one createPrusaConnectClient({ baseUrl, token }) shared by every createPrusaConnectPrinter({ client, printerUuid }); default adaptive poll (30 s idle)',
    baseline:
      'one undici Pool for the Connect origin (16 connections, 30 s keep-alive), GET /app/printers/{uuid} per printer on connect and then every 30 s (5 s while active), JSON.parse, last detail kept',
    start: async (side, counter) => {
      if (side === 'baseline') return connectBaseline(entries, counter);
      activeCounter = counter;
      const client = createPrusaConnectClient({ baseUrl: entries[0].url, token: entries[0].token });
      return {
        open(i) {
          return openConnectPrinter({ client, printerUuid: entries[i % entries.length].uuid }, counter);
        },
        finish: () => client.close(),
      };
    },
  };
}

// --- PrusaLink -----------------------------------------------------------------------------------

// packages/prusalink/src/adapter/printer.ts: status every 2 s by default.
const LINK_POLL_MS = 2_000;
const md5 = (text) => createHash('md5').update(text).digest('hex');

/**
 * The firmware's Digest (RFC 2069 form, no qop: mocks/prusalink, lib/WUI/nhttp/req_parser.cpp): the
 * answer for one nonce and one URI never changes, so the header is made once per nonce.
 */
function digestHeader(challenge, { username, password }, method, uri) {
  const realm = /realm="([^"]*)"/.exec(challenge)?.[1];
  const nonce = /nonce="([^"]*)"/.exec(challenge)?.[1];
  if (realm === undefined || nonce === undefined) throw new Error(`no Digest challenge in ${challenge}`);
  const response = md5(`${md5(`${username}:${realm}:${password}`)}:${nonce}:${md5(`${method}:${uri}`)}`);
  return `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=MD5, response="${response}"`;
}

// The client's own pool settings (packages/prusalink/src/transport/undici.ts): 2 connections, 10 s keep-alive.
const linkPool = (origin) => new Pool(origin, { connections: 2, keepAliveTimeout: 10_000 });
// One connection, no pool: an undici Pool carries a 2,048-slot request queue (~16 KB) even when empty.
const linkClient = (origin) => new Client(origin, { keepAliveTimeout: 10_000 });

async function openLinkBaseline(entry, makeDispatcher) {
  const path = '/api/v1/status';
  const pool = makeDispatcher(new URL(entry.url).origin);
  const printer = { last: undefined, ok: false, authorization: undefined };
  const read = async (retried = false) => {
    const headers = { accept: 'application/json' };
    if (printer.authorization) headers.authorization = printer.authorization;
    const { statusCode, headers: answer, body } = await pool.request({ path, method: 'GET', headers });
    const text = await body.text();
    if (statusCode === 401 && !retried) {
      // First request, or the nonce went stale: take the new challenge and ask again.
      printer.authorization = digestHeader(String(answer['www-authenticate']), entry, 'GET', path);
      return read(true);
    }
    printer.ok = statusCode === 200;
    if (printer.ok) printer.last = JSON.parse(text);
    return printer.last;
  };
  await read();
  if (!printer.ok) {
    await pool.close();
    throw new Error(`GET ${path} answered not 200`);
  }
  const poll = pollEvery(
    () => LINK_POLL_MS,
    () => read(),
  );
  poll.start(printer.last);
  return {
    connected: () => printer.ok,
    async close() {
      poll.stop();
      await pool.close();
    },
  };
}

async function openLinkAdapter(entry, counter, dispatcher) {
  const printer = createPrusaLinkPrinter({
    url: entry.url,
    username: entry.username,
    password: entry.password,
    ...(dispatcher === undefined ? {} : { dispatcher }),
  });
  printer.on('error', () => counter.errors++);
  await printer.connect();
  return {
    connected: () => printer.connectionState === 'connected',
    async close() {
      await printer.close();
      // An injected dispatcher stays the caller's to close (package policy 2).
      await dispatcher?.close();
    },
  };
}

/** As the CLI makes them: each adapter with its client's own undici Pool. */
export function prusaLinkRow(fleet) {
  const entries = fleet.printers.filter((p) => p.vendor === 'prusalink');
  return {
    name: 'prusalink',
    printers: entries.length,
    adapter:
      'createPrusaLinkPrinter({ url, username, password }) per fleet entry (HTTP Digest), as the CLI makes them (the client makes its own undici Pool); default poll 2 s',
    baseline:
      'one undici Pool per printer origin (2 connections, 10 s keep-alive, as the client pool), Digest header made once per nonce with node:crypto MD5, GET /api/v1/status on connect and every 2 s, JSON.parse, last status kept',
    start: async (side, counter) => {
      activeCounter = counter;
      return {
        open(i) {
          const entry = entries[i % entries.length];
          return side === 'baseline' ? openLinkBaseline(entry, linkPool) : openLinkAdapter(entry, counter);
        },
        finish: async () => {},
      };
    },
  };
}

/** The same with the `dispatcher` option: one undici Client (one keep-alive connection) per printer. */
export function prusaLinkClientDispatcherRow(fleet) {
  const entries = fleet.printers.filter((p) => p.vendor === 'prusalink');
  return {
    name: 'prusalink-client-dispatcher',
    printers: entries.length,
    adapter:
      "createPrusaLinkPrinter({ url, username, password, dispatcher: new Client(origin) }): undici's Client (one connection) instead of the client's own Pool; default poll 2 s",
    baseline:
      'one undici Client per printer origin (10 s keep-alive), otherwise as the prusalink row: Digest header once per nonce, GET /api/v1/status every 2 s, JSON.parse, last status kept',
    start: async (side, counter) => {
      activeCounter = counter;
      return {
        open(i) {
          const entry = entries[i % entries.length];
          const origin = new URL(entry.url).origin;
          return side === 'baseline'
            ? openLinkBaseline(entry, linkClient)
            : openLinkAdapter(entry, counter, linkClient(origin));
        },
        finish: async () => {},
      };
    },
  };
}
