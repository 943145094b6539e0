/** Printer events: `GET /app/printers/{uuid}/events?limit&offset&event=`. */
import * as z from 'zod/mini';
import { openEnum, PagerSchema } from './schemas.js';
import { printerStateSchema } from './schemas-printer.js';

export const EVENT_NAMES = [
  'ACCEPTED',
  'CREATED',
  'EMIT',
  'REJECTED',
  'FAILED',
  'FINISHED',
  'INFO',
  'STATE_CHANGED',
  'VALUE_CHANGED',
  'JOB_INFO',
  'FILE_INFO',
  'FILE_CHANGED',
  'TRANSFER_INFO',
  'TRANSFER_STOPPED',
  'TRANSFER_ABORTED',
  'TRANSFER_FINISHED',
] as const;

export const EVENT_SOURCES = [
  'CONNECT',
  'CONNECT_USER',
  'GUI',
  'WUI',
  'SERIAL',
  'GCODE',
  'MARLIN',
  'FIRMWARE',
  'USER',
  'UNKNOWN',
] as const;

/** One entry of the events log. `created` and `server_time` are Unix seconds with a fraction. */
export const PrinterEventSchema = z.looseObject({
  event: openEnum(EVENT_NAMES),
  source: z.optional(openEnum(EVENT_SOURCES)),
  state: z.optional(z.nullable(printerStateSchema)),
  command: z.optional(z.nullable(z.string())),
  command_id: z.optional(z.nullable(z.number())),
  transfer_id: z.optional(z.nullable(z.number())),
  created: z.optional(z.number()),
  server_time: z.optional(z.number()),
  data: z.optional(z.unknown()),
  /** Why a command ended REJECTED or FAILED ("File not found: /usb/x.bgcode"); kept as sent. */
  reason: z.optional(z.unknown()),
});

export const EventListSchema = z.looseObject({
  events: z.array(PrinterEventSchema),
  pager: z.optional(PagerSchema),
});
