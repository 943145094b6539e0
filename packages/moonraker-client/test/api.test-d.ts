// Pins the generic API: `call`'s method names, params and result types. A refactor that loosens
// any of these fails `vitest --typecheck` (run with the package's tests).
import type { PrintkitError } from '@printkit/core-types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CallOptions,
  type ConnectionState,
  createMoonrakerClient,
  type FetchLike,
  type FileMetadata,
  type KlipperStatus,
  type KlippyState,
  type MethodParams,
  type MethodResult,
  type MoonrakerClient,
  type MoonrakerClientOptions,
  type MoonrakerCredentials,
  type MoonrakerEvents,
  type MoonrakerLight,
  type MoonrakerMethod,
  type MoonrakerMethods,
  type MoonrakerPrinterOptions,
  type ObjectsRequest,
  type ObjectsStatus,
  type PrintStats,
  type ServerInfo,
  type StatusDiff,
  type UploadData,
  type UploadFileOptions,
  type UploadResult,
  type WebSocketConstructor,
  type WebSocketLike,
} from '../src/index.js';
import type { HistoryList, KLIPPY_STATES, PrinterInfo } from '../src/protocol/index.js';

declare const client: MoonrakerClient;

describe('call', () => {
  it('types each method result from the table', () => {
    expectTypeOf(client.call('server.info')).toEqualTypeOf<Promise<ServerInfo>>();
    expectTypeOf(client.call('printer.info')).toEqualTypeOf<Promise<PrinterInfo>>();
    expectTypeOf(client.call('printer.gcode.script', { script: 'G28' })).toEqualTypeOf<Promise<string>>();
    expectTypeOf(client.call('printer.objects.query', { objects: { extruder: null } })).toEqualTypeOf<
      Promise<ObjectsStatus>
    >();
    expectTypeOf(client.call('server.history.list', { limit: 5 })).toEqualTypeOf<Promise<HistoryList>>();
  });

  it('narrows lenient enums to the known values or unknown', () => {
    type State = ServerInfo['klippy_state'];
    expectTypeOf<State>().toEqualTypeOf<
      'disconnected' | 'startup' | 'ready' | 'error' | 'shutdown' | 'unknown'
    >();
    expectTypeOf<PrinterInfo['state']>().toEqualTypeOf<(typeof KLIPPY_STATES)[number] | 'unknown'>();
    expectTypeOf<ServerInfo['klippy_state_raw']>().toEqualTypeOf<string | undefined>();
  });

  it('params are optional exactly when the method takes none', () => {
    expectTypeOf(client.call).toBeCallableWith('server.info');
    expectTypeOf(client.call).toBeCallableWith('server.info', undefined, { timeoutMs: 100 });
    expectTypeOf(client.call).toBeCallableWith('server.files.list', { root: 'config' });
    expectTypeOf<MethodParams<'printer.print.start'>>().toEqualTypeOf<{ filename: string }>();
    // @ts-expect-error printer.gcode.script needs its params
    void client.call('printer.gcode.script');
    // @ts-expect-error the script is a string
    void client.call('printer.gcode.script', { script: 28 });
    // @ts-expect-error a method name that is not in the table
    void client.call('printer.gcode.scrpit', { script: 'G28' });
    // @ts-expect-error options are { signal, timeoutMs }: no `timeout`
    void client.call('server.info', undefined, { timeout: 5 });
  });

  it('the method union is the table keys; results follow MethodResult', () => {
    expectTypeOf<'server.info'>().toExtend<MoonrakerMethod>();
    expectTypeOf<'constructor'>().not.toExtend<MoonrakerMethod>();
    expectTypeOf<MethodResult<'printer.objects.list'>['objects']>().toEqualTypeOf<string[]>();
    expectTypeOf<MethodResult<'printer.print.start'>>().toEqualTypeOf<string>();
  });

  it('one-liners are typed through call', () => {
    expectTypeOf(client.runGcode('G28')).toEqualTypeOf<Promise<string>>();
    expectTypeOf(client.serverInfo()).toEqualTypeOf<Promise<ServerInfo>>();
    expectTypeOf(createMoonrakerClient).parameter(0).toHaveProperty('url').toEqualTypeOf<string>();
  });

  it('events are typed', () => {
    client.on('error', (error) => expectTypeOf(error).toEqualTypeOf<PrintkitError>());
    client.on('notify_gcode_response', (line) => expectTypeOf(line).toEqualTypeOf<string>());
    // @ts-expect-error no such event
    client.on('notify_nothing', () => {});
  });
});

describe('every type the package root exports', () => {
  it('is usable as an app would use it', () => {
    const options: MoonrakerClientOptions = {
      url: 'http://printer.local:7125',
      fetch: globalThis.fetch as FetchLike,
      timeoutMs: 5_000,
    };
    const credentials: MoonrakerCredentials = { apiKey: 'k' };
    const light: MoonrakerLight = { pin: 'caselight' };
    const printerOptions: MoonrakerPrinterOptions = { ...options, ...credentials, light, camera: true };
    expectTypeOf(printerOptions.light).toEqualTypeOf<MoonrakerLight | undefined>();
    // @ts-expect-error the printer always uses the WebSocket
    const _wrong: MoonrakerPrinterOptions = { url: 'http://x', transport: 'http' };
    expectTypeOf<MoonrakerEvents['connection']>().toEqualTypeOf<
      [state: ConnectionState, previous: ConnectionState]
    >();
    expectTypeOf<MoonrakerEvents['klippy'][0]>().toEqualTypeOf<KlippyState>();
    expectTypeOf<CallOptions>().toEqualTypeOf<{ signal?: AbortSignal; timeoutMs?: number }>();
    expectTypeOf<MoonrakerMethods['server.files.metadata']['result']>().toEqualTypeOf<FileMetadata>();
    expectTypeOf<KlipperStatus['print_stats']>().toEqualTypeOf<PrintStats | undefined>();
    expectTypeOf<ObjectsRequest>().toExtend<Record<string, string[] | null | undefined>>();
    expectTypeOf<StatusDiff>().toEqualTypeOf<Record<string, Record<string, unknown>>>();
    expectTypeOf(client.uploadFile).returns.toEqualTypeOf<Promise<UploadResult>>();
    expectTypeOf<string>().toExtend<UploadData>();
    expectTypeOf<UploadFileOptions>().toHaveProperty('print');
    expectTypeOf<WebSocketConstructor>().instance.toEqualTypeOf<WebSocketLike>();
  });
});
