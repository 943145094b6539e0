/**
 * What the client remembers of a printer between calls: its dialect (from `/api/version`) and, for
 * the adapter, the last status it read (merged from `/api/v1/status` and `/api/v1/job`, or from the
 * legacy `/api/printer` and `/api/job`).
 */
import type { Dialect, Job, LegacyJob, LegacyPrinter, Status, Version } from '../protocol/wire.js';

/**
 * `legacy` when `api` says so: `0.9.0-legacy` (Prusa-Link cc74860, April 2022, until 02e6a82 moved it
 * to `2.0.0` in November 2023 "so it's the same as the xBuddy one"), or any major version 0.
 * Everything else (`2.0.0` from the firmware and current PrusaLink) is `v1`.
 */
export function detectDialect(version: Pick<Version, 'api'>): Dialect {
  const api = version.api.trim().toLowerCase();
  if (api.includes('legacy')) return 'legacy';
  return /^0(\.|$)/.test(api) ? 'legacy' : 'v1';
}

/** The wire state the adapter maps to a `PrinterStatus`. */
export type WireState =
  | { dialect: 'v1'; status: Status; job: Job | undefined; receivedAt: number }
  | { dialect: 'legacy'; printer: LegacyPrinter; job: LegacyJob; receivedAt: number };
