/** Commands over the loopback mock: helpers, sync/queued, 409, REJECTED, local kwargs validation. */
import { UnsupportedError } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandValidationError, ConnectRejectedError } from '../src/index.js';
import { CUBE, type Harness, rejectionOf, startHarness, UUID } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const state = async () => (await h.client.printers.get(UUID)).printer_state;

describe('commands', () => {
  it('lists the supported commands (the CORE One capture)', async () => {
    const supported = await h.client.commands.supported(UUID);
    const names = supported.commands.map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(['START_PRINT', 'PAUSE_PRINT', 'MOVE', 'SET_SPEED']));
    const nozzle = supported.commands.find((c) => c.command === 'SET_NOZZLE_TEMPERATURE');
    expect(nozzle?.args?.[0]).toMatchObject({ name: 'nozzle_temperature', max_limit: 290 });
  });

  it('runs a print through the typed helpers: start, pause, resume, cancel an object, stop', async () => {
    const started = await h.client.commands.startPrint(UUID, CUBE);
    expect(started.command).toMatchObject({
      command: 'START_PRINT',
      state: 'CREATED',
      kwargs: { path: CUBE },
    });
    expect(started.event?.event).toBe('FINISHED');
    await h.mock.advance(120_000);
    expect(await state()).toBe('PRINTING');
    await h.client.commands.pausePrint(UUID);
    await h.mock.advance(2_000);
    expect(await state()).toBe('PAUSED');
    await h.client.commands.resumePrint(UUID);
    await h.mock.advance(2_000);
    expect(await state()).toBe('PRINTING');
    await h.client.commands.cancelObject(UUID, 1);
    await h.client.commands.setSpeed(UUID, 120);
    await h.client.commands.setFlow(UUID, 95);
    const detail = await h.client.printers.get(UUID);
    expect([detail.speed, detail.flow]).toEqual([120, 95]);
    const job = await h.client.jobs.get(UUID, detail.job_info?.id ?? -1);
    expect(job.cancelable?.objects?.find((o) => o.id === 1)?.canceled).toBe(true);
    await h.client.commands.stopPrint(UUID);
    await h.mock.advance(10_000);
    expect(await state()).toBe('STOPPED');
  });

  it('sets temperatures, homes and moves through the helpers', async () => {
    await h.client.commands.setNozzleTemperature(UUID, 215);
    await h.client.commands.setHeatbedTemperature(UUID, 60);
    const detail = await h.client.printers.get(UUID);
    expect(detail.temp).toMatchObject({ target_nozzle: 215, target_bed: 60 });
    await h.client.commands.home(UUID);
    const homed = await h.client.printers.get(UUID);
    await h.client.commands.move(UUID, { feedrate: 3000, x: 10, y: 5 });
    await h.mock.advance(1_000);
    const moved = await h.client.printers.get(UUID);
    expect([moved.axis_x, moved.axis_y]).toEqual([(homed.axis_x ?? 0) + 10, (homed.axis_y ?? 0) + 5]);
  });

  it('409 CONFLICT_COMMAND when the state does not allow the command', async () => {
    const error = await rejectionOf(h.client.commands.pausePrint(UUID));
    expect(error).toBeInstanceOf(ConnectRejectedError);
    expect(error).toMatchObject({ printerCode: 'CONFLICT_COMMAND', status: 409, isRetryable: false });
  });

  it('a command the printer REJECTED rejects with printerCode REJECTED; sync() returns it as is', async () => {
    const error = await rejectionOf(h.client.commands.startPrint(UUID, '/usb/missing.gcode'));
    expect(error).toMatchObject({ printerCode: 'REJECTED' });
    const reply = await h.client.commands.sync(UUID, 'START_PRINT', { path: '/usb/missing.gcode' });
    expect(reply.event?.event).toBe('REJECTED');
  });

  it("carries the printer's reason of a REJECTED command into the error (issue 13)", async () => {
    const error = await rejectionOf(h.client.commands.startPrint(UUID, '/usb/missing.gcode'));
    expect(ConnectRejectedError.isInstance(error)).toBe(true);
    const reason = (error as ConnectRejectedError).printerMessage;
    expect(reason).toEqual(expect.any(String));
    expect(reason).toMatch(/missing\.gcode/);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).toMatch(/rejected START_PRINT in state (IDLE|READY)/);
  });

  it('a command the printer FAILED while running it rejects with printerCode FAILED and its reason', async () => {
    h.mock
      .printer()
      .faults.add({ operation: 'COMMAND SET_SPEED', kind: 'error-reply', message: 'Speed motor stalled' });
    const error = await rejectionOf(h.client.commands.setSpeed(UUID, 120));
    expect(error).toMatchObject({ printerCode: 'FAILED', printerMessage: 'Speed motor stalled' });
    expect((error as Error).message).toMatch(/SET_SPEED.*Speed motor stalled/);
  });

  it('queues a command (POST commands) and the printer runs it afterwards', async () => {
    const reply = await h.client.commands.send(UUID, 'SET_PRINTER_READY', {});
    expect(reply).toMatchObject({ command: 'SET_PRINTER_READY', state: 'CREATED' });
    await h.mock.settle();
    expect(await state()).toBe('READY');
    const events = await h.client.events.list(UUID, { event: ['FINISHED'] });
    expect(events.events.some((e) => e.command === 'SET_PRINTER_READY')).toBe(true);
  });

  it('sends any command by name through the generic command()', async () => {
    const reply = await h.client.command(UUID, 'BEEP');
    expect(reply.command.command).toBe('BEEP');
    expect(h.transport.sent.at(-1)).toBe(`POST /app/printers/${UUID}/commands/sync`);
  });

  it('passes the sync timeout as a query parameter', async () => {
    await h.client.commands.setPrinterReady(UUID, { timeoutSeconds: 5 });
    expect(h.transport.sent.at(-1)).toBe(`POST /app/printers/${UUID}/commands/sync?timeout=5`);
  });
});

