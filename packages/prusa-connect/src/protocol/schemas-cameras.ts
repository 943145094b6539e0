/** Cameras: `GET /app/cameras`, `GET /app/printers/{uuid}/cameras`. */
import * as z from 'zod/mini';
import { openEnum, PagerSchema } from './schemas.js';

export const CAMERA_TRIGGER_SCHEMES = [
  'TEN_SEC',
  'THIRTY_SEC',
  'SIXTY_SEC',
  'TEN_MIN',
  'EACH_LAYER',
  'FIFTH_LAYER',
  'MANUAL',
] as const;

export const CameraSchema = z.looseObject({
  id: z.number(),
  name: z.optional(z.nullable(z.string())),
  printer_uuid: z.optional(z.nullable(z.string())),
  config: z.optional(
    z.nullable(
      z.looseObject({
        name: z.optional(z.nullable(z.string())),
        path: z.optional(z.nullable(z.string())),
        model: z.optional(z.nullable(z.string())),
        resolution: z.optional(
          z.nullable(z.looseObject({ width: z.optional(z.number()), height: z.optional(z.number()) })),
        ),
        trigger_scheme: z.optional(openEnum(CAMERA_TRIGGER_SCHEMES)),
      }),
    ),
  ),
  capabilities: z.optional(z.array(z.string())),
  features: z.optional(z.array(z.string())),
  /** The camera's own upload token — a credential; never log it. */
  token: z.optional(z.nullable(z.string())),
  registered: z.optional(z.boolean()),
});

export const CameraListSchema = z.looseObject({
  cameras: z.array(CameraSchema),
  pager: z.optional(PagerSchema),
});
