/**
 * Which print reports (action/state pairs from the notes) a sim state change produces. The sim has no
 * `checking` state (the start handler reports it) and no `downloading` (the mock prints local files only).
 */
import type { SimSnapshot, SimState } from '@printkit/printer-sim';
import { codeForJobError } from './error-codes.js';

export interface PrintTransition {
  action: 'start' | 'pause' | 'resume' | 'stop';
  state: string;
  code?: number;
  msg?: string;
}

export function printTransitions(next: SimState, prev: SimState, snapshot: SimSnapshot): PrintTransition[] {
  const resumed: PrintTransition[] = prev === 'resuming' ? [{ action: 'resume', state: 'resumed' }] : [];
  switch (next) {
    case 'preparing':
      return [...resumed, { action: 'start', state: 'preheating' }];
    case 'printing':
      return [...resumed, { action: 'start', state: 'printing' }];
    case 'pausing':
      return [{ action: 'pause', state: 'pausing' }];
    case 'paused':
      // Paused while heating skips the sim's pausing step; the firmware still reports both.
      return prev === 'pausing'
        ? [{ action: 'pause', state: 'paused' }]
        : [
            { action: 'pause', state: 'pausing' },
            { action: 'pause', state: 'paused' },
          ];
    case 'resuming':
      return [{ action: 'resume', state: 'resuming' }];
    case 'cancelling':
      return [{ action: 'stop', state: 'stopping' }];
    case 'cancelled':
      return [{ action: 'stop', state: 'stoped' }];
    case 'finished':
      return [{ action: 'start', state: 'finished' }];
    case 'error':
      // A job that ends in error is `failed` with the reason in `msg` (notes); power loss is never seen.
      if (!snapshot.powered || snapshot.job?.result !== 'error') return [];
      return [
        {
          action: 'start',
          state: 'failed',
          code: codeForJobError(snapshot.error?.code),
          msg: snapshot.error?.message ?? 'print failed',
        },
      ];
    case 'idle':
      return [];
  }
}
