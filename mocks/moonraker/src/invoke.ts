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

export async function invoke(
  spec: MethodSpec,
  ctx: MethodContext,
  params: Record<string, unknown>,
): Promise<unknown> {
  if (spec.auth !== false && !ctx.identity) throw unauthorized();
  if (spec.klippy && !ctx.host.klippy.connected) throw new MoonrakerError(KLIPPY_HOST_NOT_CONNECTED, 503);
  return await spec.handler(ctx, new Args(params));
}
