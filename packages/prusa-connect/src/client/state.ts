/**
 * The wire state of one Connect printer. Connect answers the whole printer detail on every poll (there
 * are no partial updates to merge, unlike Moonraker's or Anycubic's pushed reports), so the state is
 * the latest valid detail, as decoded (wire names and units, policy-1 enums), and when it arrived.
 */
import type { Printer } from '../protocol/wire.js';

export class DetailState {
  #detail: Printer | undefined;
  #receivedAt: number | undefined;

  /** The last printer detail that passed validation; undefined before the first. */
  get detail(): Printer | undefined {
    return this.#detail;
  }

  /** When it arrived, ms since the epoch (the client's clock). */
  get receivedAt(): number | undefined {
    return this.#receivedAt;
  }

  update(detail: Printer, receivedAt: number): void {
    this.#detail = detail;
    this.#receivedAt = receivedAt;
  }
}
