// The fair baseline for the client: a raw `ws` socket doing the same JSON-RPC exchange by hand —
// the same request text the client sends, `JSON.parse` of every answer, the pending call found by
// its id in a Map — and nothing else (no deadline, no validation, no events). What is left between
// the two is the client's own work.
import { WebSocket } from 'ws';

export async function openRawRpc(url, { onNotification } = {}) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const waiting = new Map();
  let nextId = 1;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.id === undefined) {
      onNotification?.(message.method, message.params);
      return;
    }
    const resolve = waiting.get(message.id);
    if (resolve !== undefined) {
      waiting.delete(message.id);
      resolve(message.result);
    }
  });
  return {
    /** The same frame text as the client's `JsonRpcPeer` builds. */
    call(method, params) {
      const id = nextId++;
      const frame =
        params === undefined
          ? `{"jsonrpc":"2.0","method":"${method}","id":${id}}`
          : `{"jsonrpc":"2.0","method":"${method}","params":${JSON.stringify(params)},"id":${id}}`;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        socket.send(frame);
      });
    },
    close: () => socket.terminate(),
  };
}
