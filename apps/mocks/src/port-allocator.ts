/**
 * Hands out distinct TCP ports: each role counts up from its own first port, skipping every port
 * another role already holds, so no count of printers makes two servers share a port.
 */
/** A fleet plan that cannot work: more ports than a host has, a bad --shard. */
export class FleetPlanError extends Error {
  override readonly name = 'FleetPlanError';
}

const MAX_PORT = 65_535;

export class PortAllocator {
  readonly #used = new Set<number>();
  /** Per role, where the next search starts (keeps planning linear in the number of ports). */
  readonly #cursor = new Map<string, number>();

  /** Takes `port` itself; it must be free (used for each role's first, real port). */
  reserve(port: number): number {
    if (this.#used.has(port)) throw new FleetPlanError(`port ${port} is planned twice`);
    this.#used.add(port);
    return port;
  }

  /** The first free port from `from` upwards (from where `role` stopped last time, if later). */
  next(role: string, from: number): number {
    let port = Math.max(from, this.#cursor.get(role) ?? from);
    while (this.#used.has(port)) port++;
    if (port > MAX_PORT) {
      throw new FleetPlanError(
        `the fleet needs more ports than a host has (${role} passed ${MAX_PORT}); use --loopback (every printer on its own address) or --shard`,
      );
    }
    this.#used.add(port);
    this.#cursor.set(role, port + 1);
    return port;
  }
}
