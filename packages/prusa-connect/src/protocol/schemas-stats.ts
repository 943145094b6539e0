/**
 * Per-printer statistics: `GET /app/stats/printers/{uuid}/{printing_not_printing | material_quantity |
 * planned_tasks | jobs_success}?from&to` (Unix seconds). Names from the OpenAPI description and models of
 * dcode/python-prusa-connect-sdk-client (`services/stats.py`, `models/stats.py`); never captured from
 * the live service, so every field is optional and anything else is kept.
 */
import * as z from 'zod/mini';
import { nullableNumber } from './schemas.js';

const statsHead = {
  from: z.optional(nullableNumber),
  to: z.optional(nullableNumber),
  name: z.optional(z.nullable(z.string())),
  uuid: z.optional(z.nullable(z.string())),
};

/** A named value: seconds printing / not printing, grams per material. */
const NamedValueSchema = z.looseObject({ name: z.optional(z.string()), value: z.optional(nullableNumber) });

/** Seconds spent printing and not printing in the range (`data: [{name, value}]`). */
export const PrintingNotPrintingSchema = z.looseObject({
  ...statsHead,
  data: z.optional(z.array(NamedValueSchema)),
});

/** Material used in the range, per material (`data: [{name, value}]`, grams). */
export const MaterialQuantitySchema = z.looseObject({
  ...statsHead,
  data: z.optional(z.array(NamedValueSchema)),
});

/** Queue entries planned per day (`xAxis`: days; `series`: as sent). */
export const PlannedTasksSchema = z.looseObject({
  ...statsHead,
  xAxis: z.optional(z.array(z.unknown())),
  series: z.optional(z.unknown()),
});

/** Ended jobs per day, one series per end state (`FIN_OK`, `FIN_STOPPED`, `FIN_ERROR`). */
export const JobsSuccessSchema = z.looseObject({
  ...statsHead,
  xAxis: z.optional(z.array(z.unknown())),
  series: z.optional(
    z.array(z.looseObject({ name: z.optional(z.string()), data: z.optional(z.array(z.unknown())) })),
  ),
  time_shift: z.optional(z.nullable(z.string())),
});
