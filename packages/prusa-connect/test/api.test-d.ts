/** Type tests: the generic `request` / `command` and their result types stay as tight as they are. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BinaryReply,
  type CommandSyncReply,
  createPrusaConnectClient,
  type EndpointInput,
  type EndpointResult,
  type Job,
  type PrinterDetail,
} from '../src/index.js';
import type { JobList, PrinterList, SupportedCommands } from '../src/protocol/index.js';

const client = createPrusaConnectClient({ token: 't' });
const uuid = '11111111-2222-3333-4444-555555555555';

describe('request(name, input, options)', () => {
  it('resolves to the reply type of the endpoint it names', () => {
    expectTypeOf(client.request('printers.get', { path: { uuid } })).resolves.toEqualTypeOf<PrinterDetail>();
    expectTypeOf(client.request('printers.list', {})).resolves.toEqualTypeOf<PrinterList>();
    expectTypeOf(client.request('jobs.get', { path: { uuid, jobId: 1 } })).resolves.toEqualTypeOf<Job>();
    expectTypeOf(client.request('jobs.list', { path: { uuid } })).resolves.toEqualTypeOf<JobList>();
    expectTypeOf(
      client.request('cameras.snapshot', { path: { cameraId: 1 } }),
    ).resolves.toEqualTypeOf<BinaryReply>();
    expectTypeOf(
      client.request('queue.remove', { path: { uuid, jobId: 2 } }),
    ).resolves.toEqualTypeOf<undefined>();
    expectTypeOf<EndpointResult<'commands.supported'>>().toEqualTypeOf<SupportedCommands>();
  });

  it('takes the path parameters, query and body of that endpoint only', () => {
    expectTypeOf<EndpointInput<'printers.get'>['path']>().toEqualTypeOf<{ uuid: string | number }>();
    client.request('jobs.list', { path: { uuid }, query: { state: ['FIN_OK'], limit: 5 } });
    client.request('version', {}, { timeoutMs: 1_000, signal: AbortSignal.timeout(5_000) });
    // @ts-expect-error: not an endpoint name
    client.request('printers.delete', {});
    // @ts-expect-error: printers.get needs its uuid
    client.request('printers.get', {});
    // @ts-expect-error: a path parameter of another endpoint
    client.request('printers.get', { path: { jobId: 1 } });
    // @ts-expect-error: version takes no body
    client.request('version', { body: { a: 1 } });
    // @ts-expect-error: commands.sync needs its body
    client.request('commands.sync', { path: { uuid } });
    // @ts-expect-error: timeout is not an option name (timeoutMs is)
    client.request('version', {}, { timeout: 5 });
  });
});

describe('command(uuid, name, kwargs, options)', () => {
  it('types the kwargs of known commands and resolves to the sync reply', () => {
    expectTypeOf(
      client.command(uuid, 'START_PRINT', { path: '/usb/a.bgcode' }),
    ).resolves.toEqualTypeOf<CommandSyncReply>();
    expectTypeOf(client.command(uuid, 'PAUSE_PRINT')).resolves.toEqualTypeOf<CommandSyncReply>();
    client.command(uuid, 'SET_NOZZLE_TEMPERATURE', { nozzle_temperature: 215 }, { validate: true });
    // A command the table does not know takes any kwargs.
    client.command(uuid, 'SET_CHAMBER_LED_INTENSITY', { 'chamber.led_intensity': 50 });
    // @ts-expect-error: START_PRINT needs its path
    client.command(uuid, 'START_PRINT', {});
    // @ts-expect-error: a temperature is a number
    client.command(uuid, 'SET_NOZZLE_TEMPERATURE', { nozzle_temperature: '215' });
    // @ts-expect-error: START_PRINT's kwargs may not be omitted
    client.command(uuid, 'START_PRINT');
  });

  it('the typed helpers are one-liners over it', () => {
    expectTypeOf(client.commands.startPrint).parameter(1).toEqualTypeOf<string>();
    expectTypeOf(client.commands.setSpeed(uuid, 120)).resolves.toEqualTypeOf<CommandSyncReply>();
  });
});
