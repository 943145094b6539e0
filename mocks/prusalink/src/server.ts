/**
 * The loopback HTTP server: finds the route, consults the fault plan, checks credentials, answers.
 * Every `/api/` path needs credentials (the firmware checks them before it looks at the rest of the
 * path, so an unknown `/api/v1/...` path without credentials is a 401, with them a 404).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from '@printkit/printer-sim';
import { authorize, challenge } from './auth.js';
import { drain, sendError } from './http-io.js';
import { legacyRoutes } from './routes/legacy.js';
import type { Route } from './routes/route.js';
import { v1Routes } from './routes/v1.js';
import { v1FileRoutes } from './routes/v1-files.js';
import type { LinkWorld } from './world.js';

export interface LinkServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function routesFor(world: LinkWorld): Route[] {
  return world.options.dialect === 'legacy' ? legacyRoutes() : [...v1Routes(), ...v1FileRoutes()];
}

export async function listen(world: LinkWorld, options: { host: string; port: number }): Promise<LinkServer> {
  const routes = routesFor(world);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server: Server = createServer({ noDelay: true }, (req, res) => {
    answer(req, res, world, routes, timers).catch((error: unknown) => {
      // Only a bug in the mock gets here; the answer says so instead of hanging the client.
      if (res.headersSent) res.destroy();
      else sendError(req, res, 500, error instanceof Error ? error.message : 'Internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function delay(ms: number, timers: Set<ReturnType<typeof setTimeout>>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  world: LinkWorld,
  routes: readonly Route[],
  timers: Set<ReturnType<typeof setTimeout>>,
): Promise<void> {
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';
  const pathname = target.split('?')[0] ?? '/';
  const route = routes.find((candidate) => candidate.pattern.test(pathname));
  const fault = world.sim.faults.take(route ? `${method} ${route.template}` : `${method} ${pathname}`);
  if (fault) {
    const handled = await actOut(fault, req, res, world, timers);
    if (handled) return;
  }
  if (pathname.startsWith('/api/') && !authorize(req, res, world, method)) {
    drain(req);
    return;
  }
  if (!route) {
    drain(req);
    sendError(req, res, 404, 'Not Found');
    return;
  }
  if (!route.methods.includes(method)) {
    drain(req);
    res.setHeader('Allow', route.methods.join(', '));
    sendError(req, res, 405, 'Method Not Allowed');
    return;
  }
  const params = route.pattern.exec(pathname)?.slice(1) ?? [];
  await route.handler({ req, res, world, method, params: params.map((p) => p ?? '') as string[] });
}

/** Plays a fault; true when the request is fully answered (or dropped) by it. */
async function actOut(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  world: LinkWorld,
  timers: Set<ReturnType<typeof setTimeout>>,
): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      await delay(fault.delayMs ?? 1_000, timers);
      return false;
    case 'drop':
    case 'disconnect':
      req.socket.destroy();
      return true;
    case 'malformed': {
      drain(req);
      const bytes = Buffer.from('{"printer": {"state": "PRI');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
      res.end(bytes);
      return true;
    }
    case 'error-reply': {
      drain(req);
      const status = fault.status ?? 503;
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      sendError(req, res, status, fault.message ?? 'Injected error', {
        headers,
        ...(fault.code === undefined ? {} : { code: String(fault.code) }),
      });
      return true;
    }
    case 'auth-failure':
      drain(req);
      challenge(req, res, world, false);
      return true;
  }
}
