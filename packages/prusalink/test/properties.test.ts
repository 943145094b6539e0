/** Property tests (fast-check): decoders and status mapping never crash and never emit a malformed status. */
import { PRINTER_STATES, ProtocolError } from '@printkit/core-types';
import { statusProblems } from '@printkit/core-types/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapStatus } from '../src/adapter/status.js';
import { detectDialect } from '../src/client/state.js';
import { decodeJob, decodeLegacyJob, decodeLegacyPrinter, decodeStatus } from '../src/protocol/decode.js';
import { PRINTER_STATE_NAMES } from '../src/protocol/wire.js';
import { parseDigestChallenge } from '../src/transport/digest.js';

/** Numbers as a printer might send them: normal, huge, negative, fractional. */
const wireNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000, max: 1_000 }),
  fc.constant(null),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const stateName = fc.oneof(fc.constantFrom(...PRINTER_STATE_NAMES), fc.string(), fc.constant('constructor'));

const statusJson = fc.record(
  {
    printer: fc.record({
      state: stateName,
      temp_nozzle: maybe(wireNumber),
      target_nozzle: maybe(wireNumber),
      temp_bed: maybe(wireNumber),
      target_bed: maybe(wireNumber),
    }),
    job: maybe(
      fc.record({
        id: maybe(fc.integer()),
        progress: maybe(wireNumber),
        time_remaining: maybe(wireNumber),
        time_printing: maybe(wireNumber),
      }),
    ),
  },
  { requiredKeys: ['printer'] },
);

const jobJson = fc.record({
  id: fc.nat(),
  state: fc.oneof(fc.constantFrom('PRINTING', 'PAUSED', 'FINISHED', 'STOPPED', 'ERROR'), fc.string()),
  progress: fc.double({ noNaN: true, noDefaultInfinity: true }),
  time_remaining: maybe(wireNumber),
  time_printing: maybe(wireNumber),
  file: maybe(fc.record({ name: fc.string(), display_name: maybe(fc.string()), path: fc.string() })),
});

function decodesOrProtocolError(decode: (json: unknown, op: string) => unknown, json: unknown): void {
  try {
    decode(json, 'GET /test');
  } catch (error) {
    expect(ProtocolError.isInstance(error), String(error)).toBe(true);
  }
}

describe('properties', () => {
  it('every decoder returns a value or throws a ProtocolError for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        for (const decode of [decodeStatus, decodeJob, decodeLegacyPrinter, decodeLegacyJob])
          decodesOrProtocolError(decode, json);
      }),
      { numRuns: 300 },
    );
  });

  it('maps any v1 status + job to a well-formed PrinterStatus; unknown states keep their raw value', () => {
    fc.assert(
      fc.property(statusJson, maybe(jobJson), fc.nat(), (statusWire, jobWire, receivedAt) => {
        const status = decodeStatus(statusWire, 'GET /api/v1/status');
        const job = jobWire === undefined ? undefined : decodeJob(jobWire, 'GET /api/v1/job');
        const { status: mapped } = mapStatus(
          { dialect: 'v1', status, job, receivedAt },
          { legacyProgressScale: 'fraction' },
        );
        expect(statusProblems(mapped)).toEqual([]);
        expect(PRINTER_STATES).toContain(mapped.state);
        const known = (PRINTER_STATE_NAMES as readonly string[]).includes(statusWire.printer.state);
        if (!known) {
          expect(mapped.state).toBe('unknown');
          expect(mapped.rawState).toBe(statusWire.printer.state);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('maps any legacy printer + job to a well-formed PrinterStatus under either progress scale', () => {
    const legacy = fc.record({
      printer: fc.record({
        state: fc.record({
          text: fc.oneof(fc.constantFrom('Operational', 'Printing', 'Paused', 'Error'), fc.string()),
        }),
        temperature: maybe(
          fc.record({ tool0: maybe(fc.record({ actual: maybe(wireNumber), target: maybe(wireNumber) })) }),
        ),
      }),
      job: fc.record({
        state: fc.string(),
        job: maybe(
          fc.record({ file: maybe(fc.record({ name: maybe(fc.string()), display: maybe(fc.string()) })) }),
        ),
        progress: maybe(
          fc.record({
            completion: maybe(wireNumber),
            printTime: maybe(wireNumber),
            printTimeLeft: maybe(wireNumber),
          }),
        ),
      }),
    });
    fc.assert(
      fc.property(legacy, fc.constantFrom('fraction' as const, 'percent' as const), (wire, scale) => {
        const printer = decodeLegacyPrinter(wire.printer, 'GET /api/printer');
        const job = decodeLegacyJob(wire.job, 'GET /api/job');
        const { status } = mapStatus(
          { dialect: 'legacy', printer, job, receivedAt: 1 },
          { legacyProgressScale: scale },
        );
        expect(statusProblems(status)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('parses any WWW-Authenticate value without throwing, and round-trips well-formed challenges', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        parseDigestChallenge(header);
      }),
      { numRuns: 500 },
    );
    const token = fc.stringMatching(/^[A-Za-z0-9 ._:-]{1,20}$/);
    fc.assert(
      fc.property(token, fc.stringMatching(/^[0-9a-f]{16}$/), fc.boolean(), (realm, nonce, stale) => {
        const parsed = parseDigestChallenge(`Digest realm="${realm}", nonce="${nonce}", stale=${stale}`);
        expect(parsed).toMatchObject({ realm, nonce, stale, qop: undefined, algorithm: 'MD5' });
      }),
    );
  });

  it('detects legacy only for 0.x or "-legacy" API versions', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), fc.nat(20), (major, minor, patch) => {
        const expected = major === 0 ? 'legacy' : 'v1';
        expect(detectDialect({ api: `${major}.${minor}.${patch}` })).toBe(expected);
        expect(detectDialect({ api: `${major}.${minor}.${patch}-legacy` })).toBe('legacy');
      }),
    );
  });
});
