/**
 * `startMockPrusaConnect`: the mock served on a loopback HTTP server, for clients that do not go
 * through `fetch` (undici's `request`, curl, other languages). The server re-roots every request on
 * the mock's base URL, which defaults to the server's own URL: `mock.url` is what a client uses, and
 * `mock.handlers` match it too.
 */
import { MockPrusaConnect, type MockPrusaConnectOptions } from './create.js';
import { type LoopbackServer, listenLoopback } from './server.js';

export interface StartMockPrusaConnectOptions extends MockPrusaConnectOptions {
  /** Default 0 (any free port); the real service is HTTPS on 443, which a mock cannot be. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
}

export class StartedMockPrusaConnect extends MockPrusaConnect {
  /** 'http://127.0.0.1:<port>': the base URL a client uses. */
  readonly url: string;
  readonly port: number;
  readonly #server: LoopbackServer;

  constructor(server: LoopbackServer, options: MockPrusaConnectOptions) {
    super({ ...options, baseUrl: options.baseUrl ?? server.url });
    this.url = server.url;
    this.port = server.port;
    this.#server = server;
    server.serve(this.handlers, this.baseUrl);
  }

  /** Closes the server and every open connection, and detaches from the simulated printers. */
  async stop(): Promise<void> {
    await this.#server.close();
    this.dispose();
  }
}

export async function startMockPrusaConnect(
  options: StartMockPrusaConnectOptions = {},
): Promise<StartedMockPrusaConnect> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const server = await listenLoopback({ host, port });
  try {
    return new StartedMockPrusaConnect(server, rest);
  } catch (error) {
    await server.close();
    throw error;
  }
}
