/**
 * What the sim needs to print an uploaded file: its estimated time and layer count. Read from the
 * slicer's comments when present (PrusaSlicer writes `; estimated printing time (normal mode) = 1h 2m
 * 3s` and `;LAYER_CHANGE` per layer), otherwise derived from the size so any upload can be printed.
 */
export function estimatePrint(content: Uint8Array): { estimatedSeconds: number; layers: number } {
  // Only the text head/tail matter; binary G-code (bgcode) simply yields no matches.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content.subarray(0, 4 * 1024 * 1024));
  const time =
    /estimated printing time \(normal mode\)\s*=\s*((?:\d+d\s*)?(?:\d+h\s*)?(?:\d+m\s*)?(?:\d+s)?)/.exec(
      text,
    );
  const layers = text.match(/^;LAYER_CHANGE/gm)?.length ?? 0;
  const parsed = time?.[1] ? parseDuration(time[1]) : 0;
  return {
    estimatedSeconds: parsed > 0 ? parsed : Math.max(60, Math.round(content.length / 100)),
    layers: layers > 0 ? layers : 50,
  };
}

function parseDuration(text: string): number {
  const unit = { d: 86_400, h: 3600, m: 60, s: 1 } as const;
  let total = 0;
  for (const match of text.matchAll(/(\d+)([dhms])/g)) {
    total += Number(match[1]) * unit[match[2] as keyof typeof unit];
  }
  return total;
}
