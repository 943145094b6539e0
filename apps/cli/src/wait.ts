/** Waiting that ends early, without an error, when the command is stopped (Ctrl-C). */
import { sleep } from '@printkit/core-types';

/** Resolves after `ms`, or as soon as `signal` aborts. Never rejects. */
export function pauseFor(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, signal).catch(() => undefined);
}
