/**
 * Canary secrets (issue 10): the access token (sent as Bearer and as the cookie), a refresh token and a
 * PrusaLink API key in a reply must never show in an error's message, its cause chain,
 * `JSON.stringify(error)`, `util.inspect(error)`, an adapter `error` event or a logger line — whatever
 * the server echoes back, on every error path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { Logger } from '@printkit/core-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPrusaConnectClient,
  createPrusaConnectPrinter,
  createRefreshTokenAuth,
  type PrusaConnectClientOptions,
} from '../src/index.js';
import { capture, UUID } from './helpers.js';

const ACCESS = 'canary-access-7f3a9c1e5b';
const NEXT_ACCESS = 'canary-next-access-2d4e6f';
const REFRESH = 'canary-refresh-91b2c3d4';
const API_KEY = 'canary-apikey-55aa66bb';
const SECRETS = [ACCESS, NEXT_ACCESS, REFRESH, API_KEY];

/** Everything the server was sent that could carry a credential, echoed into whatever it answers. */
const echo = (request: IncomingMessage) =>
  `auth=${request.headers.authorization ?? ''} cookie=${request.headers.cookie ?? ''} url=${request.url ?? ''}`;

type Route = (request: IncomingMessage, response: ServerResponse) => void;
const ROUTES: Record<string, Route> = {
  // 401 whose Connect error body quotes the token.
  '401-echo': (request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ code: 'UNAUTHORIZED', message: `bad token: ${echo(request)}`, reason: echo(request) }),
    );
  },
  // 409 with a Connect body quoting everything.
  '409-echo': (request, response) => {
    response.writeHead(409, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code: 'CONFLICT_COMMAND', message: echo(request) }));
  },
  // A proxy's HTML page quoting the request.
  '502-html': (request, response) => {
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end(`<html>bad gateway for ${echo(request)}</html>`);
  },
  // 200 that is not JSON (V8's SyntaxError would quote it).
  '200-not-json': (request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(`{"oops": ${echo(request)}`);
  },
  // 200 detail with a wrong field, carrying the PrusaLink API key and the echoed token.
  '200-bad-shape': (request, response) => {
    const detail = {
      ...(capture('printer_detail.json') as object),
      prusalink_api_key: API_KEY,
      name: 7,
      note: echo(request),
    };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(detail));
  },
  // The socket is dropped without an answer.
  drop: (request) => {
    request.socket.destroy();
  },
  // Never answers (the call times out).
  hang: () => {},
  // An OAuth token endpoint that quotes the whole form (with the refresh token) in its error.
  'token-echo': (request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: 'invalid_grant', error_description: `bad: ${body} ${echo(request)}` }),
      );
    });
  },
};

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    // `/<route>/app/...`: the base URL's path prefix picks the behaviour.
    const route = request.url?.split('/')[1] ?? '';
    (Object.hasOwn(ROUTES, route) ? ROUTES[route] : ROUTES['409-echo'])?.(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Every text a secret could hide in: message, cause chain, JSON, inspect (which walks causes and fields). */
function exposures(error: unknown): string[] {
  const texts = [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error) ?? ''];
  for (let cause: unknown = error, depth = 0; cause && depth < 10; depth++) {
    texts.push(String((cause as Error).message), String((cause as Error).stack));
    cause = (cause as { cause?: unknown }).cause;
  }
  return texts;
}

const lines: string[] = [];
const logger: Logger = {
  debug: (message, details) =>
    lines.push(`${message} ${JSON.stringify(details)} ${inspect(details, { depth: 10 })}`),
  info: (message, details) => lines.push(`${message} ${JSON.stringify(details)}`),
  warn: (message, details) => lines.push(`${message} ${JSON.stringify(details)}`),
  error: (message, details) => lines.push(`${message} ${JSON.stringify(details)}`),
};

let checked = 0;
function expectClean(texts: string[]) {
  for (const text of texts) {
    checked += 1;
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }
}

function client(route: string, options: PrusaConnectClientOptions = {}) {
  return createPrusaConnectClient({
    baseUrl: `${base}/${route}`,
    ...(options.getToken ? {} : { token: ACCESS }),
    authScheme: 'both',
    maxRetries: 1,
    retry: { initialDelayMs: 1, maxDelayMs: 1 },
    timeoutMs: 1_500,
    logger,
    ...options,
  });
}

describe('canary secrets', () => {
  for (const route of Object.keys(ROUTES)) {
    it(`${route}: the error and the log carry no secret`, async () => {
      const connect = client(route);
      const error = await connect.printers.get(UUID).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      await connect.close();
      expect(error).toBeInstanceOf(Error);
      expectClean(exposures(error));
      expectClean(lines.splice(0));
    });
  }

  it('a refresh flow (stale token, refresh hook holding a refresh token, echoed 401s) leaks nothing', async () => {
    let token = ACCESS;
    const connect = client('401-echo', {
      getToken: () => token,
      refreshToken: async () => {
        // The app's refresh: it holds the refresh token and gets a new access token.
        if (REFRESH.length === 0) throw new Error('unreachable');
        token = NEXT_ACCESS;
      },
    });
    const error = await connect.printers.list().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await connect.close();
    expect(error).toBeInstanceOf(Error);
    expectClean(exposures(error));
    expectClean(lines.splice(0));
  });

  it('the ready-made refresh-token provider: a token endpoint echoing the form leaks nothing', async () => {
    const auth = createRefreshTokenAuth({
      refreshToken: REFRESH,
      tokenUrl: `${base}/token-echo/o/token/`,
      logger,
    });
    const connect = client('401-echo', { getToken: auth.getToken, refreshToken: auth.refreshToken });
    for (const call of [() => auth.getToken(), () => auth.refreshToken(), () => connect.printers.list()]) {
      const error = await call().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expectClean(exposures(error));
    }
    await connect.close();
    expectClean(lines.splice(0));
  });

  it('the adapter: error events of polls against every failing route carry no secret', async () => {
    for (const route of ['409-echo', '502-html', '200-not-json', '200-bad-shape', 'drop']) {
      const printer = createPrusaConnectPrinter({
        baseUrl: `${base}/${route}`,
        token: ACCESS,
        authScheme: 'both',
        printerUuid: UUID,
        background: false,
        maxRetries: 0,
        logger,
      });
      const events: unknown[] = [];
      printer.on('error', (error) => events.push(error));
      const failures: unknown[] = [];
      await printer.connect().catch((error: unknown) => failures.push(error));
      await printer.refresh().catch((error: unknown) => failures.push(error));
      await printer.close();
      expect(events.length + failures.length, route).toBeGreaterThan(0);
      for (const error of [...events, ...failures]) expectClean(exposures(error));
      expectClean(lines.splice(0));
    }
  });

  afterAll(() => {
    // The number of texts searched (reported in the issue note).
    console.info(`canary-secrets: ${checked} texts searched for ${SECRETS.length} secrets`);
  });
});
