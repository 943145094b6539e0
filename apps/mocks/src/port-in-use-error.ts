/** A listening port was taken: said in one line that names the port, its owner and the way out. */

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  readonly port: number;
  /** Who wanted the port, e.g. `moonraker 'klipper-1'`. */
  readonly owner: string;

  constructor(port: number, owner: string, options?: { cause?: unknown }) {
    super(
      `port ${port} is already in use (${owner}); pass --port-base or stop the other process`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.port = port;
    this.owner = owner;
  }
}

function isAddressInUse(error: unknown): error is NodeJS.ErrnoException & { port?: number } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/**
 * Runs a server start and turns EADDRINUSE into a PortInUseError naming `owner`. The port comes from
 * the error when Node reports it (a mock with two listeners says which one failed), else `port`.
 */
export async function startOrExplain<T>(start: () => Promise<T>, owner: string, port: number): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    throw new PortInUseError(typeof error.port === 'number' ? error.port : port, owner, { cause: error });
  }
}
