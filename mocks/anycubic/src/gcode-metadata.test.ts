import { describe, expect, it } from 'vitest';
import { readGcodeMetadata } from './gcode-metadata.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readGcodeMetadata', () => {
  it('reads PrusaSlicer-style time, layer count and temperatures', () => {
    expect(
      readGcodeMetadata(
        bytes(
          '; estimated printing time (normal mode) = 1d 1h 0m 5s\n;LAYER_COUNT:300\nM109 S240\nM190 S90\n',
        ),
      ),
    ).toEqual({
      estimatedSeconds: 90_005,
      layers: 300,
      nozzleCelsius: 240,
      bedCelsius: 90,
    });
  });

  it('reads Cura ;TIME and falls back to size-based estimates for unknown files', () => {
    expect(readGcodeMetadata(bytes(';TIME:4321\nG28\n')).estimatedSeconds).toBe(4321);
    const plain = readGcodeMetadata(new Uint8Array(50_000));
    expect(plain).toEqual({ estimatedSeconds: 500, layers: 5 });
    expect(readGcodeMetadata(new Uint8Array(0))).toEqual({ estimatedSeconds: 60, layers: 1 });
  });
});
