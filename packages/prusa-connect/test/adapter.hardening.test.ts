/**
 * Issue 10, defects 1 and 3, through the adapter: whatever Connect puts in a printer detail, the status
 * stays a PrinterStatus — prototype-named values never reach `Object.prototype`, and a value that cannot
 * be used is dropped with one `ProtocolError` event while the rest of the detail is kept.
 */
import { type PrinterStatus, type PrintkitError, ProtocolError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { createPrusaConnectPrinter, type HttpTransport } from '../src/index.js';
import { capture, UUID } from './helpers.js';

type Detail = Record<string, unknown>;

const base = () => structuredClone(capture('printer_detail.json')) as Detail;

/** A transport that answers the three calls of connect() and every poll with `detail()`. */
function printerTransport(detail: () => unknown): HttpTransport {
  const reply = (body: unknown) => {
    const bytes = new TextEncoder().encode(JSON.stringify(body));
    return {
      status: 200,
      header: (name: string) => (name === 'content-length' ? String(bytes.byteLength) : undefined),
      body: async function* () {
        yield bytes;
      },
      cancel: () => {},
    };
  };
  return {
    async send(request) {
      if (request.path.endsWith('/supported-commands')) return reply(capture('supported_commands.json'));
      if (request.path.endsWith('/cameras')) return reply({ cameras: [] });
      return reply(detail());
    },
    close: async () => {},
  };
}

/** Connects with the captured detail, then refreshes with `detail`: the status and the errors of that refresh. */
async function statusOf(detail: Detail): Promise<{ status: PrinterStatus; errors: PrintkitError[] }> {
  let current: Detail = base();
  const printer = createPrusaConnectPrinter({
    token: 't',
    printerUuid: UUID,
    background: false,
    transport: printerTransport(() => current),
  });
  const errors: PrintkitError[] = [];
  await printer.connect();
  printer.on('error', (error) => errors.push(error));
  current = detail;
  const status = await printer.refresh();
  await printer.close();
  return { status, errors };
}

describe('defect 1: prototype-named wire values', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    it(`state "${name}" maps to 'unknown', never to a Function`, async () => {
      for (const field of ['state', 'printer_state', 'connect_state']) {
        const detail = base();
        // `state` wins over `printer_state`, which wins over `connect_state`: leave only the one tested.
        for (const other of ['state', 'printer_state', 'connect_state']) delete detail[other];
        detail[field] = name;
        const { status } = await statusOf(detail);
        expect(status.state, field).toBe('unknown');
        expect(typeof status.state).toBe('string');
      }
    });
  }

  it('a detail whose tools / temp / chamber / job_info are prototype-named keys or arrays maps without crashing', async () => {
    const detail = base();
    detail.tools = JSON.parse('{"__proto__": {"temp": 999}, "constructor": {"temp": 1}}');
    const { status } = await statusOf(detail);
    expect(status.temperatures.nozzle?.actual).toBe(28);
  });
});

describe('defect 3: every value that reaches the status is checked', () => {
  it('last_online 1e308 (× 1000 = Infinity) is dropped with one ProtocolError; the rest is kept', async () => {
    const detail = base();
    detail.last_online = 1e308;
    const before = Date.now();
    const { status, errors } = await statusOf(detail);
    expect(Number.isFinite(status.updatedAt)).toBe(true);
    expect(status.updatedAt).toBeGreaterThanOrEqual(before);
    expect(status.temperatures.nozzle?.actual).toBe(28);
    const protocolErrors = errors.filter((error) => ProtocolError.isInstance(error));
    expect(protocolErrors).toHaveLength(1);
    expect(protocolErrors[0]?.message).toMatch(/last_online/);
  });

  it('negative times, progress out of range and unusable temperatures are dropped, each reported', async () => {
    const detail = base();
    detail.state = 'PRINTING';
    detail.temp = { temp_nozzle: 1e300, target_nozzle: 215, temp_bed: 60, target_bed: -5 };
    detail.job_info = { id: 3, display_name: 'cube', progress: 250, time_printing: -5, time_remaining: 30 };
    const { status, errors } = await statusOf(detail);
    expect(status.state).toBe('printing');
    expect(status.temperatures.nozzle).toBeUndefined();
    expect(status.temperatures.bed).toEqual({ actual: 60, target: 0 });
    expect(status.job).toMatchObject({ file: 'cube', remainingSeconds: 30 });
    expect(status.job?.elapsedSeconds).toBeUndefined();
    expect(status.job?.progress).toBeGreaterThanOrEqual(0);
    expect(status.job?.progress).toBeLessThanOrEqual(1);
    const messages = errors.filter((error) => ProtocolError.isInstance(error)).map((error) => error.message);
    expect(messages).toHaveLength(1);
    for (const field of [
      'temp.temp_nozzle',
      'temp.target_bed',
      'job_info.progress',
      'job_info.time_printing',
    ]) {
      expect(messages[0]).toContain(field);
    }
  });

  it('a field of the wrong type costs that field only: the rest of the detail still reaches the status', async () => {
    const detail = base();
    detail.temp = { temp_nozzle: 'hot', temp_bed: 61, target_bed: 60 };
    detail.state_reason = 42;
    const { status, errors } = await statusOf(detail);
    expect(status.state).toBe('idle');
    expect(status.temperatures.bed).toEqual({ actual: 61, target: 60 });
    expect(status.temperatures.nozzle).toBeUndefined();
    expect(errors.some((error) => ProtocolError.isInstance(error))).toBe(true);
  });
});
