/**
 * What the printer learns from an uploaded G-code file's header comments, so a print of it has a
 * plausible duration and layer count. Understands the common slicer comments; anything else falls
 * back to estimates from the file size.
 */

export interface GcodeMetadata {
  estimatedSeconds: number;
  layers: number;
  nozzleCelsius?: number;
  bedCelsius?: number;
}

/** Only the head and tail are scanned: slicers write these comments there. */
const SCAN_BYTES = 64 * 1024;

function durationSeconds(text: string): number | undefined {
  // PrusaSlicer / Anycubic Slicer: "; estimated printing time (normal mode) = 1h 2m 3s"
  const human = /estimated printing time[^=]*=\s*((?:\d+d\s*)?(?:\d+h\s*)?(?:\d+m\s*)?(?:\d+s)?)/i.exec(text);
  if (human?.[1]?.trim()) {
    const parts = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
    let total = 0;
    for (const match of human[1].matchAll(/(\d+)([dhms])/g)) {
      total += Number(match[1]) * parts[match[2] as keyof typeof parts];
    }
    if (total > 0) return total;
  }
  // Cura: ";TIME:1234"
  const cura = /^;TIME:(\d+(?:\.\d+)?)/m.exec(text);
  return cura ? Number(cura[1]) : undefined;
}

function firstNumber(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  const value = match ? Number(match[1]) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

export function readGcodeMetadata(content: Uint8Array): GcodeMetadata {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const text =
    bytes.length <= 2 * SCAN_BYTES
      ? bytes.toString('latin1')
      : `${bytes.subarray(0, SCAN_BYTES).toString('latin1')}\n${bytes.subarray(-SCAN_BYTES).toString('latin1')}`;
  const layers =
    firstNumber(text, /^;LAYER_COUNT:\s*(\d+)/m) ?? firstNumber(text, /total layers? count\s*=\s*(\d+)/i);
  const metadata: GcodeMetadata = {
    // Without a slicer estimate: ~1 s per 100 bytes, at least a minute.
    estimatedSeconds: Math.max(60, durationSeconds(text) ?? Math.round(bytes.length / 100)),
    layers: Math.max(1, Math.round(layers ?? Math.max(1, bytes.length / 10_000))),
  };
  const nozzle = firstNumber(text, /^M10[49]\s+S(\d+(?:\.\d+)?)/m);
  const bed = firstNumber(text, /^M1[49]0\s+S(\d+(?:\.\d+)?)/m);
  if (nozzle !== undefined && nozzle > 0) metadata.nozzleCelsius = nozzle;
  if (bed !== undefined && bed > 0) metadata.bedCelsius = bed;
  return metadata;
}
