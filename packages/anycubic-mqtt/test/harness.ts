// Starts the aedes mock on loopback and a client connected to it; tests stop both in afterEach.
import { type MockAnycubic, type MockAnycubicOptions, startMockAnycubic } from '@printkit/mock-anycubic';
import mqtt, { type MqttClient } from 'mqtt';
import { createAnycubicPrinter } from '../src/adapter/printer.js';
import { type AnycubicClient, createAnycubicClient } from '../src/client/client.js';
import type { AnycubicClientOptions } from '../src/client/options.js';
import { KOBRA_3 } from '../src/protocol/models.js';

export interface Harness {
  mock: MockAnycubic;
  client: AnycubicClient;
  deviceId: string;
  stop(): Promise<void>;
}

export async function startHarness(
  mockOptions: MockAnycubicOptions = {},
  clientOptions: Partial<AnycubicClientOptions> = {},
): Promise<Harness> {
  const mock = await startMockAnycubic({ port: 0, httpPort: 0, ...mockOptions });
  const printer = mock.printer();
  const client = createAnycubicClient({
    host: '127.0.0.1',
    port: mock.port,
    username: mock.username,
    password: mock.password,
    deviceId: printer.deviceId,
    modelId: printer.modelId,
    pollIntervalMs: 0,
    timeoutMs: 5_000,
    ...clientOptions,
  });
  return {
    mock,
    client,
    deviceId: printer.deviceId,
    stop: async () => {
      await client.close();
      await mock.stop();
    },
  };
}

/** A bare mqtt.js client on the mock's broker, to watch or inject traffic. */
export async function rawClient(mock: MockAnycubic): Promise<MqttClient> {
  return mqtt.connectAsync(mock.url, {
    username: mock.username,
    password: mock.password,
    reconnectPeriod: 0,
    clientId: `spy_${Math.random().toString(16).slice(2)}`,
  });
}

export interface Captured {
  topic: string;
  message: { type: string; action: string; msgid: string; timestamp: number; data: unknown };
}

/** Records every command published to one printer on either command root. */
export async function commandSpy(mock: MockAnycubic, modelId: number, deviceId: string) {
  const spy = await rawClient(mock);
  const seen: Captured[] = [];
  spy.on('message', (topic, payload) => seen.push({ topic, message: JSON.parse(payload.toString()) }));
  await spy.subscribeAsync(`anycubic/anycubicCloud/v1/+/printer/${modelId}/${deviceId}/#`);
  return {
    seen,
    /** The last command published, with the topic relative to the printer's command base. */
    last() {
      const entry = seen.at(-1);
      if (!entry) throw new Error('no command captured');
      return entry;
    },
    close: () => spy.endAsync(),
  };
}

/** A mock with one printer of `modelId` and an adapter for it (not connected). */
export async function startPrinter(
  modelId = KOBRA_3,
  extra: Partial<Parameters<typeof createAnycubicPrinter>[0]> = {},
  mockOptions: MockAnycubicOptions = {},
) {
  const mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ modelId }], ...mockOptions });
  const sim = mock.printer();
  const printer = createAnycubicPrinter({
    host: '127.0.0.1',
    port: mock.port,
    username: mock.username,
    password: mock.password,
    deviceId: sim.deviceId,
    modelId,
    pollIntervalMs: 0,
    timeoutMs: 5_000,
    ...extra,
  });
  return { mock, printer };
}
