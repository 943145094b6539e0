/** `status/workReport` (free | busy) and `lastWill/onlineReport` (online | offline), from the notes. */
import type { SimState } from '@printkit/printer-sim';

export const ACTIVE_SIM_STATES: ReadonlySet<SimState> = new Set<SimState>([
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'cancelling',
]);

export type WorkState = 'free' | 'busy';

export function workState(state: SimState): WorkState {
  return ACTIVE_SIM_STATES.has(state) ? 'busy' : 'free';
}

export function lastWillFields(online: boolean) {
  return {
    type: 'lastWill',
    action: 'onlineReport',
    state: online ? 'online' : 'offline',
    code: 200,
    msg: online ? 'device online' : 'device offline',
    data: null,
  } as const;
}