describe('local kwargs validation against supported-commands', () => {
  it('refuses bad kwargs before sending, with every problem listed', async () => {
    const client = h.clientWith({ validateCommands: true, transport: h.transport });
    await client.commands.validator(UUID);
    const before = [...h.transport.sent];
    const error = await rejectionOf(client.commands.setNozzleTemperature(UUID, 400));
    expect(error).toBeInstanceOf(CommandValidationError);
    expect((error as CommandValidationError).problems).toEqual([
      'nozzle_temperature: 400 is above the maximum 290',
    ]);
    const missing = await rejectionOf(client.command(UUID, 'SET_HEATBED_TEMPERATURE', {} as never));
    expect((missing as CommandValidationError).problems).toEqual(['bed_temperature: required']);
    const typed = await rejectionOf(client.command(UUID, 'SET_SPEED', { speed: 'fast' } as never));
    expect((typed as CommandValidationError).problems).toEqual(['speed: expected an integer']);
    const below = await rejectionOf(client.commands.setSpeed(UUID, 5));
    expect((below as CommandValidationError).problems).toEqual(['speed: 5 is below the minimum 10']);
    expect(h.transport.sent).toEqual(before);
  });

  it('refuses an unknown command name with UnsupportedError, without sending it', async () => {
    const client = h.clientWith({ validateCommands: true, transport: h.transport });
    const error = await rejectionOf(client.command(UUID, 'MAKE_COFFEE', {}));
    expect(UnsupportedError.isInstance(error)).toBe(true);
    expect((error as UnsupportedError).capability).toBe('MAKE_COFFEE');
    // Only the supported-commands list was fetched (once), never the command.
    expect(h.transport.sent).toEqual([`GET /app/printers/${UUID}/supported-commands`]);
  });

  it('lets a valid command through, and caches the supported-commands list', async () => {
    const client = h.clientWith({ validateCommands: true, transport: h.transport });
    await client.commands.setNozzleTemperature(UUID, 200);
    await client.commands.home(UUID);
    // MOVE_Z's feedrate is required but has a default: it may be left out.
    await client.command(UUID, 'MOVE_Z', { distance: 1 } as never);
    expect(h.transport.sent.filter((s) => s.endsWith('/supported-commands'))).toHaveLength(1);
  });

  it('strict mode refuses kwargs the list does not name', async () => {
    const client = h.clientWith({ validateCommands: { strict: true } });
    const error = await rejectionOf(client.commands.move(UUID, { feedrate: 100, z: 3 }));
    expect((error as CommandValidationError).problems).toEqual(['z: not an argument of MOVE']);
  });

  it('validation is per call when the client does not validate by default', async () => {
    const error = await rejectionOf(h.client.commands.setFlow(UUID, 500, { validate: true }));
    expect(error).toBeInstanceOf(CommandValidationError);
    // Without validation Connect (the mock) is asked and answers for itself.
    const remote = await rejectionOf(h.client.commands.setFlow(UUID, 500));
    expect(remote).not.toBeInstanceOf(CommandValidationError);
  });
});
