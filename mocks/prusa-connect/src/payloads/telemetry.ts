/**
 * Telemetry samples and their aggregation for `GET /app/printers/{uuid}/telemetry?from&granularity`.
 *
 * Inferred, not captured: the sources only name the endpoint and its two query parameters. A sample
 * uses the printer detail's own field names (`temp_nozzle`, `target_bed`, `axis_z`, `speed`, `flow`,
 * the tool's `fan_print`/`fan_hotend`), flattened, plus `state`; the chamber's are the mock's own
 * (`temp_chamber`, `target_chamber`). A bucket of `granularity` seconds averages what is measured
 * (temperatures, fans) and keeps the last value of what is set (targets, speed, flow, position, state).
 */
import type { SimSnapshot } from '@printkit/printer-sim';
import type { ConnectPrinterState } from '../connect-state.js';
import type { RecordedSample } from '../telemetry-recorder.js';
import { hotendFanRpm, printFanRpm } from './printer.js';

export interface TelemetrySample {
  state: ConnectPrinterState;
  temp_nozzle: number;
  temp_bed: number;
  target_nozzle: number;
  target_bed: number;
  temp_chamber?: number;
  target_chamber?: number;
  axis_x: number;
  axis_y: number;
  axis_z: number;
  speed: number;
  flow: number;
  fan_print: number;
  fan_hotend: number;
}

/** Averaged over a bucket; every other field is the bucket's last value. */
const MEASURED = ['temp_nozzle', 'temp_bed', 'temp_chamber', 'fan_print', 'fan_hotend'] as const;

export function telemetrySampleOf(state: ConnectPrinterState, snapshot: SimSnapshot): TelemetrySample {
  const { nozzle, bed, chamber } = snapshot.temperatures;
  const sample: TelemetrySample = {
    state,
    temp_nozzle: nozzle.actual,
    temp_bed: bed.actual,
    target_nozzle: nozzle.target,
    target_bed: bed.target,
    axis_x: snapshot.position.x,
    axis_y: snapshot.position.y,
    axis_z: snapshot.position.z,
    speed: snapshot.speedPercent,
    flow: snapshot.flowPercent,
    fan_print: printFanRpm(snapshot),
    fan_hotend: hotendFanRpm(snapshot),
  };
  if (chamber) {
    sample.temp_chamber = chamber.actual;
    sample.target_chamber = chamber.target;
  }
  return sample;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * One point per `granularitySeconds` bucket that holds samples (empty buckets — the printer was off —
 * are left out), oldest first; `time` is the bucket's start in Unix seconds.
 */
export function aggregateTelemetry(
  samples: readonly RecordedSample<TelemetrySample>[],
  granularitySeconds: number,
): Array<TelemetrySample & { time: number }> {
  const bucketMs = granularitySeconds * 1000;
  const buckets = new Map<number, TelemetrySample[]>();
  for (const { atMs, value } of samples) {
    const start = Math.floor(atMs / bucketMs) * bucketMs;
    const bucket = buckets.get(start);
    if (bucket) bucket.push(value);
    else buckets.set(start, [value]);
  }
  return [...buckets].map(([startMs, values]) => {
    const point: TelemetrySample & { time: number } = {
      time: Math.floor(startMs / 1000),
      ...(values.at(-1) as TelemetrySample),
    };
    for (const field of MEASURED) {
      const present = values.map((v) => v[field]).filter((v): v is number => v !== undefined);
      if (present.length > 0) point[field] = round1(present.reduce((a, b) => a + b, 0) / present.length);
    }
    return point;
  });
}
