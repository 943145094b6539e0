// Anycubic Kobras: `createAnycubicPrinter` adapters vs bare mqtt.js clients, each printer its own
// broker in the fleet child (as on real hardware). Two rows:
// - plain: the gkapi broker (mqtt://, port 2883 on a printer) with the seed's fixed credentials, the
//   `printers` entry of `printkit-mocks --json` as the CLI uses it;
// - lan: LAN mode as on stock firmware, `lanOptions()` (discovery, signed handshake) then MQTT over TLS
//   (9883 on a printer) pinned to the fleet's certificate fingerprint; the adapter then asks the LAN
//   query set every 15 s, and the baseline publishes the same queries at the same interval.
// The fleet's Kobras push info + tempature reports every 5 s (apps/mocks `anycubicPushInfo`, default on),
// so the adapter's info poll (only when no info arrived for 10 s) stays quiet in both rows.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createAnycubicPrinter, lanOptions } from '@printkit/anycubic-mqtt';

// The mqtt.js the adapter itself loads (packages/anycubic-mqtt's dependency), not a second copy.
const requireFromAdapter = createRequire(
  new URL('../../../../packages/anycubic-mqtt/package.json', import.meta.url),
);
const mqtt = await import(requireFromAdapter.resolve('mqtt'));
const connectMqtt = mqtt.connect ?? mqtt.default.connect;

const TOPIC_PREFIX = 'anycubic/anycubicCloud/v1';
// LAN_QUERY_SET of packages/anycubic-mqtt/src/protocol/table.ts as (type, action) pairs on the web
// root; info is left out of the periodic set because the printers push it (as the adapter does).
const LAN_PERIODIC_QUERIES = [
  ['tempature', 'query'],
  ['fan', 'query'],
  ['light', 'query'],
  ['multiColorBox', 'getInfo'],
  ['print', 'query'],
  ['aiSettings', 'query'],
  ['peripherie', 'query'],
  ['axis', 'query'],
  ['extfilbox', 'query'],
];
const LAN_POLL_MS = 15_000;

function publishQuery(client, { modelId, deviceId }, type, action) {
  const message = { type, action, timestamp: Date.now(), msgid: randomUUID(), data: null };
  client.publish(`${TOPIC_PREFIX}/web/printer/${modelId}/${deviceId}/${type}`, JSON.stringify(message), {
    qos: 0,
  });
}

/**
 * The baseline printer: one bare mqtt.js client subscribed to the printer's report topics (the same
 * filter the adapter subscribes to), every message JSON-parsed and the last one per topic kept; one
 * info query on connect, as the adapter's connect asks one.
 */
function openBareMqtt(broker, printer, counter, lanPoll) {
  return new Promise((resolve, reject) => {
    const last = new Map();
    const client = connectMqtt({
      ...broker,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: 0,
      connectTimeout: 30_000,
    });
    let timer;
    const handle = {
      last,
      connected: () => client.connected,
      close: () =>
        new Promise((done) => {
          clearInterval(timer);
          client.end(false, () => done());
        }),
    };
    client.on('message', (topic, payload) => {
      counter.events++;
      last.set(topic, JSON.parse(payload.toString()));
    });
    client.once('error', reject);
    client.once('connect', () => {
      const filter = `${TOPIC_PREFIX}/printer/public/${printer.modelId}/${printer.deviceId}/#`;
      client.subscribe(filter, { qos: 1 }, (error) => {
        if (error) return reject(error);
        publishQuery(client, printer, 'info', 'query');
        if (lanPoll) {
          for (const [type, action] of LAN_PERIODIC_QUERIES) publishQuery(client, printer, type, action);
          timer = setInterval(() => {
            for (const [type, action] of LAN_PERIODIC_QUERIES) publishQuery(client, printer, type, action);
          }, LAN_POLL_MS);
        }
        resolve(handle);
      });
    });
  });
}

async function openAdapter(options, counter) {
  const printer = createAnycubicPrinter(options);
  // Every message the printer sent: reports and the acks of the printer's response topic (the
  // baseline counts every message it receives).
  printer.client.on('report', () => counter.events++);
  printer.client.on('ack', () => counter.events++);
  printer.on('error', () => counter.errors++);
  await printer.connect();
  return {
    connected: () => printer.connectionState === 'connected',
    close: () => printer.close(),
  };
}

const hostOf = (url) => url.hostname.replace(/^\[|\]$/g, '');

/** The plain-MQTT row: fleet `printers` entries (mqtt://host:port, gkapi username/password). */
export function anycubicPlainRow(fleet) {
  const entries = fleet.printers.filter((p) => p.vendor === 'anycubic');
  return {
    name: 'anycubic',
    printers: entries.length,
    adapter:
      'createAnycubicPrinter({ host, port, username, password, deviceId, modelId }) from the fleet entry (plain MQTT, gkapi credentials), defaults otherwise',
    baseline:
      'bare mqtt.js client per printer (same mqtt.js, MQTT 3.1.1, keepalive 30 s), subscribed to the same <public root>/# filter at QoS 1, one info query on connect, every message JSON.parse-d, last one per topic kept',
    start: async (side, counter) => ({
      open(i) {
        const entry = entries[i % entries.length];
        const url = new URL(entry.url);
        if (side === 'adapter') {
          return openAdapter(
            {
              host: hostOf(url),
              port: Number(url.port),
              username: entry.username,
              password: entry.password,
              deviceId: entry.deviceId,
              modelId: entry.modelId,
            },
            counter,
          );
        }
        return openBareMqtt(
          {
            host: hostOf(url),
            port: Number(url.port),
            username: entry.username,
            password: entry.password,
          },
          entry,
          counter,
          false,
        );
      },
      finish: async () => {},
    }),
  };
}

/** The LAN-mode row: discovery + signed handshake on each Kobra's HTTP port, then MQTT over TLS. */
export function anycubicLanRow(fleet) {
  const mocks = fleet.mocks.filter((m) => m.vendor === 'anycubic');
  const lanInput = (mock) => {
    const http = new URL(mock.endpoints.http);
    return {
      host: hostOf(http),
      input: { port: Number(http.port), tls: { fingerprint256: mock.tlsFingerprint256 } },
    };
  };
  return {
    name: 'anycubic-lan',
    printers: mocks.length,
    adapter:
      'createAnycubicPrinter({ ...await lanOptions(host, { port, tls: { fingerprint256 } }) }): discovery, signed handshake, MQTT over TLS (pinned), LAN query set every 15 s',
    baseline:
      'lanOptions() for the broker login only (not kept), then a bare mqtt.js client over TLS (rejectUnauthorized false, TLS 1.2) per printer, the same subscription, the same LAN queries every 15 s, every message JSON.parse-d, last one per topic kept',
    start: async (side, counter) => ({
      async open(i) {
        const { host, input } = lanInput(mocks[i % mocks.length]);
        const lan = await lanOptions(host, input);
        if (side === 'adapter') return openAdapter(lan, counter);
        const login = await lan.credentials();
        return openBareMqtt(
          {
            protocol: 'mqtts',
            host: login.host,
            port: login.port,
            username: login.username,
            password: login.password,
            rejectUnauthorized: false,
            maxVersion: 'TLSv1.2',
          },
          { modelId: lan.modelId, deviceId: lan.deviceId },
          counter,
          true,
        );
      },
      finish: async () => {},
    }),
  };
}
