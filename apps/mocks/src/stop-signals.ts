/**
 * SIGINT/SIGTERM as promises, listened for from the start: a script that reads our first line and
 * signals at once must reach these handlers, not Node's default (which exits without cleaning up).
 */
export interface StopSignals {
  /** The first SIGINT or SIGTERM: stop cleanly. */
  first: Promise<NodeJS.Signals>;
  /** The second one: stop now. */
  second: Promise<NodeJS.Signals>;
}

export function listenForStopSignals(): StopSignals {
  const waiting: Array<(signal: NodeJS.Signals) => void> = [];
  const first = new Promise<NodeJS.Signals>((resolve) => waiting.push(resolve));
  const second = new Promise<NodeJS.Signals>((resolve) => waiting.push(resolve));
  const onSignal = (signal: NodeJS.Signals) => waiting.shift()?.(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { first, second };
}
