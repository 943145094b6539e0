/**
 * Telemetry and transfers against the loopback mock (the real undici path), their malformed replies,
 * and file entries whose modification time is spelled `m_time` or `m_timestamp`.
 */
import { ProtocolError } from '@printkit/core-types';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectRejectedError, createPrusaConnectClient, createPrusaConnectPrinter } from '../src/index.js';
import { fileModifiedAt } from '../src/protocol/index.js';
import { answeringTransport, CUBE, type Harness, rejectionOf, startHarness, TOKEN, UUID } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(mockOptions: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  h = await startHarness(mockOptions);
  return h;
}

const simSeconds = (t: Harness) => Math.floor(t.mock.printer().sim.clock.now() / 1000);

describe('printers.telemetry', () => {
  it('reads the recorded points, filtered by from and bucketed by granularity', async () => {
    const t = await harness();
    const from = simSeconds(t);
    await t.client.commands.startPrint(UUID, CUBE);
    await t.mock.advance(180_000);

    const points = await t.client.printers.telemetry(UUID, { from, granularity: 60 });
    expect(t.transport.sent.at(-1)).toBe(`GET /app/printers/${UUID}/telemetry?from=${from}&granularity=60`);
    expect(points).toMatchObject({ from, granularity: 60, to: from + 180 });
    const times = points.data?.map((p) => p.time);
    expect(times).toEqual([from, from + 60, from + 120, from + 180]);
    const last = points.data?.at(-1);
    expect(last?.state).toBe('PRINTING');
    expect(last?.target_nozzle).toBeGreaterThan(150);
    expect(last?.temp_nozzle).toBeGreaterThan(points.data?.[0]?.temp_nozzle ?? Infinity);

    const recent = await t.client.printers.telemetry(UUID, { from: from + 170 });
    expect(recent.data?.map((p) => p.time)).toEqual([from + 170, from + 180]);
  });

  it('a bad granularity is Connect 400 BAD_REQUEST, not retried', async () => {
    const t = await harness();
    const error = await rejectionOf(t.client.printers.telemetry(UUID, { granularity: 0 }));
    expect(error).toBeInstanceOf(ConnectRejectedError);
    expect(error).toMatchObject({ printerCode: 'BAD_REQUEST', status: 400 });
    expect(t.transport.sent).toHaveLength(1);
  });
});

describe('printers.transfers', () => {
  it('lists an upload sent on to the printer, with paging', async () => {
    const t = await harness();
    expect(await t.client.printers.transfers(UUID)).toEqual({
      transfers: [],
      pager: { limit: 20, offset: 0, total: 0 },
    });
    const bytes = new TextEncoder().encode('G28\nG1 X10\n');
    const { path } = await t.client.uploads.uploadFile({
      teamId: 1,
      printerUuid: UUID,
      destination: '/usb/',
      filename: 'sent.gcode',
      data: bytes,
    });
    const list = await t.client.printers.transfers(UUID, { limit: 1, offset: 0 });
    expect(t.transport.sent.at(-1)).toBe(`GET /app/printers/${UUID}/transfers?limit=1&offset=0`);
    expect(list.pager).toEqual({ limit: 1, offset: 0, total: 1 });
    expect(list.transfers?.[0]).toMatchObject({
      state: 'FINISHED',
      path,
      size: bytes.length,
      transferred: bytes.length,
      progress: 100,
      hash: expect.any(String),
    });
    const events = await t.client.events.list(UUID, { event: ['TRANSFER_FINISHED'] });
    expect(events.events[0]?.transfer_id).toBe(list.transfers?.[0]?.id);
  });
});

describe('malformed telemetry and transfer replies', () => {
  /** A client whose every request is answered 200 with `body`. */
  function answering(body: string) {
    return createPrusaConnectClient({ token: TOKEN, transport: answeringTransport(body) });
  }

  it.each([
    ['telemetry data that is not a list', () => answering('{"data":"soon"}').printers.telemetry(UUID)],
    [
      'a telemetry point of the wrong type',
      () => answering('{"data":[{"temp_nozzle":"hot"}]}').printers.telemetry(UUID),
    ],
    ['telemetry that is not JSON', () => answering('{"data":[').printers.telemetry(UUID)],
    ['transfers that are not a list', () => answering('{"transfers":{}}').printers.transfers(UUID)],
    [
      'a transfer without a numeric id',
      () => answering('{"transfers":[{"id":"x"}]}').printers.transfers(UUID),
    ],
  ])('%s is a ProtocolError', async (_what, call) => {
    const error = await rejectionOf(call());
    expect(ProtocolError.isInstance(error)).toBe(true);
  });

  it('keeps unknown telemetry and transfer fields as sent', async () => {
    const telemetry = await answering('{"data":[{"time":1,"humidity":40}],"extra":true}').printers.telemetry(
      UUID,
    );
    expect(telemetry).toEqual({ data: [{ time: 1, humidity: 40 }], extra: true });
    const transfers = await answering('{"transfers":[{"id":7,"eta":12}]}').printers.transfers(UUID);
    expect(transfers.transfers?.[0]).toEqual({ id: 7, eta: 12 });
  });
});

describe('file modification time: m_time or m_timestamp', () => {
  it('fileModifiedAt reads either spelling, m_time first', () => {
    expect(fileModifiedAt({ m_time: 10 })).toBe(10);
    expect(fileModifiedAt({ m_timestamp: 20 })).toBe(20);
    expect(fileModifiedAt({ m_time: 10, m_timestamp: 20 })).toBe(10);
    expect(fileModifiedAt({ m_time: null, m_timestamp: 20 })).toBe(20);
    expect(fileModifiedAt({})).toBeUndefined();
  });

  for (const fileTimeField of ['m_time', 'm_timestamp'] as const) {
    it(`the client and the adapter read file times the mock spells ${fileTimeField}`, async () => {
      const t = await harness({ fileTimeField });
      const listed = await t.client.files.list(UUID);
      const entry = listed.files[0];
      expect(entry?.[fileTimeField]).toEqual(expect.any(Number));
      const printer = createPrusaConnectPrinter({
        baseUrl: t.mock.url,
        token: TOKEN,
        printerUuid: UUID,
        background: false,
      });
      try {
        await printer.connect();
        const files = await printer.listFiles();
        const seconds = entry ? fileModifiedAt(entry) : undefined;
        expect(files.find((f) => f.path === entry?.path)?.modifiedAt).toBe((seconds ?? Number.NaN) * 1000);
      } finally {
        await printer.close();
      }
    });
  }
});
