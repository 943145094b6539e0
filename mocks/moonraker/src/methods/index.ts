/** The one method table every transport dispatches through. */
import { ACCESS_METHODS } from './access.js';
import { ANNOUNCEMENT_METHODS } from './announcements.js';
import { DATABASE_METHODS } from './database.js';
import { FILE_METHODS } from './files.js';
import { HISTORY_METHODS } from './history.js';
import { JOB_QUEUE_METHODS } from './job-queue.js';
import { MACHINE_METHODS } from './machine.js';
import { PRINTER_METHODS } from './printer.js';
import { SERVER_METHODS } from './server.js';
import type { MethodTable } from './types.js';
import { WEBCAM_METHODS } from './webcams.js';

export const METHODS: MethodTable = {
  ...PRINTER_METHODS,
  ...SERVER_METHODS,
  ...FILE_METHODS,
  ...ACCESS_METHODS,
  ...DATABASE_METHODS,
  ...HISTORY_METHODS,
  ...WEBCAM_METHODS,
  ...ANNOUNCEMENT_METHODS,
  ...JOB_QUEUE_METHODS,
  ...MACHINE_METHODS,
};
