/**
 * `startMockPrusaConnect`: the mock served on a loopback HTTP server, for clients that do not go
 * through `fetch` (undici's `request`, curl, other languages). The server re-roots every request on
 * the mock's base URL, which defaults to the server's own URL: `mock.url` is what a client uses, and
 * `mock.handlers` match it too.
 */

import type { CorsOption } from './cors.js';
import { MockPrusaConnect, type MockPrusaConnectOptions } from './create.js';
import { type LoopbackServer, listenLoopback } from './server.js';

export interface StartMockPrusaConnectOptions extends MockPrusaConnectOptions {
  /** Default 0 (any free port); the real service is HTTPS on 443, which a mock cannot be. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Port of the account origin (the OAuth token endpoint); default 0 (any free port). */
  accountPort?: number;
  /**
   * CORS on both servers, for browser apps on another origin: `true` (any origin) or
   * `{ origins: [...] }`. Default false: no preflight answered (OPTIONS → 404), no CORS headers.
   */
  cors?: CorsOption;
}

export class StartedMockPrusaConnect extends MockPrusaConnect {
  /** 'http://127.0.0.1:<port>': the base URL a client uses. */
  readonly url: string;
  readonly port: number;
  /** 'http://127.0.0.1:<other port>': the account origin (`POST <accountUrl>/o/token/`). */
  readonly accountUrl: string;
  readonly #server: LoopbackServer;
  readonly #accountServer: LoopbackServer;

  constructor(server: LoopbackServer, accountServer: LoopbackServer, options: MockPrusaConnectOptions) {
    super({
      ...options,
      baseUrl: options.baseUrl ?? server.url,
      account: { ...options.account, baseUrl: options.account?.baseUrl ?? accountServer.url },
    });
    this.url = server.url;
    this.port = server.port;
    this.accountUrl = accountServer.url;
    this.#server = server;
    this.#accountServer = accountServer;
    server.serve(this.appHandlers, this.baseUrl);
    accountServer.serve(this.accountHandlers, this.account.baseUrl, oauthNotFoundBody);
  }

  /** Closes both servers and every open connection, and detaches from the simulated printers. */
  async stop(): Promise<void> {
    await Promise.all([this.#server.close(), this.#accountServer.close()]);
    this.dispose();
  }
}

const oauthNotFoundBody = { detail: 'Not found.' };

export async function startMockPrusaConnect(
  options: StartMockPrusaConnectOptions = {},
): Promise<StartedMockPrusaConnect> {
  const { port = 0, host = '127.0.0.1', accountPort = 0, cors = false, ...rest } = options;
  const server = await listenLoopback({ host, port, cors });
  let accountServer: LoopbackServer | undefined;
  try {
    accountServer = await listenLoopback({ host, port: accountPort, cors });
    return new StartedMockPrusaConnect(server, accountServer, rest);
  } catch (error) {
    await Promise.all([server.close(), accountServer?.close()]);
    throw error;
  }
}
