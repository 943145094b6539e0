/**
 * The public surface, used only through the package's entry points (src/index.ts = '.', src/protocol/index.ts =
 * './protocol', as package.json maps them; by path so a stale dist/ cannot stand in): every runtime name is exercised,
 * the list is pinned, no zod schema leaks, and the policies hold from the outside.
 */
import { readFileSync } from 'node:fs';
import { AuthError, InvalidArgumentError, PrinterRejectedError, ProtocolError } from '@printkit/core-types';
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';
import { afterEach, describe, expect, it } from 'vitest';
import * as root from '../src/index.js';
import {
  CommandValidationError,
  ConnectAuthError,
  ConnectRejectedError,
  createConnectCamera,
  createFetchTransport,
  createPrusaConnectClient,
  createPrusaConnectPrinter,
  createRefreshTokenAuth,
  DEFAULT_BASE_URL,
  type HttpTransport,
  VERSION,
} from '../src/index.js';
import * as protocol from '../src/protocol/index.js';
import { TOKEN, UUID } from './helpers.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function mock() {
  const started = await startMockPrusaConnect({ port: 0 });
  stop = () => started.stop();
  return started;
}

describe('the entry points', () => {
  it('export exactly these runtime names (types aside), and no zod schema', () => {
    expect(Object.keys(root).sort()).toEqual([
      'CommandValidationError',
      'ConnectAuthError',
      'ConnectRejectedError',
      'DEFAULT_BASE_URL',
      'VERSION',
      'createConnectCamera',
      'createFetchTransport',
      'createPrusaConnectClient',
      'createPrusaConnectPrinter',
      'createRefreshTokenAuth',
    ]);
    expect(Object.keys(protocol).sort()).toEqual(['JOB_STATES', 'PRINTER_STATES', 'fileModifiedAt']);
    for (const value of [...Object.values(root), ...Object.values(protocol)]) {
      expect(value).not.toHaveProperty('_zod');
    }
  });

  it('index.ts only re-exports, 20–40 names in all', () => {
    const source = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(
      code
        .trim()
        .split(/;\s*/)
        .filter(Boolean)
        .every((s) => s.startsWith('export')),
    ).toBe(true);
    const names = [...code.matchAll(/\{([^}]*)\}/g)].flatMap((m) =>
      (m[1] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    );
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names.length).toBeLessThanOrEqual(40);
  });

  it('VERSION is the package version; DEFAULT_BASE_URL is Connect', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(manifest.version);
    expect(DEFAULT_BASE_URL).toBe('https://connect.prusa3d.com');
  });

  it('protocol helpers: the known state lists and the file time in either spelling', () => {
    expect(protocol.PRINTER_STATES).toContain('PRINTING');
    expect(protocol.JOB_STATES).toContain('FIN_OK');
    expect(protocol.fileModifiedAt({ m_timestamp: 7 })).toBe(7);
  });
});

describe('errors: each class has its own marker and name', () => {
  it('tells the vendor classes from their core-types bases', () => {
    const rejected = new ConnectRejectedError('no', { printerCode: 'CONFLICT_COMMAND' });
    expect(ConnectRejectedError.isInstance(rejected)).toBe(true);
    expect(PrinterRejectedError.isInstance(rejected)).toBe(true);
    expect(ConnectRejectedError.isInstance(new PrinterRejectedError('x'))).toBe(false);
    expect(rejected.name).toBe('ConnectRejectedError');

    const auth = new ConnectAuthError('no');
    expect(ConnectAuthError.isInstance(auth)).toBe(true);
    expect(AuthError.isInstance(auth)).toBe(true);
    expect(ConnectAuthError.isInstance(new AuthError('x'))).toBe(false);
    expect(auth.name).toBe('ConnectAuthError');

    const invalid = new CommandValidationError('SET_SPEED', ['speed: required']);
    expect(CommandValidationError.isInstance(invalid)).toBe(true);
    expect(InvalidArgumentError.isInstance(invalid)).toBe(true);
    expect(CommandValidationError.isInstance(new InvalidArgumentError('x'))).toBe(false);
    expect(invalid.name).toBe('CommandValidationError');
    expect(ConnectRejectedError.isInstance(auth)).toBe(false);
  });
});

