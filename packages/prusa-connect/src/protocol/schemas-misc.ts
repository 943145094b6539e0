/** Small endpoints: version, printer types, app config, invitations, notifications, teams. */
import * as z from 'zod/mini';

/** `GET /version.json` (no auth). */
export const VersionSchema = z.looseObject({
  commit: z.optional(z.string()),
  version: z.optional(z.string()),
  date: z.optional(z.string()),
});

const limitsSchema = z.looseObject({
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  default: z.optional(z.number()),
});

/** `GET /app/printer-types` (no auth). `id` is `type.version.subversion`, e.g. `7.1.0`. */
export const PrinterTypeSchema = z.looseObject({
  id: z.string(),
  type: z.optional(z.number()),
  version: z.optional(z.number()),
  subversion: z.optional(z.number()),
  name: z.optional(z.string()),
  parameters: z.optional(z.record(z.string(), z.union([limitsSchema, z.unknown()]))),
  fw_device_type_id: z.optional(z.string()),
  support: z.optional(z.looseObject({})),
});
export const PrinterTypeListSchema = z.looseObject({ printer_types: z.array(PrinterTypeSchema) });

/**
 * `GET /app/config` (no auth). One SDK needs its `auth` object (`backends`, `client_id`,
 * `redirect_url`) on start; the rest is kept as sent.
 */
export const AppConfigSchema = z.looseObject({
  auth: z.optional(z.looseObject({})),
});

/** `GET /app/invitations` */
export const InvitationsSchema = z.looseObject({
  invitations: z.array(z.unknown()),
  refused: z.optional(z.array(z.unknown())),
});

/** `GET /app/notifications/unseen` */
export const UnseenNotificationsSchema = z.looseObject({ unseen: z.number() });

/** `GET /app/notifications`: shape not captured; kept as sent. */
export const NotificationsSchema = z.looseObject({});

/**
 * `GET /app/users/teams/{team}`: one team with its members and invitees (field names: the `Team` and
 * `TeamUser` models of dcode/python-prusa-connect-sdk-client); not captured, so read leniently.
 */
export const TeamSchema = z.looseObject({
  id: z.number(),
  name: z.optional(z.nullable(z.string())),
  organization_id: z.optional(z.nullable(z.string())),
  role: z.optional(z.nullable(z.string())),
  capacity: z.optional(z.nullable(z.number())),
  user_count: z.optional(z.nullable(z.number())),
  users: z.optional(z.array(z.looseObject({}))),
  invitees: z.optional(z.array(z.looseObject({}))),
});

/** `GET /app/users/teams`: shape not captured beyond a wrapped list; kept as sent. */
export const TeamsSchema = z.looseObject({});

/** Bodies Connect answers with, not captured: anything, kept as sent (may be empty). */
export const AnyReplySchema = z.optional(z.unknown());
