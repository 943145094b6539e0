import { describe, expect, it } from 'vitest';
import { startProgress } from './start-progress.js';

function recorder() {
  const lines: string[] = [];
  let now = 1_000;
  const progress = startProgress(
    (line) => lines.push(line),
    () => now,
  );
  return { lines, progress, advance: (ms: number) => (now += ms) };
}

describe('startProgress', () => {
  it('a large fleet: one line at the start, one per tenth, then the time it took', () => {
    const { lines, progress, advance } = recorder();
    for (let started = 1; started <= 300; started++) progress.onProgress(started, 300);
    advance(4_250);
    progress.done({ printers: 300, shard: { index: 1, count: 1, total: 300 } });
    expect(lines[0]).toBe('printkit-mocks: starting 300 printers…\n');
    expect(lines.slice(1, -1)).toEqual(
      [30, 60, 90, 120, 150, 180, 210, 240, 270, 300].map((n) => `printkit-mocks: ${n}/300 printers up\n`),
    );
    expect(lines.at(-1)).toBe('printkit-mocks: started 300 printers in 4.3 s\n');
  });

  it('a batch that jumps several tenths (a Connect with all its printers) gives one line', () => {
    const { lines, progress } = recorder();
    progress.onProgress(100, 1000);
    progress.onProgress(900, 1000);
    expect(lines).toEqual([
      'printkit-mocks: starting 1000 printers…\n',
      'printkit-mocks: 100/1000 printers up\n',
      'printkit-mocks: 900/1000 printers up\n',
    ]);
  });

  it('a small fleet starts silently; a shard always says which slice it runs', () => {
    const { lines, progress } = recorder();
    for (let started = 1; started <= 3; started++) progress.onProgress(started, 3);
    progress.done({ printers: 3, shard: { index: 1, count: 1, total: 3 } });
    expect(lines).toEqual([]);
    progress.done({ printers: 3, shard: { index: 2, count: 4, total: 12 } });
    expect(lines).toEqual([
      'printkit-mocks: started 3 printers (shard 2/4 of a 12-printer fleet) in 0.0 s\n',
    ]);
  });
});
