/**
 * Runs one method from the table the way Moonraker gates it: credentials first, then whether
 * Klippy is there, then the handler. Shared by every transport.
 */
import { Args } from './args.js';
import { KLIPPY_HOST_NOT_CONNECTED, MoonrakerError, unauthorized } from './errors.js';
import type { MoonrakerHost } from './host.js';
import { METHODS } from './methods/index.js';
import type { MethodContext, MethodSpec } from './methods/types.js';

/** Whether `name` is a method on this transport right now (Klippy's appear once it connected). */
export function methodFor(
  host: MoonrakerHost,
  name: string,
  transport: 'websocket' | 'http',
): MethodSpec | undefined {
  const spec = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  if (!spec) return undefined;
  if (spec.websocketOnly && transport !== 'websocket') return undefined;
  if (spec.klippy === 'registered' && !host.klippy.connectedOnce) return undefined;
  return spec;
}

/** Throws the refusal Moonraker sends before a handler runs: 401 without credentials, 503 without Klippy. */
function checkAccess(spec: MethodSpec, ctx: MethodContext): void {
  if (spec.auth !== false && !ctx.identity) throw unauthorized();
  if (spec.klippy && !ctx.host.klippy.connected) throw new MoonrakerError(KLIPPY_HOST_NOT_CONNECTED, 503);
}

/**
 * Runs the method: the result itself, or a promise of it when the handler is asynchronous. A
 * refusal is thrown synchronously (an `async` caller turns it into a rejection).
 */
export function invoke(spec: MethodSpec, ctx: MethodContext, params: Record<string, unknown>): unknown {
  checkAccess(spec, ctx);
  return spec.handler(ctx, new Args(params));
}

/**
 * The method's result as JSON text when it is cacheable (`spec.cacheKey`), served from the host's
 * result cache; undefined for every other method. Throws like `invoke`.
 */
export function cachedResultJson(
  method: string,
  spec: MethodSpec,
  ctx: MethodContext,
  params: Record<string, unknown>,
): string | undefined {
  const { cacheKey } = spec;
  if (cacheKey === undefined) return undefined;
  checkAccess(spec, ctx);
  return ctx.host.results.json(method, cacheKey(ctx), () => spec.handler(ctx, new Args(params)));
}
