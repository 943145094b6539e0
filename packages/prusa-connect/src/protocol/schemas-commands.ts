/** Supported commands and command replies. */
import * as z from 'zod/mini';
import { openEnum } from './schemas.js';
import { EVENT_SOURCES, PrinterEventSchema } from './schemas-events.js';
import { printerStateSchema } from './schemas-printer.js';

export const COMMAND_ARG_TYPES = ['string', 'integer', 'number', 'boolean', 'object', 'array'] as const;

/**
 * One argument of a supported command. `min_limit`/`max_limit` bound numbers; `unit` is for people
 * (`mm/min`, `%`, `°C`); `reference` names where the value comes from (`job_info.origin_id`).
 */
export const CommandArgSpecSchema = z.looseObject({
  name: z.string(),
  type: z.optional(openEnum(COMMAND_ARG_TYPES)),
  required: z.optional(z.boolean()),
  default: z.optional(z.unknown()),
  unit: z.optional(z.nullable(z.string())),
  min_limit: z.optional(z.nullable(z.number())),
  max_limit: z.optional(z.nullable(z.number())),
  description: z.optional(z.nullable(z.string())),
  reference: z.optional(z.nullable(z.string())),
});

/**
 * One supported command. `args` is a list of specs on current printers, a list of bare names in
 * older captures (the seed). A name can appear twice (the CORE One capture lists CANCEL_OBJECT twice).
 */
export const SupportedCommandSchema = z.looseObject({
  command: z.string(),
  args: z.optional(z.array(z.union([z.string(), CommandArgSpecSchema]))),
  description: z.optional(z.nullable(z.string())),
  template: z.optional(z.nullable(z.string())),
  duplicates_allowed: z.optional(z.boolean()),
  executable_from_state: z.optional(z.array(printerStateSchema)),
});

export const SupportedCommandsSchema = z.looseObject({ commands: z.array(SupportedCommandSchema) });

export const COMMAND_STATES = ['CREATED', 'EMIT', 'ACCEPTED', 'FINISHED', 'REJECTED', 'FAILED'] as const;

/** A command as Connect stored it. `received` is Unix seconds. */
export const CommandRecordSchema = z.looseObject({
  id: z.optional(z.number()),
  state: z.optional(openEnum(COMMAND_STATES)),
  command: z.optional(z.string()),
  received: z.optional(z.number()),
  source: z.optional(openEnum(EVENT_SOURCES)),
  kwargs: z.optional(z.record(z.string(), z.unknown())),
});

/**
 * Reply of `POST .../commands/sync`: the stored command and the event that ended it
 * (`FINISHED` or `REJECTED`); `event.state` is the printer state at that moment.
 */
export const CommandSyncReplySchema = z.looseObject({
  command: CommandRecordSchema,
  event: z.optional(z.nullable(PrinterEventSchema)),
});

/**
 * Reply of `POST .../commands` (queued, returns at once). Not captured: third-party clients show
 * either the sync shape without `event` or the bare command record, so both parse.
 */
export const CommandQueuedReplySchema = z.union([CommandSyncReplySchema, CommandRecordSchema]);
