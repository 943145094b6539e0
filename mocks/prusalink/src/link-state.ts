/**
 * The simulator's state in PrusaLink's words. The v1 states follow the firmware's
 * printer_state::get_state (src/state/printer_state.cpp): aborting and finishing still count as
 * PRINTING, pausing and resuming as PAUSED, Aborted → STOPPED, Finished → FINISHED. BUSY and
 * ATTENTION have no simulator state; the mock's `setBusy` / `requireAttention` raise them.
 */
import type { SimState } from '@printkit/printer-sim';

export type LinkState =
  | 'IDLE'
  | 'BUSY'
  | 'PRINTING'
  | 'PAUSED'
  | 'FINISHED'
  | 'STOPPED'
  | 'ERROR'
  | 'ATTENTION';

const FROM_SIM: ReadonlyMap<SimState, LinkState> = new Map<SimState, LinkState>([
  ['idle', 'IDLE'],
  ['preparing', 'PRINTING'],
  ['printing', 'PRINTING'],
  ['cancelling', 'PRINTING'],
  ['pausing', 'PAUSED'],
  ['paused', 'PAUSED'],
  ['resuming', 'PAUSED'],
  ['finished', 'FINISHED'],
  ['cancelled', 'STOPPED'],
  ['error', 'ERROR'],
]);

export function linkState(sim: SimState, overrides: { attention: boolean; busy: boolean }): LinkState {
  if (overrides.attention) return 'ATTENTION';
  const state = FROM_SIM.get(sim) ?? 'ERROR';
  if (overrides.busy && state === 'IDLE') return 'BUSY';
  return state;
}

/** The v1 job state (`/api/v1/job`): the firmware reports ATTENTION as PAUSED there. */
export function jobState(state: LinkState): 'PRINTING' | 'PAUSED' | 'FINISHED' | 'STOPPED' | 'ERROR' {
  switch (state) {
    case 'PRINTING':
      return 'PRINTING';
    case 'PAUSED':
    case 'ATTENTION':
      return 'PAUSED';
    case 'FINISHED':
      return 'FINISHED';
    case 'STOPPED':
      return 'STOPPED';
    default:
      return 'ERROR';
  }
}

/** Legacy `state.text` as PrusaLink 0.9 on a Pi wrote it (prusa/link/web/main.py, PRINTER_STATES). */
export function legacyStateText(state: LinkState): string {
  switch (state) {
    case 'IDLE':
    case 'FINISHED':
      return 'Operational';
    case 'BUSY':
      return 'Busy';
    case 'PRINTING':
      return 'Printing';
    case 'PAUSED':
      return 'Paused';
    case 'STOPPED':
      return 'Cancelling';
    default:
      return 'Error';
  }
}
