/**
 * The progress line of a large fleet on stderr: `starting 3000 printers… 900/3000` at every tenth,
 * then how long it took. Small fleets (the everyday case) start silently.
 */
export const PROGRESS_MIN_PRINTERS = 100;

export interface StartProgress {
  onProgress(started: number, total: number): void;
  /** The closing line, e.g. `started 3000 printers in 4.2 s`. */
  done(summary: { printers: number; shard: { index: number; count: number; total: number } }): void;
}

export function startProgress(write: (line: string) => void, now: () => number = Date.now): StartProgress {
  const began = now();
  let lastTenth = 0;
  let announced = false;
  return {
    onProgress(started, total) {
      if (total < PROGRESS_MIN_PRINTERS) return;
      if (!announced) {
        announced = true;
        write(`printkit-mocks: starting ${total} printers…\n`);
      }
      const tenth = Math.floor((started * 10) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        write(`printkit-mocks: ${started}/${total} printers up\n`);
      }
    },
    done({ printers, shard }) {
      if (printers < PROGRESS_MIN_PRINTERS && shard.count === 1) return;
      const slice =
        shard.count === 1 ? '' : ` (shard ${shard.index}/${shard.count} of a ${shard.total}-printer fleet)`;
      const seconds = ((now() - began) / 1000).toFixed(1);
      write(`printkit-mocks: started ${printers} printers${slice} in ${seconds} s\n`);
    },
  };
}
