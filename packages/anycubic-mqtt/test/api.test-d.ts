// Type tests: the generic `command` and its result types, pinned so a refactor cannot loosen them.

import type { PrinterStatus } from '@printkit/core-types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AnycubicClient,
  type AnycubicClientEvents,
  type AnycubicClientOptions,
  type AnycubicPrinter,
  type AnycubicPrinterOptions,
  type AnycubicState,
  type AnyReport,
  type CameraStream,
  type CommandOptions,
  type CommandReply,
  createAnycubicClient,
  createAnycubicPrinter,
  type FileListOptions,
  type LanOptionsInput,
  type LightTypeValue,
  type ModelInfo,
  type PrinterDiscovery,
  type RawMessage,
  type ReportType,
  type TlsTrust,
  type UploadRequestOptions,
  type UploadResult,
} from '../src/index.js';
import type {
  AnycubicCommands,
  CommandData,
  CommandKey,
  InfoData,
  LightReportData,
  PrintData,
  Report,
} from '../src/protocol/index.js';

declare const client: AnycubicClient;

describe('command(key, data, options)', () => {
  it('types the data by the key', () => {
    expectTypeOf<CommandData<'print/pause'>>().toEqualTypeOf<{ taskid: string | number }>();
    expectTypeOf<CommandData<'info/query'>>().toEqualTypeOf<null>();
    expectTypeOf(client.command).parameter(0).toEqualTypeOf<CommandKey>();
  });

  it('resolves with the report type the table names for the key', () => {
    expectTypeOf(client.command('info/query', null)).resolves.toEqualTypeOf<CommandReply<'info'>>();
    expectTypeOf(client.command('print/pause', { taskid: '-1' })).resolves.toEqualTypeOf<
      CommandReply<'print'>
    >();
    expectTypeOf(client.command('light/query', null)).resolves.toEqualTypeOf<CommandReply<'light'>>();
  });

  it('narrows the report data', async () => {
    const info = await client.command('info/query', null);
    expectTypeOf(info.report).toEqualTypeOf<Report<'info'> | undefined>();
    expectTypeOf(info.report?.data).toEqualTypeOf<InfoData | null | undefined>();
    const print = await client.command('print/resume', { taskid: '-1' });
    expectTypeOf(print.report?.data).toEqualTypeOf<PrintData | null | undefined>();
    const light = await client.command('light/control', { type: 1, status: 1, brightness: 80 });
    expectTypeOf(light.report?.data).toEqualTypeOf<LightReportData | null | undefined>();
  });

  it('refuses unknown keys and wrong data', () => {
    // @ts-expect-error not a command of the table
    void client.command('print/explode', null);
    // @ts-expect-error print/pause needs a task id
    void client.command('print/pause', null);
    // @ts-expect-error info/query takes no data
    void client.command('info/query', { verbose: true });
    // @ts-expect-error light type 7 does not exist
    void client.command('light/control', { type: 7, status: 1, brightness: 80 });
    // @ts-expect-error options are { signal, timeoutMs, settle }, not `timeout`
    void client.command('info/query', null, { timeout: 5 });
  });

  it('has one key per table entry', () => {
    expectTypeOf<keyof AnycubicCommands>().toEqualTypeOf<CommandKey>();
  });
});

describe('factories and options', () => {
  it('takes timeoutMs and a clock, not timeout or now', () => {
    expectTypeOf(createAnycubicClient).parameter(0).toHaveProperty('timeoutMs');
    expectTypeOf(createAnycubicClient).parameter(0).toHaveProperty('clock');
    // @ts-expect-error `now` was replaced by `clock`
    createAnycubicClient({ host: 'h', deviceId: 'd', now: () => 0 });
    // @ts-expect-error `timeout` is spelled timeoutMs
    createAnycubicPrinter({ host: 'h', deviceId: 'd', timeout: 5 });
  });

  it('accepts exactly the TLS trust shapes', () => {
    expectTypeOf<{ insecure: true }>().toExtend<TlsTrust>();
    expectTypeOf<{ fingerprint256: string }>().toExtend<TlsTrust>();
    expectTypeOf<{ ca: string; verifyHostname: false }>().toExtend<TlsTrust>();
    expectTypeOf<{ insecure: false }>().not.toExtend<TlsTrust>();
  });
});

describe('the exported types fit together', () => {
  it('types the events, state, options and results', () => {
    expectTypeOf<AnycubicClientEvents['report']>().toEqualTypeOf<[report: AnyReport]>();
    expectTypeOf<AnycubicClientEvents['raw']>().toEqualTypeOf<[message: RawMessage]>();
    expectTypeOf<AnycubicState['info']>().toEqualTypeOf<InfoData | undefined>();
    expectTypeOf<AnycubicState['print']>().toExtend<{ data: PrintData } | undefined>();
    expectTypeOf<AnyReport['type']>().toEqualTypeOf<ReportType>();
    expectTypeOf(client.startCamera).returns.resolves.toEqualTypeOf<CameraStream>();
    expectTypeOf(client.uploadFile).parameter(2).toEqualTypeOf<UploadRequestOptions | undefined>();
    expectTypeOf(client.uploadFile).returns.resolves.toEqualTypeOf<UploadResult>();
    expectTypeOf(client.listFiles).parameter(1).toEqualTypeOf<FileListOptions | undefined>();
    expectTypeOf<FileListOptions>().toExtend<CommandOptions>();
    expectTypeOf<AnycubicPrinterOptions>().toExtend<AnycubicClientOptions>();
    expectTypeOf(createAnycubicPrinter).returns.toEqualTypeOf<AnycubicPrinter>();
    expectTypeOf<AnycubicPrinter['status']>().toEqualTypeOf<PrinterStatus>();
    expectTypeOf<ModelInfo['lights']>().toEqualTypeOf<readonly LightTypeValue[]>();
    expectTypeOf<PrinterDiscovery['lanMode']>().toEqualTypeOf<boolean>();
    expectTypeOf<LanOptionsInput['tls']>().toEqualTypeOf<TlsTrust>();
  });
});
