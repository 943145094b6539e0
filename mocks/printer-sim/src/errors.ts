/** Why a simulator command was refused. A refused command never changes the simulator's state. */
export type SimErrorCode =
  | 'busy'
  | 'file-not-found'
  | 'powered-off'
  | 'in-error'
  | 'not-printing'
  | 'not-paused'
  | 'no-job'
  | 'out-of-range'
  | 'no-such-heater'
  | 'no-such-light'
  | 'not-homed'
  | 'invalid-argument';

const MARKER = Symbol.for('printkit.printer-sim.error');

export class SimError extends Error {
  override readonly name = 'SimError';
  readonly code: SimErrorCode;
  readonly [MARKER] = true;

  constructor(code: SimErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  /** Like `instanceof`, but also true for a SimError from another copy of this package. */
  static isInstance(error: unknown): error is SimError {
    return typeof error === 'object' && error !== null && (error as { [MARKER]?: unknown })[MARKER] === true;
  }
}
