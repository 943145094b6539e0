/**
 * Policy 1 on validated replies: the enum fields users branch on — printer states (`state`,
 * `printer_state`, `connect_state`), job states, command states, event names — keep a known value as is;
 * an unknown one becomes `'unknown'` with the wire value in `<field>_raw` (core-types `lenientEnum`).
 * Other enum-like fields (event `source`, upload states, camera trigger schemes…) stay open strings,
 * typed `Known | (string & {})`.
 *
 * Applied after validation rather than as a zod transform, so the compiled fast check still answers
 * valid replies (a transform would send every polled printer detail through zod's copy, ~2× slower).
 * A reply whose values are all known is returned as the same object, not copied.
 */
import { lenientEnum } from '@printkit/core-types/codec';
import { COMMAND_STATES } from './schemas-commands.js';
import { EVENT_NAMES } from './schemas-events.js';
import { JOB_STATES, PRINTER_STATES } from './schemas-printer.js';
import type {
  CommandQueuedReply,
  CommandRecord,
  CommandSyncReply,
  EventList,
  Job,
  JobInfo,
  JobList,
  Printer,
  PrinterEvent,
  PrinterList,
} from './wire.js';

type Wire = Record<string, unknown>;

const isObject = (value: unknown): value is Wire =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` with `field` replaced by `next`, the same object when nothing changed. */
function withField(value: Wire, field: string, next: unknown): Wire {
  return value[field] === next ? value : { ...value, [field]: next };
}

function mapArray(value: Wire, field: string, each: (item: Wire) => Wire): Wire {
  const items = value[field];
  if (!Array.isArray(items)) return value;
  let changed = false;
  const mapped = items.map((item) => {
    const next = isObject(item) ? each(item) : item;
    if (next !== item) changed = true;
    return next;
  });
  return changed ? { ...value, [field]: mapped } : value;
}

const jobInfo = (value: Wire): Wire => lenientEnum(value, 'state', JOB_STATES);

const PRINTER_STATE_FIELDS = ['state', 'printer_state', 'connect_state'] as const;

function printer(value: Wire): Wire {
  let result: Wire = value;
  for (const field of PRINTER_STATE_FIELDS) result = lenientEnum(result, field, PRINTER_STATES);
  const info = result.job_info;
  return isObject(info) ? withField(result, 'job_info', jobInfo(info)) : result;
}

const job = (value: Wire): Wire => lenientEnum(value, 'state', JOB_STATES);
const commandRecord = (value: Wire): Wire => lenientEnum(value, 'state', COMMAND_STATES);
const event = (value: Wire): Wire =>
  lenientEnum(lenientEnum(value, 'event', EVENT_NAMES), 'state', PRINTER_STATES);

function syncReply(value: Wire): Wire {
  let result = value;
  if (isObject(result.command)) result = withField(result, 'command', commandRecord(result.command));
  if (isObject(result.event)) result = withField(result, 'event', event(result.event));
  return result;
}

// The validated parse types in, the lenient wire types out (the casts are the point of this module).
export const leniencyOf = {
  printer: (value: object) => printer(value as Wire) as Printer,
  printerList: (value: object) => mapArray(value as Wire, 'printers', printer) as PrinterList,
  jobInfo: (value: object) => jobInfo(value as Wire) as JobInfo,
  job: (value: object) => job(value as Wire) as Job,
  jobList: (value: object) => mapArray(value as Wire, 'jobs', job) as JobList,
  event: (value: object) => event(value as Wire) as PrinterEvent,
  eventList: (value: object) => mapArray(value as Wire, 'events', event) as EventList,
  commandRecord: (value: object) => commandRecord(value as Wire) as CommandRecord,
  syncReply: (value: object) => syncReply(value as Wire) as CommandSyncReply,
  /** The queued reply is a sync-shaped reply (with `command`) or the bare record. */
  queuedReply: (value: object) =>
    (isObject((value as Wire).command)
      ? syncReply(value as Wire)
      : commandRecord(value as Wire)) as CommandQueuedReply,
};
