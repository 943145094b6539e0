// one process, builds interleaved: node bench/.ab1.mjs dirA dirB ... ('dist' = ./dist). KIND=heating|printing
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { heatingFrames, printingFrames } from './status.mjs';
const OBJECTS = ['extruder','heater_bed','toolhead','gcode_move','virtual_sdcard','print_stats','idle_timeout'];
const list = (process.env.KIND==='printing'?printingFrames:heatingFrames)(1024);
async function makeClient(dir) {
  const { createMoonrakerClient } = await import(pathToFileURL(resolve(dir, 'index.js')).href);
  let socket;
  class S { readyState=0; onopen=null; onmessage=null; onclose=null; onerror=null;
    constructor(){ socket=this; queueMicrotask(()=>{this.readyState=1; this.onopen?.({});}); }
    send(text){ const {id,method}=JSON.parse(text);
      const result = method==='server.connection.identify'?{connection_id:1}:method==='server.info'?{klippy_connected:true,klippy_state:'ready'}:method==='printer.objects.list'?{objects:OBJECTS}:{eventtime:1,status:Object.fromEntries(OBJECTS.map(n=>[n,{}]))};
      queueMicrotask(()=>this.onmessage?.({data:JSON.stringify({jsonrpc:'2.0',result,id})})); }
    close(){} }
  const client = createMoonrakerClient({ url:'http://bench.invalid', WebSocket:S, livenessTimeoutMs:0 });
  await client.connect();
  let ev = 0; client.on('notify_status_update', () => ev++);
  let cs = 0;
  return (k) => { socket.onmessage({ data: list[k] }); if (k === 1023) cs += client.status.extruder ? 1 : 0; };
}
const dirs = process.argv.slice(2);
const runs = { base: (k) => JSON.parse(list[k]).params.length };
for (const d of dirs) runs[d] = await makeClient(d);
const res = {};
const N = 5e5;
const order = Object.keys(runs);
for (let round = 0; round < Number(process.env.ROUNDS ?? 12); round++) {
  for (const name of round % 2 ? [...order].reverse() : order) {
    const fn = runs[name];
    const c0 = process.cpuUsage(); for (let i = 0; i < N; i++) fn(i & 1023); const cu = process.cpuUsage(c0);
    if (round > 1) (res[name] ??= []).push((cu.user + cu.system) * 1e3 / N);
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const d of dirs) console.log(d.padEnd(30), (med(res.base) / med(res[d])).toFixed(3), med(res[d]).toFixed(0), 'ns');
console.log('base'.padEnd(30), med(res.base).toFixed(0), 'ns');
process.exit(0);