describe('policies, from the outside', () => {
  it('bad options are an InvalidArgumentError before anything is sent', () => {
    const bad: unknown[] = [
      { baseUrl: 'not a url' },
      { baseUrl: 'ftp://example.com' },
      { timeoutMs: -1 },
      { timeoutMs: Number.NaN },
      { maxRetries: 1.5 },
      { connections: 0 },
      { fetch: 'fetch' },
      { transport: {} },
      { clock: { now: () => 0 } },
      { logger: 'console' },
      { authScheme: 'basic' },
      { token: 42 },
    ];
    for (const options of bad) {
      let thrown: unknown;
      try {
        createPrusaConnectClient(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(InvalidArgumentError.isInstance(thrown), JSON.stringify(options)).toBe(true);
    }
    expect(() => createPrusaConnectPrinter({ printerUuid: '' })).toThrow(InvalidArgumentError);
    expect(() => createRefreshTokenAuth({ refreshToken: '' })).toThrow(InvalidArgumentError);
    expect(() => createConnectCamera({ token: 't', fingerprint: 'too-short' })).toThrow(InvalidArgumentError);
  });

  it('an endpoint name that is not in the table (even an Object.prototype member) is an InvalidArgumentError', async () => {
    const client = createPrusaConnectClient({ token: TOKEN, fetch: () => Promise.reject(new Error('sent')) });
    for (const name of ['constructor', 'toString', 'printers.delete']) {
      await expect(client.request(name as 'version', {})).rejects.toSatisfy((error) =>
        InvalidArgumentError.isInstance(error),
      );
    }
    await expect(client.request('printers.get', { path: { uuid: '' } })).rejects.toSatisfy((error) =>
      InvalidArgumentError.isInstance(error),
    );
    const bad: Array<() => Promise<unknown>> = [
      () => client.request('version', undefined as never),
      () => client.version({ timeoutMs: -5 }),
      () => client.printers.list(undefined, { maxRetries: -1 }),
      () => client.jobs.iterate(UUID, { pageSize: 0 }).next(),
      () => client.jobs.iterateAll({ offset: -1 }).next(),
    ];
    for (const call of bad) {
      await expect(call()).rejects.toSatisfy((error) => InvalidArgumentError.isInstance(error));
    }
  });

  it('a fetch transport reaches the mock; an injected transport is left open by client.close()', async () => {
    const server = await mock();
    let closed = 0;
    const inner = createFetchTransport(new URL(server.url).origin, (input, init) => fetch(input, init));
    const transport: HttpTransport = {
      send: (request) => inner.send(request),
      close: async () => void closed++,
    };
    const client = createPrusaConnectClient({ baseUrl: server.url, token: TOKEN, transport });
    expect((await client.printers.get(UUID)).uuid).toBe(UUID);
    await client.close();
    expect(closed).toBe(0);
    await transport.close();
    expect(closed).toBe(1);
  });

  it('logger: hears token refreshes, retries and the connect (policy 8)', async () => {
    const server = await mock();
    const lines: string[] = [];
    const logger = {
      debug: (message: string) => void lines.push(message),
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    server.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'error-reply', status: 503, times: 1 });
    let token = 'stale';
    const printer = createPrusaConnectPrinter({
      baseUrl: server.url,
      getToken: () => token,
      refreshToken: () => {
        token = TOKEN;
      },
      printerUuid: UUID,
      background: false,
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
      logger,
    });
    await printer.connect();
    expect(lines).toEqual(
      expect.arrayContaining([
        'prusa-connect: 401, refreshing the access token',
        'prusa-connect: retrying',
        'prusa-connect: connected',
      ]),
    );
    await printer.close();
  });

  it('a client shared with printers is not closed by them (policy 2)', async () => {
    const server = await mock();
    const client = createPrusaConnectClient({ baseUrl: server.url, token: TOKEN });
    const printers = [1, 2].map(() =>
      createPrusaConnectPrinter({ client, printerUuid: UUID, background: false }),
    );
    for (const printer of printers) await printer.connect();
    for (const printer of printers) await printer.close();
    expect((await client.printers.get(UUID)).uuid).toBe(UUID);
    await client.close();
  });

  it('createPrusaConnectPrinter connects to the mock and reports a status', async () => {
    const server = await mock();
    const printer = createPrusaConnectPrinter({
      baseUrl: server.url,
      token: TOKEN,
      printerUuid: UUID,
      background: false,
    });
    await printer.connect();
    expect(printer.status.state).toBe('idle');
    await printer.close();
  });

  it('a reply that is not JSON is a ProtocolError', async () => {
    const transport: HttpTransport = {
      send: async () => ({
        status: 200,
        header: () => undefined,
        body: async function* () {
          yield new TextEncoder().encode('<html>');
        },
        cancel: () => {},
      }),
      close: async () => {},
    };
    const client = createPrusaConnectClient({ token: TOKEN, transport });
    await expect(client.version()).rejects.toSatisfy((error) => ProtocolError.isInstance(error));
  });
});
