// Shared measuring helpers: interleaved rounds (baseline, subject, baseline, subject, ... with the
// order flipped every round) so that load changing on a shared machine hits both sides alike.
import os from 'node:os';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

/**
 * Runs `measure(side)` for 'baseline' and 'subject' in `rounds` rounds (order flipped every round)
 * and returns each side's per-round values and the median of the per-round ratios subject/baseline.
 */
export async function interleaved(rounds, measure) {
  const baseline = [];
  const subject = [];
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
    const got = {};
    for (const side of order) got[side] = await measure(side);
    baseline.push(got.baseline);
    subject.push(got.subject);
    ratios.push(got.subject / got.baseline);
  }
  return {
    baselineMedian: Math.round(median(baseline)),
    subjectMedian: Math.round(median(subject)),
    ratio: Number(median(ratios).toFixed(3)),
    ratioRange: `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
    perRound: ratios.map((r) => Number(r.toFixed(3))),
  };
}
