/** Digest edge cases: concurrent first calls, a printer that asks for no credentials. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useMockPrusaLink } from '@printkit/mock-prusalink/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrusaLinkClient } from '../src/index.js';

describe('digest probe', () => {
  const mock = useMockPrusaLink();

  it('concurrent first calls share one challenge', async () => {
    const statuses: number[] = [];
    const client = createPrusaLinkClient({
      url: mock().url,
      password: 'printkit-pass',
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        return response;
      },
    });
    const results = await Promise.all(Array.from({ length: 5 }, () => client.status()));
    expect(results.every((status) => status.printer.state === 'IDLE')).toBe(true);
    expect(statuses.filter((status) => status === 401)).toHaveLength(1);
    await client.close();
  });

  it('a caller aborting does not fail the others waiting for the same challenge', async () => {
    mock().faults.add({ operation: 'GET /api/version', kind: 'delay', delayMs: 200 });
    const client = createPrusaLinkClient({ url: mock().url, password: 'printkit-pass' });
    const controller = new AbortController();
    const first = client.status({ signal: controller.signal }).catch((e: unknown) => e);
    const second = client.status();
    controller.abort();
    expect(await first).toMatchObject({ code: 'aborted' });
    expect((await second).printer.state).toBe('IDLE');
    await client.close();
  });
});

describe('a printer that asks for no credentials', () => {
  let server: Server;
  let url = '';
  const paths: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      const body = req.url === '/api/version' ? { api: '2.0.0' } : { printer: { state: 'IDLE' } };
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('probes once, then sends requests without Authorization', async () => {
    const client = createPrusaLinkClient({ url, password: 'unused' });
    for (let i = 0; i < 3; i++) expect((await client.status()).printer.state).toBe('IDLE');
    expect(paths).toEqual(['/api/version', '/api/v1/status', '/api/v1/status', '/api/v1/status']);
    await client.close();
  });
});
