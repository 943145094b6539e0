// in-process per-frame ns: base parse, ideal minimal path, real client path
import { heatingFrames, printingFrames } from './status.mjs';
import { createMoonrakerClient } from './dist.mjs';
const { StatusStore } = await import(process.env.BENCH_DIST ? process.env.BENCH_DIST + '/client/state.js' : '../dist/client/state.js');
const { TypedEmitter } = await import('@printkit/core-types');
const OBJECTS = ['extruder','heater_bed','toolhead','gcode_move','virtual_sdcard','print_stats','idle_timeout'];
let socket;
class S { readyState=0; onopen=null; onmessage=null; onclose=null; onerror=null;
  constructor(){ socket=this; queueMicrotask(()=>{this.readyState=1; this.onopen?.({});}); }
  send(text){ const {id,method}=JSON.parse(text);
    const result = method==='server.connection.identify'?{connection_id:1}:method==='server.info'?{klippy_connected:true,klippy_state:'ready'}:method==='printer.objects.list'?{objects:OBJECTS}:{eventtime:1,status:Object.fromEntries(OBJECTS.map(n=>[n,{}]))};
    queueMicrotask(()=>this.onmessage?.({data:JSON.stringify({jsonrpc:'2.0',result,id})})); }
  close(){} }
const client = createMoonrakerClient({ url:'http://bench.invalid', WebSocket:S, livenessTimeoutMs:0 });
await client.connect();
let ev=0; client.on('notify_status_update',()=>ev++);
const list = (process.env.KIND==='printing'?printingFrames:heatingFrames)(1024);
const store = new StatusStore(); store.reset(Object.fromEntries(OBJECTS.map(n=>[n,{}])), 1);
const D = process.env.BENCH_DIST ?? '../dist';
const { JsonRpcPeer } = await import(D + '/transport/jsonrpc.js');
const { dispatchNotification, applyStatusUpdate } = await import(D + '/client/session.js');
const em = new TypedEmitter();
function idealStatus(p){ if (Array.isArray(p)) { store.applyKnown(p[0]); em.emit('notify_status_update', p[0], p[1]); } }
const peer1 = new JsonRpcPeer({ defaultTimeoutMs: 0, send(){}, onFrame(){}, onNotification: (m, p) => { if (m === 'notify_status_update') idealStatus(p); }, onProtocolError(){} });
const sink = { emit: (e, ...a) => em.emit(e, ...a), statusUpdate: (params, diff, eventtime) => { applyStatusUpdate(store, em, params, diff, eventtime); } };
const peer2 = new JsonRpcPeer({ defaultTimeoutMs: 0, send(){}, onFrame(){}, onNotification: (m, p) => dispatchNotification(sink, m, p), onProtocolError(){} }); em.on('notify_status_update', ()=>ev++);
let cs=0;
const variants = {
  base(k){ cs += JSON.parse(list[k]).params.length; },
  ideal(k){ const msg = JSON.parse(list[k]); if (msg.method === 'notify_status_update') { const p = msg.params; if (Array.isArray(p)) { store.applyKnown(p[0]); em.emit('notify_status_update', p[0], p[1]); } } if (k===1023) cs += store.state.extruder?1:0; },
  L1peer(k){ peer1.handleFrame(list[k]); if (k===1023) cs += store.state.extruder?1:0; },
  L2dispatch(k){ peer2.handleFrame(list[k]); if (k===1023) cs += store.state.extruder?1:0; },
  client(k){ socket.onmessage({data:list[k]}); if (k===1023) cs += client.status.extruder?1:0; },
};
const MASK = Number(process.env.MASK ?? 1023);
const res = {};
for (let round=0; round<Number(process.env.ROUNDS ?? 6); round++) for (const [name, fn] of Object.entries(variants).filter(([n]) => !process.env.ONLY || n === 'base' || n === 'client')) {
  const N=Number(process.env.N ?? 1e6); const c0=process.cpuUsage(); for (let i=0;i<N;i++) fn(i&MASK); const cu=process.cpuUsage(c0); const ns=(cu.user+cu.system)*1e3/N;
  if (round>0) (res[name] ??= []).push(ns);
}
const med = a => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const [n,a] of Object.entries(res)) console.log(n.padEnd(8), med(a).toFixed(0), 'ns', (med(res.base)/med(a)).toFixed(3), a.map(x=>x.toFixed(0)).join(' '));
await client.close();
