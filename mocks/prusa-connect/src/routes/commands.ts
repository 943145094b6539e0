/**
 * `supported-commands` (the real CORE One's capture), `commands` (async) and `commands/sync`.
 * `GET .../commands` answers the same list: dcode/python-prusa-connect-sdk-client reads the supported
 * commands from there (`services/printers.py` `get_supported_commands`, its OpenAPI description
 * "Get supported commands") and refuses every command when STOP_PRINT is missing.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { runCommand } from '../command-runner.js';
import { CORE_ONE_SUPPORTED_COMMANDS } from '../fixtures/supported-commands.js';
import { definePrinterRoute, readJsonObject } from '../route.js';
import type { MockWorld } from '../state.js';

export function commandRoutes(world: MockWorld): HttpHandler[] {
  const supported = () => HttpResponse.json({ commands: CORE_ONE_SUPPORTED_COMMANDS });
  return [
    definePrinterRoute(world, 'get', '/app/printers/:uuid/supported-commands', supported),
    definePrinterRoute(world, 'get', '/app/printers/:uuid/commands', supported),
    definePrinterRoute(world, 'post', '/app/printers/:uuid/commands', async ({ request, printer }) => {
      const body = await readJsonObject(request);
      return body instanceof Response ? body : runCommand(world, printer, body, 'async');
    }),
    definePrinterRoute(world, 'post', '/app/printers/:uuid/commands/sync', async ({ request, printer }) => {
      const body = await readJsonObject(request);
      return body instanceof Response ? body : runCommand(world, printer, body, 'sync');
    }),
  ];
}
