// Shared measuring helpers: interleaved rounds (baseline, subject, subject, baseline, ... the order
// flipped every round) so that load changing on a shared machine hits both sides alike.
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

/** CPU time (user + system, all threads of this process) in seconds since `since`. */
export function cpuSecondsSince(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/**
 * Runs `measure(side)` for 'baseline' and 'subject' in `rounds` rounds (order flipped every round).
 * `measure` returns an object of figures where more is better (e.g. `{ perSecond, perCpuSecond }`);
 * for each figure: both sides' medians, and the median and range of the per-round ratios
 * subject / baseline.
 */
export async function interleaved(rounds, measure) {
  const perRound = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
    const got = {};
    for (const side of order) got[side] = await measure(side);
    perRound.push(got);
  }
  const figures = {};
  for (const key of Object.keys(perRound[0].baseline)) {
    const ratios = perRound.map((r) => r.subject[key] / r.baseline[key]);
    figures[key] = {
      baseline: Math.round(median(perRound.map((r) => r.baseline[key]))),
      client: Math.round(median(perRound.map((r) => r.subject[key]))),
      ratio: Number(median(ratios).toFixed(3)),
      ratioRange: `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
    };
  }
  return figures;
}
