/**
 * Moonraker's server-side error: an HTTP-style status plus a message. Over HTTP it becomes
 * `{"error":{"code":<status>,"message":...,"traceback":...}}` with that status; over JSON-RPC
 * Moonraker maps 404 → -32601 and 401 → -32602 and passes every other status through as the code.
 */
export class MoonrakerError extends Error {
  override readonly name = 'MoonrakerError';
  readonly status: number;

  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

/** The JSON-RPC error code Moonraker sends for a server error with this HTTP status. */
export function rpcErrorCode(status: number): number {
  if (status === 404) return -32601;
  if (status === 401) return -32602;
  return status;
}

export const KLIPPY_HOST_NOT_CONNECTED = 'Klippy Host not connected';
export const KLIPPY_DISCONNECTED = 'Klippy Disconnected';

export function notFound(): MoonrakerError {
  return new MoonrakerError('Not Found', 404);
}

export function unauthorized(message = 'Unauthorized'): MoonrakerError {
  return new MoonrakerError(message, 401);
}
