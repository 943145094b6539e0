/** Every msw handler of the mock, most specific first, the NOT_FOUND_ENDPOINT fallback last. */
import type { HttpHandler } from 'msw';
import { cameraRoutes } from './routes/cameras.js';
import { commandRoutes } from './routes/commands.js';
import { eventRoutes } from './routes/events.js';
import { fallbackRoutes } from './routes/fallback.js';
import { fileRoutes } from './routes/files.js';
import { jobRoutes } from './routes/jobs.js';
import { printerRoutes } from './routes/printers.js';
import { publicRoutes } from './routes/public.js';
import { queueRoutes } from './routes/queue.js';
import { teamRoutes } from './routes/team.js';
import { telemetryRoutes } from './routes/telemetry.js';
import { transferRoutes } from './routes/transfers.js';
import { uploadRoutes } from './routes/uploads.js';
import type { MockWorld } from './state.js';

export function createHandlers(world: MockWorld): HttpHandler[] {
  return [
    ...publicRoutes(world),
    ...printerRoutes(world),
    ...telemetryRoutes(world),
    ...transferRoutes(world),
    ...queueRoutes(world),
    ...jobRoutes(world),
    ...eventRoutes(world),
    ...commandRoutes(world),
    ...fileRoutes(world),
    ...cameraRoutes(world),
    ...uploadRoutes(world),
    ...teamRoutes(world),
    ...fallbackRoutes(world),
  ];
}
