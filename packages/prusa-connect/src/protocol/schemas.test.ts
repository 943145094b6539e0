/** The real captures parse into the typed models without losing anything. */
import { describe, expect, it } from 'vitest';
import { CAPTURE_CASES, capture } from '../../test/helpers.js';
import { toPrinterStatus } from '../adapter/status.js';
import { createCommandValidator } from './command-validation.js';
import { leniencyOf } from './lenient.js';
import { SupportedCommandsSchema } from './schemas-commands.js';
import { JobListSchema } from './schemas-jobs.js';
import { PrinterSchema } from './schemas-printer.js';

describe('real captures', () => {
  for (const [file, schema] of CAPTURE_CASES) {
    it(`${file} parses, and re-serialises to exactly what arrived`, () => {
      const raw = capture(file);
      const parsed = schema.parse(raw);
      expect(parsed).toStrictEqual(raw);
      expect(JSON.parse(JSON.stringify(parsed))).toStrictEqual(raw);
    });
  }

  it('keeps the typed fields typed', () => {
    const detail = PrinterSchema.parse(capture('printer_detail.json'));
    expect(detail.connect_state).toBe('IDLE');
    expect(detail.temp?.temp_nozzle).toBe(28);
    expect(detail.tools?.['1']?.material).toBe('PLA');
    const jobs = JobListSchema.parse(capture('jobs.json'));
    expect(jobs.jobs[0]?.state).toBe('FIN_OK');
    expect(jobs.jobs[0]?.file?.meta).toMatchObject({ estimated_print_time: 1180 });
  });

  it("an unknown state becomes 'unknown' with the wire value in state_raw (policy 1); unknown fields stay", () => {
    const raw = { ...(capture('printer_detail.json') as object), state: 'LEVITATING', brand_new: { x: 1 } };
    const parsed = PrinterSchema.parse(raw);
    expect(parsed).toStrictEqual(raw); // the schema accepts it as sent
    const detail = leniencyOf.printer(parsed);
    expect(detail).toMatchObject({ state: 'unknown', state_raw: 'LEVITATING', brand_new: { x: 1 } });
    expect(detail.printer_state).toBe('IDLE');
    expect(detail).not.toHaveProperty('printer_state_raw');
    const { status } = toPrinterStatus(detail, 1);
    expect(status.state).toBe('unknown');
    expect(status.rawState).toBe('LEVITATING');
  });

  it('a reply whose values are all known is not copied by the lenient step', () => {
    const parsed = PrinterSchema.parse(capture('printer_detail.json'));
    expect(leniencyOf.printer(parsed)).toBe(parsed);
    const jobs = JobListSchema.parse(capture('jobs.json'));
    expect(leniencyOf.jobList(jobs)).toBe(jobs);
  });

  it('job, command and event enums get the same treatment, nested ones included', () => {
    const detail = leniencyOf.printer({ state: 'PRINTING', job_info: { id: 1, state: 'FIN_WEIRD' } });
    expect(detail.job_info).toEqual({ id: 1, state: 'unknown', state_raw: 'FIN_WEIRD' });
    const reply = leniencyOf.syncReply({
      command: { id: 1, state: 'QUEUED_SOMEWHERE' },
      event: { event: 'TELEPORTED', state: 'IDLE' },
    });
    expect(reply.command).toMatchObject({ state: 'unknown', state_raw: 'QUEUED_SOMEWHERE' });
    expect(reply.event).toMatchObject({ event: 'unknown', event_raw: 'TELEPORTED', state: 'IDLE' });
  });

  it('maps the captured detail to a printkit status', () => {
    const { status, error } = toPrinterStatus(PrinterSchema.parse(capture('printer_detail.json')), 1);
    expect(error).toBeUndefined();
    expect(status).toMatchObject({
      state: 'idle',
      rawState: 'IDLE',
      temperatures: {
        nozzle: { actual: 28, target: 0 },
        bed: { actual: 26.2, target: 0 },
        chamber: { actual: 26.2, target: 0 },
      },
    });
    expect(status.job).toBeUndefined();
  });

  it('builds a validator from the captured supported-commands (CANCEL_OBJECT listed twice)', () => {
    const validator = createCommandValidator(
      SupportedCommandsSchema.parse(capture('supported_commands.json')),
    );
    expect(validator.supports('CANCEL_OBJECT')).toBe(true);
    expect(() => validator.check('CANCEL_OBJECT', { object_id: 2 })).not.toThrow();
    expect(() => validator.check('SET_NOZZLE_TEMPERATURE', { nozzle_temperature: 291 })).toThrow(
      /above the maximum 290/,
    );
  });
});
