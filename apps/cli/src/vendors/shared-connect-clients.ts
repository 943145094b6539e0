/**
 * One Prusa Connect client per (url, token, timeout) for all the printers one CLI process makes.
 * Every printer of a Connect account talks to the same API, and a client per printer costs an undici
 * pool each: ~39 KB per printer at 1,000 printers against ~6.5 KB with one shared client
 * (`bench/fleet-clients`, README "Benchmark"). The adapter never closes a client it was given, so the
 * client is closed here when the last printer using it closes.
 */
import type { Printer } from '@printkit/core-types';
import type { PrusaConnectClient } from '@printkit/prusa-connect';

export interface ConnectPrinterOptions {
  baseUrl: string;
  token: string;
  printerUuid: string;
  storage?: string;
  timeoutMs?: number;
}

interface SharedClient {
  readonly client: PrusaConnectClient;
  printers: number;
}

/** Keyed by url, token and timeout: in memory only, never shown (the token is a secret). */
const clients = new Map<string, SharedClient>();

/** How many shared clients are open (for tests: 0 once every printer made here is closed). */
export function openConnectClients(): number {
  return clients.size;
}

export async function createSharedConnectPrinter(options: ConnectPrinterOptions): Promise<Printer> {
  const { createPrusaConnectClient, createPrusaConnectPrinter } = await import('@printkit/prusa-connect');
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const key = JSON.stringify([options.baseUrl, options.token, options.timeoutMs ?? null]);
  let shared = clients.get(key);
  if (shared === undefined) {
    shared = {
      client: createPrusaConnectClient({ baseUrl: options.baseUrl, token: options.token, ...timeout }),
      printers: 0,
    };
    clients.set(key, shared);
  }
  const entry = shared;
  let printer: Printer;
  try {
    printer = createPrusaConnectPrinter({
      baseUrl: options.baseUrl,
      token: options.token,
      printerUuid: options.printerUuid,
      client: entry.client,
      ...(options.storage === undefined ? {} : { storage: options.storage }),
      ...timeout,
    });
  } catch (error) {
    // A printer that could not be made must not leave an unused client open.
    if (entry.printers === 0) await release(key, entry);
    throw error;
  }
  entry.printers++;
  const closePrinter = printer.close.bind(printer);
  let released = false;
  printer.close = async () => {
    await closePrinter();
    if (released) return;
    released = true;
    entry.printers--;
    if (entry.printers === 0) await release(key, entry);
  };
  return printer;
}

async function release(key: string, entry: SharedClient): Promise<void> {
  if (clients.get(key) === entry) clients.delete(key);
  await entry.client.close();
}
