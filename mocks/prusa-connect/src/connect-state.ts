/**
 * How a simulated printer's state reads in Connect's vocabulary (protocol notes, "three state
 * fields"). Connect has no pausing/resuming steps: the mock reports them as the state they lead to
 * (pausing → PAUSED, resuming → PRINTING); cancelling is reported as BUSY until STOPPED.
 */
import type { SimState } from '@printkit/printer-sim';

export type ConnectPrinterState =
  | 'IDLE'
  | 'READY'
  | 'BUSY'
  | 'PRINTING'
  | 'PAUSED'
  | 'FINISHED'
  | 'STOPPED'
  | 'ERROR'
  | 'ATTENTION'
  | 'OFFLINE';

export type ConnectJobState = 'PRINTING' | 'PAUSED' | 'FIN_OK' | 'FIN_STOPPED' | 'FIN_ERROR';

/** The firmware's own state (`printer_state`), i.e. everything except OFFLINE. */
export function printerStateOf(
  simState: SimState,
  flags: { ready: boolean; attention: boolean },
): Exclude<ConnectPrinterState, 'OFFLINE'> {
  if (flags.attention) return 'ATTENTION';
  switch (simState) {
    case 'idle':
      return flags.ready ? 'READY' : 'IDLE';
    case 'preparing':
    case 'printing':
    case 'resuming':
      return 'PRINTING';
    case 'pausing':
    case 'paused':
      return 'PAUSED';
    case 'cancelling':
      return 'BUSY';
    case 'finished':
      return 'FINISHED';
    case 'cancelled':
      return 'STOPPED';
    case 'error':
      return 'ERROR';
  }
}

export function activeJobStateOf(simState: SimState): ConnectJobState {
  return simState === 'paused' || simState === 'pausing' ? 'PAUSED' : 'PRINTING';
}

export function endedJobStateOf(result: 'finished' | 'cancelled' | 'error'): ConnectJobState {
  if (result === 'finished') return 'FIN_OK';
  return result === 'cancelled' ? 'FIN_STOPPED' : 'FIN_ERROR';
}
