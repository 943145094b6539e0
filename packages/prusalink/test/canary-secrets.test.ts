/** A canary password and API key must never appear in an error, an event or a log line. */
import type { PrintkitError } from '@printkit/core-types';
import { startMockPrusaLink } from '@printkit/mock-prusalink';
import { describe, expect, it } from 'vitest';
import { createPrusaLinkClient, createPrusaLinkPrinter } from '../src/index.js';

const PASSWORD = 'canary-PW-7f3a91';
const API_KEY = 'canary-KEY-c0ffee42';

function recordingLogger() {
  const lines: string[] = [];
  const record = (level: string) => (message: string, details?: Readonly<Record<string, unknown>>) =>
    lines.push(`${level} ${message} ${JSON.stringify(details ?? {})}`);
  return {
    lines,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}

/** Everything an error shows: message, stack, own fields, and the same for its causes. */
function everything(error: unknown, depth = 0): string {
  if (depth > 4 || typeof error !== 'object' || error === null) return String(error);
  const own = Object.fromEntries(Object.entries(error));
  const err = error as Error & { cause?: unknown };
  return [err.message, err.stack, JSON.stringify(own), everything(err.cause, depth + 1)].join('\n');
}

function expectClean(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(API_KEY);
}

describe('canary secrets', () => {
  it('never shows the password or the key, whatever goes wrong', async () => {
    const mock = await startMockPrusaLink({ password: PASSWORD, apiKey: API_KEY });
    const { lines, logger } = recordingLogger();
    const seen: string[] = [];
    try {
      // A server that echoes the client's secret in its error text (a proxy page, a debug build).
      mock.faults.add({
        operation: 'GET /api/v1/info',
        kind: 'error-reply',
        status: 500,
        message: `bad ${PASSWORD}`,
        times: 2,
      });
      mock.faults.add({
        operation: 'GET /api/v1/storage',
        kind: 'error-reply',
        status: 400,
        message: `bad key ${API_KEY}`,
      });
      const keyed = createPrusaLinkClient({ url: mock.url, apiKey: API_KEY, logger });
      seen.push(everything(await keyed.storage().catch((e: unknown) => e)));
      await keyed.close();
      const digest = createPrusaLinkClient({ url: mock.url, password: PASSWORD, logger, maxRetries: 1 });
      seen.push(everything(await digest.info().catch((e: unknown) => e)));
      const inUrl = createPrusaLinkClient({
        url: mock.url.replace('http://', `http://maker:${PASSWORD}@`),
        logger,
      });
      seen.push(inUrl.origin);
      const wrong = createPrusaLinkClient({ url: mock.url, password: `${PASSWORD}x`, logger });
      seen.push(everything(await wrong.status().catch((e: unknown) => e)));
      const key = createPrusaLinkClient({ url: mock.url, apiKey: `${API_KEY}x`, logger });
      seen.push(everything(await key.status().catch((e: unknown) => e)));
      seen.push(
        everything(
          (() => {
            try {
              createPrusaLinkClient({ url: `http://maker:${PASSWORD}@[bad`, logger });
            } catch (error) {
              return error;
            }
          })(),
        ),
      );
      mock.faults.add({ operation: 'GET /api/v1/status', kind: 'drop' });
      seen.push(everything(await digest.status({ timeoutMs: 5_000 }).catch((e: unknown) => e)));
      for (const client of [digest, inUrl, wrong, key]) await client.close();

      const printer = createPrusaLinkPrinter({
        url: mock.url,
        password: PASSWORD,
        logger,
        pollIntervalMs: 10,
        maxRetries: 0,
      });
      const events: PrintkitError[] = [];
      printer.on('error', (error) => events.push(error));
      await printer.connect();
      mock.faults.add({
        operation: 'GET /api/v1/status',
        kind: 'error-reply',
        status: 503,
        message: PASSWORD,
        times: 2,
      });
      mock.faults.add({ operation: 'GET /api/v1/status', kind: 'auth-failure' });
      await expect.poll(() => events.length, { timeout: 3_000 }).toBeGreaterThan(0);
      await printer.close();
      for (const event of events) seen.push(everything(event));
    } finally {
      await mock.stop();
    }
    expect(seen.length).toBeGreaterThan(5);
    for (const text of seen) expectClean(text);
    for (const line of lines) expectClean(line);
    expect(seen.join('\n')).toContain('***');
  });
});
