/** Type tests: pin the generic `request()` over the endpoint table. */
import { describe, expectTypeOf, it } from 'vitest';
import type { EndpointResult, Job, PrusaLinkClient, Status } from '../src/index.js';
import type { FileHead, Snapshot, StatusPrinter } from '../src/protocol/index.js';

declare const client: PrusaLinkClient;

describe('request()', () => {
  it('infers each result from the endpoint name', () => {
    expectTypeOf(client.request('status')).resolves.toEqualTypeOf<Status>();
    expectTypeOf(client.request('job')).resolves.toEqualTypeOf<Job | undefined>();
    expectTypeOf(
      client.request('fileHead', { storage: 'usb', path: 'a.gcode' }),
    ).resolves.toEqualTypeOf<FileHead>();
    expectTypeOf(client.request('snapshot')).resolves.toEqualTypeOf<Snapshot | undefined>();
    expectTypeOf(client.request('pauseJob', { id: 1 })).resolves.toEqualTypeOf<undefined>();
    expectTypeOf<EndpointResult<'version'>['api']>().toEqualTypeOf<string>();
  });

  it('takes the right input, and options last', () => {
    client.request('status', undefined, { timeoutMs: 1_000 });
    client.request('uploadFile', {
      storage: 'usb',
      path: 'a.gcode',
      data: new Uint8Array(),
      overwrite: true,
    });
    // @ts-expect-error unknown endpoint name
    client.request('printer.objects.query');
    // @ts-expect-error pauseJob needs a job id
    client.request('pauseJob');
    // @ts-expect-error the id is a number
    client.request('stopJob', { id: '42' });
    // @ts-expect-error uploadFile needs the data
    client.request('uploadFile', { storage: 'usb', path: 'a.gcode' });
    // @ts-expect-error a misspelt option
    client.request('status', undefined, { timeout: 5 });
  });

  it('narrows lenient enums: a known state or unknown, with the raw value aside', () => {
    expectTypeOf<StatusPrinter['state']>().toEqualTypeOf<
      | 'IDLE'
      | 'BUSY'
      | 'PRINTING'
      | 'PAUSED'
      | 'FINISHED'
      | 'STOPPED'
      | 'ERROR'
      | 'ATTENTION'
      | 'READY'
      | 'unknown'
    >();
    expectTypeOf<StatusPrinter['state_raw']>().toEqualTypeOf<string | undefined>();
  });
});
