/**
 * `supplies_usage` (filament the job has used) with its unit: the number alone is ambiguous, grams on
 * the Kobra S1 and millimetres elsewhere (notes, "More wire facts"), so the unit comes from the model
 * table (or the user's override) and travels with the number.
 */
import type { AnycubicState } from '../client/state.js';
import type { SuppliesUnit } from '../protocol/models.js';

export interface SuppliesUsage {
  readonly amount: number;
  readonly unit: SuppliesUnit;
}

/** From the newest source that has it: the print report's task, else the info report's project. */
export function suppliesUsage(state: AnycubicState, unit: SuppliesUnit): SuppliesUsage | undefined {
  const printIsNewer = state.print !== undefined && state.print.updatedAt >= state.infoUpdatedAt;
  const fromPrint = printIsNewer ? state.print?.data.supplies_usage : undefined;
  const amount = fromPrint ?? state.info?.project?.supplies_usage;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return undefined;
  return { amount, unit };
}
