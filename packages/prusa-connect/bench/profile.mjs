// Profiling aid for the request path (not a benchmark: bench/run.mjs gives the figures).
//   node --cpu-prof --cpu-prof-name=client.cpuprofile bench/profile.mjs client 1 40000
//   node --cpu-prof --cpu-prof-name=bare.cpuprofile bench/profile.mjs bare 1 40000
//   node bench/profile.mjs --summary client.cpuprofile bare.cpuprofile 40000
// The first two run `client.printers.get` (or bare undici Pool.request + body.text() + JSON.parse) N
// times with C in flight against bench/static-server.mjs; the third prints self time per request by
// function, side by side, largest difference first. Run after `pnpm run build`.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function selfTimes(file, requests) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const perNode = new Map();
  profile.samples.forEach((id, i) => {
    perNode.set(id, (perNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const perFunction = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/.*node_modules\/\.pnpm\//, '').replace(/.*\/packages\//, '');
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + (perNode.get(node.id) ?? 0) / requests);
  }
  return perFunction;
}

if (process.argv[2] === '--summary') {
  const [a, b, count] = process.argv.slice(3);
  const requests = Number(count ?? 1);
  const left = selfTimes(a, requests);
  const right = b ? selfTimes(b, requests) : new Map();
  const rows = [...new Set([...left.keys(), ...right.keys()])]
    .map((key) => [key, left.get(key) ?? 0, right.get(key) ?? 0])
    .sort((x, y) => Math.abs(y[1] - y[2]) - Math.abs(x[1] - x[2]));
  console.log('µs/request (self):', a, b ?? '', ' (wall-clock samples: idle and syscalls included)');
  for (const [key, x, y] of rows.slice(0, 40)) {
    console.log(`${x.toFixed(2).padStart(8)} ${y.toFixed(2).padStart(8)}  ${key}`);
  }
} else {
  const [side = 'client', concurrency = '1', count = '40000'] = process.argv.slice(2);
  const { Pool } = await import('undici');
  const { createPrusaConnectClient } = await import('../dist/index.js');
  const child = fork(fileURLToPath(new URL('./static-server.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const server = await new Promise((resolve) => child.once('message', resolve));
  const client = createPrusaConnectClient({ baseUrl: server.url, token: server.token });
  const pool = new Pool(server.url, { connections: 16, keepAliveTimeout: 30_000 });
  const path = `/app/printers/${server.uuid}`;
  const headers = { authorization: `Bearer ${server.token}`, accept: 'application/json' };
  const once =
    side === 'bare'
      ? async () => JSON.parse(await (await pool.request({ method: 'GET', path, headers })).body.text())
      : () => client.printers.get(server.uuid);
  let left = Number(count);
  const loop = async () => {
    while (left-- > 0) await once();
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: Number(concurrency) }, loop));
  const cpu = process.cpuUsage(before);
  console.log(`${side}: ${((cpu.user + cpu.system) / Number(count)).toFixed(1)} µs CPU per request`);
  await client.close();
  await pool.close();
  child.kill();
}
