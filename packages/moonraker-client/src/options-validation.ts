/**
 * Checks `createMoonrakerClient` options up front, so a typo fails at once with an
 * `InvalidArgumentError` naming the option instead of surfacing later as a `TypeError` from `new URL`
 * or as a client that never times out.
 */
import { InvalidArgumentError } from '@printkit/core-types';
import type { MoonrakerClientOptions } from './client.js';

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`${argument} ${message}`, { argument, operation: 'createMoonrakerClient' });
}

function checkUrl(argument: string, value: unknown, protocols: readonly string[]): void {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw invalid(
      argument,
      `must be an absolute URL such as http://printer.local:7125, got ${JSON.stringify(value)}`,
    );
  }
  if (!protocols.includes(url.protocol)) {
    throw invalid(argument, `must use ${protocols.join(' or ')}, got ${url.protocol}`);
  }
}

/** A duration in ms: 0 or more (Infinity allowed where "none" makes sense). */
function checkMs(argument: string, value: number | undefined, allowZero: boolean): void {
  if (value === undefined) return;
  const ok = typeof value === 'number' && !Number.isNaN(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok)
    throw invalid(
      argument,
      `must be a number of milliseconds ${allowZero ? '≥ 0' : 'above 0'}, got ${value}`,
    );
}

export function validateClientOptions(options: MoonrakerClientOptions): void {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  checkUrl('url', options.url, ['http:', 'https:']);
  if (options.websocketUrl !== undefined) {
    checkUrl('websocketUrl', options.websocketUrl, ['ws:', 'wss:', 'http:', 'https:']);
  }
  if (options.transport !== undefined && options.transport !== 'websocket' && options.transport !== 'http') {
    throw invalid('transport', `must be 'websocket' or 'http', got ${JSON.stringify(options.transport)}`);
  }
  checkMs('timeoutMs', options.timeoutMs, true);
  checkMs('connectTimeoutMs', options.connectTimeoutMs, true);
  checkMs('livenessTimeoutMs', options.livenessTimeoutMs, true);
  checkMs('statusFlushIntervalMs', options.statusFlushIntervalMs, true);
  // Polling every 0 ms would spin; Infinity would never notice Klippy coming up.
  checkMs('klippyPollIntervalMs', options.klippyPollIntervalMs, false);
  if (options.klippyPollIntervalMs === Number.POSITIVE_INFINITY) {
    throw invalid('klippyPollIntervalMs', 'must be finite');
  }
  const { subscribe } = options;
  if (
    subscribe !== undefined &&
    subscribe !== 'all' &&
    (typeof subscribe !== 'object' || subscribe === null || Array.isArray(subscribe))
  ) {
    throw invalid('subscribe', "must be an objects request ({ name: fields | null }) or 'all'");
  }
}
