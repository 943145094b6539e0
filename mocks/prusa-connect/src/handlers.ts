/** Every msw handler of the mock, most specific first, the NOT_FOUND_ENDPOINT fallback last. */
import type { HttpHandler } from 'msw';
import { badRequest } from './connect-error.js';
import { cameraApiRoutes } from './routes/camera-api.js';
import { cameraRoutes } from './routes/cameras.js';
import { commandRoutes } from './routes/commands.js';
import { eventRoutes } from './routes/events.js';
import { fallbackRoutes } from './routes/fallback.js';
import { fileRoutes } from './routes/files.js';
import { jobRoutes } from './routes/jobs.js';
import { pathGuardRoutes } from './routes/path-guard.js';
import { previewRoutes } from './routes/previews.js';
import { printerRoutes } from './routes/printers.js';
import { publicRoutes } from './routes/public.js';
import { queueRoutes } from './routes/queue.js';
import { statsRoutes } from './routes/stats.js';
import { teamRoutes } from './routes/team.js';
import { teamDetailRoutes } from './routes/team-detail.js';
import { teamJobRoutes } from './routes/team-jobs.js';
import { telemetryRoutes } from './routes/telemetry.js';
import { transferRoutes } from './routes/transfers.js';
import { uploadRoutes } from './routes/uploads.js';
import type { MockWorld } from './state.js';

export function createHandlers(world: MockWorld): HttpHandler[] {
  return [
    ...pathGuardRoutes(world.baseUrl, badRequest),
    ...publicRoutes(world),
    ...printerRoutes(world),
    ...telemetryRoutes(world),
    ...transferRoutes(world),
    ...queueRoutes(world),
    ...jobRoutes(world),
    ...teamJobRoutes(world),
    ...statsRoutes(world),
    ...eventRoutes(world),
    ...commandRoutes(world),
    ...fileRoutes(world),
    ...cameraRoutes(world),
    ...cameraApiRoutes(world),
    ...uploadRoutes(world),
    ...previewRoutes(world),
    ...teamRoutes(world),
    ...teamDetailRoutes(world),
    ...fallbackRoutes(world),
  ];
}
