/**
 * When and how long to wait before trying an idempotent request again.
 *
 * Only idempotent requests (GETs) are retried: after a 429, a 5xx, or a connection that failed or
 * dropped. POST/PATCH/PUT/DELETE are never retried blindly — a command or an upload that may have
 * reached Connect must not run twice. A `Retry-After` header is honoured (seconds or an HTTP date);
 * otherwise the delay is capped exponential backoff with jitter.
 */
import { backoffDelay } from '@printkit/core-types';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First backoff delay, ms. Default 500. */
  initialDelayMs?: number;
  /** Cap of a backoff delay, ms. Default 8 000. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the client waits, ms; a longer one ends the call with the 429/503 error
   * instead (the caller can decide). Default 60 000.
   */
  maxRetryAfterMs?: number;
  /** Source of randomness for jitter, [0, 1). */
  random?: () => number;
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into ms from `now`; undefined if absent or invalid. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The delay before retry number `attempt` (0-based), honouring a `Retry-After` when there is one. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, options: RetryOptions): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  return backoffDelay(attempt, {
    initialDelayMs: options.initialDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    jitter: 0.5,
    ...(options.random ? { random: options.random } : {}),
  });
}
