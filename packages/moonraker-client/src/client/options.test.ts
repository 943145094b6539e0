import { InvalidArgumentError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { createMoonrakerClient } from './client.js';
import type { MoonrakerClientOptions } from './options.js';

describe('createMoonrakerClient options', () => {
  it.each([
    ['url', { url: 'printer.local:7125x' }],
    ['url', { url: 'not a url' }],
    ['url', { url: 'ftp://printer.local' }],
    ['websocketUrl', { url: 'http://printer.local', websocketUrl: 'file:///tmp/socket' }],
    ['transport', { url: 'http://printer.local', transport: 'mqtt' }],
    ['timeoutMs', { url: 'http://printer.local', timeoutMs: -1 }],
    ['connectTimeoutMs', { url: 'http://printer.local', connectTimeoutMs: Number.NaN }],
    ['livenessTimeoutMs', { url: 'http://printer.local', livenessTimeoutMs: -5 }],
    ['statusFlushIntervalMs', { url: 'http://printer.local', statusFlushIntervalMs: -1 }],
    ['klippyPollIntervalMs', { url: 'http://printer.local', klippyPollIntervalMs: 0 }],
    ['klippyPollIntervalMs', { url: 'http://printer.local', klippyPollIntervalMs: Number.POSITIVE_INFINITY }],
    ['subscribe', { url: 'http://printer.local', subscribe: ['extruder'] }],
  ])('refuses a bad %s with an InvalidArgumentError naming it', (argument, options) => {
    let thrown: unknown;
    try {
      createMoonrakerClient(options as unknown as MoonrakerClientOptions);
    } catch (error) {
      thrown = error;
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'invalid-argument', argument, operation: 'createMoonrakerClient' });
  });

  it('accepts what works: https, ws URLs, 0 and Infinity as "no deadline", subscribe all', async () => {
    const client = createMoonrakerClient({
      url: 'https://printer.local/moonraker',
      websocketUrl: 'wss://printer.local/websocket',
      timeoutMs: 0,
      connectTimeoutMs: Number.POSITIVE_INFINITY,
      livenessTimeoutMs: 0,
      subscribe: 'all',
    });
    expect(client.transport).toBe('websocket');
    await client.close();
  });

  it('refuses an upload without a file name before sending anything', async () => {
    let requests = 0;
    const client = createMoonrakerClient({
      url: 'http://printer.local',
      transport: 'http',
      fetch: async () => {
        requests++;
        return new Response('{}');
      },
    });
    await expect(client.uploadFile('', 'G28\n')).rejects.toMatchObject({
      code: 'invalid-argument',
      argument: 'filename',
    });
    expect(requests).toBe(0);
    await client.close();
  });
});
