// The printers: the real `printkit-mocks` fleet app in a child process (`--port-base 0 --json`), so the
// mocks' CPU and heap never count in this process. Its one JSON line is the fleet description
// (`printers`: connection entries as in printkit.config.json; `mocks`: every endpoint).
import { spawn } from 'node:child_process';

const MOCKS_BIN = new URL('../../../mocks/dist/bin.js', import.meta.url).pathname;

/** Starts `printkit-mocks --fleet <spec> --port-base 0 --json`; resolves with the parsed line and `stop()`. */
export async function startFleetChild(spec, { startTimeoutMs = 120_000 } = {}) {
  const child = spawn(process.execPath, [MOCKS_BIN, '--fleet', spec, '--port-base', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const line = await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`printkit-mocks gave no fleet line in ${startTimeoutMs} ms`)),
        startTimeoutMs,
      );
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        output += chunk;
        const end = output.indexOf('\n');
        if (end >= 0) {
          clearTimeout(timer);
          resolve(output.slice(0, end));
        }
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(
          new Error(`printkit-mocks exited (${code ?? signal}) before its fleet line: ${stderr.trim()}`),
        );
      });
    });
    return { fleet: JSON.parse(line), pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
