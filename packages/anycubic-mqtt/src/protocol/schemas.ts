/**
 * Inbound payloads, validated at the boundary with `zod/mini` (INTERNAL: never exported from an entry
 * point, so zod's semver is not ours). These schemas are the single source of the wire types in
 * `wire.ts` (`z.infer`). Every object is loose: fields a firmware adds pass through.
 * Fields are optional and nullable unless every capture has them, because reports can be partial
 * (ACE reports, slim reports) and the notes list fields "seen", not fields guaranteed.
 *
 * Wire names are kept, including the firmware's `tempature` spelling and `stoped`.
 *
 * Valid reports, the common case, are checked by core-types' compiled fast check (`decodeWith`),
 * which keeps the decode rate that classic zod's compiled parser gave (see the README benchmark).
 */
import * as z from 'zod/mini';

/** Optional and nullable: absent, `null`, or the value. */
const maybe = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));
const num = maybe(z.number());
const str = maybe(z.string());
/** Task ids are strings on the wire (`"-1"`), but some firmware sends numbers. */
const taskId = maybe(z.union([z.string(), z.number()]));
/** 1/0 flags that some firmware sends as booleans. */
const flag = maybe(z.union([z.number(), z.boolean()]));

/** `{ type, action, timestamp, msgid, data }` plus, on reports, `state`, `code` and `msg`. */
export const envelopeSchema = z.looseObject({
  type: z.string(),
  action: str,
  timestamp: num,
  msgid: str,
  state: str,
  code: maybe(z.union([z.number(), z.string()])),
  msg: str,
  data: z.optional(z.unknown()),
});

/** The ack on `.../response`: `{ msgid }` for every message the printer received. */
export const ackSchema = z.looseObject({
  msgid: z.string(),
  code: maybe(z.union([z.number(), z.string()])),
  msg: str,
});

export const temperatureSchema = z.looseObject({
  curr_hotbed_temp: num,
  curr_nozzle_temp: num,
  curr_chamber_temp: num,
  target_hotbed_temp: num,
  target_nozzle_temp: num,
  target_chamber_temp: num,
});

export const printSettingsSchema = z.looseObject({
  target_hotbed_temp: num,
  target_nozzle_temp: num,
  fan_speed_pct: num,
  aux_fan_speed_pct: num,
  box_fan_level: num,
  print_speed_pct: num,
  /** 1 slow (silent), 2 standard, 3 fast (sport). */
  print_speed_mode: num,
  z_comp: num,
});

/** `info.data.project` / `last_project`. `print_time`/`remain_time` are minutes on the wire (disputed). */
export const projectSchema = z.looseObject({
  taskid: taskId,
  /** The job's id on LAN firmware (an integer); pause / resume / stop send it as `taskid`. */
  task_id: taskId,
  filename: str,
  progress: num,
  curr_layer: num,
  total_layers: num,
  remain_time: num,
  print_time: num,
  supplies_usage: num,
  state: str,
  /** 1 printing, 2 complete, 3 cancelled, 4 downloading, 5 checking, 6 preheating, 7 slicing, 9 levelling. */
  print_status: num,
  /** 0 running, 1 paused, 2 pausing, 3 resuming, 4 stopping: the authoritative pause flag. */
  pause: num,
  project_type: num,
  task_settings: maybe(z.looseObject({})),
});

export const urlsSchema = z.looseObject({ fileUploadurl: str, rtspUrl: str });

export const infoDataSchema = z.looseObject({
  printerName: str,
  model: str,
  ip: str,
  version: str,
  /** `free` | `busy`. */
  state: str,
  temp: maybe(temperatureSchema),
  project: maybe(projectSchema),
  last_project: maybe(projectSchema),
  urls: maybe(urlsSchema),
  features: maybe(z.record(z.string(), z.unknown())),
  print_speed_mode: num,
  fan_speed_pct: num,
  aux_fan_speed_pct: num,
  box_fan_level: num,
});

/** Data of a `print` report (pushed while printing, and the answer to every print command). */
export const printDataSchema = z.looseObject({
  taskid: taskId,
  filename: str,
  localtask: str,
  slicer: str,
  progress: num,
  curr_layer: num,
  total_layers: num,
  print_time: num,
  remain_time: num,
  supplies_usage: num,
  curr_hotbed_temp: num,
  curr_nozzle_temp: num,
  settings: maybe(printSettingsSchema),
});

export const fanDataSchema = z.looseObject({
  taskid: taskId,
  fan_speed_pct: num,
  aux_fan_speed_pct: num,
  box_fan_level: num,
});

export const lightSchema = z.looseObject({ type: z.number(), status: z.number(), brightness: num });

/** `light` report: `{ lights: [...] }` for a query; a single light for a control echo. */
export const lightReportSchema = z.looseObject({
  lights: maybe(z.array(lightSchema)),
  type: num,
  status: num,
  brightness: num,
});

export const videoDataSchema = z.looseObject({ url: str });

export const fileRecordSchema = z.looseObject({
  filename: z.string(),
  path: str,
  size: num,
  is_dir: flag,
  /** Seconds or milliseconds since the epoch depending on firmware. */
  timestamp: num,
});

export const fileDataSchema = z.looseObject({
  root: str,
  path: str,
  filename: str,
  page_num: num,
  page_size: num,
  total: num,
  records: maybe(z.array(fileRecordSchema)),
});

export const peripherieDataSchema = z.looseObject({ camera: flag, multiColorBox: flag, udisk: flag });

export const aceSlotSchema = z.looseObject({
  index: z.number(),
  type: str,
  sku: str,
  color: maybe(z.array(z.number())),
  consumables_percent: num,
  /** 5 loaded, 4 ready (from one capture). */
  status: num,
});

export const aceDryingSchema = z.looseObject({
  status: num,
  target_temp: num,
  /** Minutes. */
  duration: num,
  remain_time: num,
  humidity: num,
});

export const aceBoxSchema = z.looseObject({
  id: z.number(),
  status: num,
  /** 40001 ACE Pro, 40002 ACE 2. */
  model_id: num,
  auto_feed: num,
  loaded_slot: num,
  temp: num,
  humidity: num,
  drying_status: maybe(aceDryingSchema),
  feed_status: maybe(z.looseObject({ code: num, type: num, current_status: num, slot_index: num })),
  slots: maybe(z.array(aceSlotSchema)),
});

export const multiColorBoxDataSchema = z.looseObject({ multi_color_box: maybe(z.array(aceBoxSchema)) });

/** `axis/query` → `data.coordinates{x,y,z}` in mm (notes); sometimes absent mid-print. */
export const axisDataSchema = z.looseObject({
  coordinates: maybe(z.looseObject({ x: num, y: num, z: num })),
});

/** `aiSettings/query`: the settings are nested under `data.ai_settings` (notes); fields pass through. */
export const aiSettingsDataSchema = z.looseObject({ ai_settings: maybe(z.looseObject({})) });

/** `extfilbox/query`: the external filament box; no fields documented, everything passes through. */
export const extfilboxDataSchema = z.looseObject({});

/** Reports whose `data` is always null (`status`, `lastWill`). */
export const noDataSchema = z.looseObject({});

/**
 * LAN mode discovery, `GET http://<ip>:18910/info` (notes, "LAN mode on stock firmware" 1): served
 * without a JSON content type. `modelId` is a string of digits on the S1 fw 2.7.2.7, an integer
 * elsewhere. `token` and `fileUploadurl` are secrets.
 */
export const lanInfoSchema = z.looseObject({
  ctrlType: str,
  token: str,
  ctrlInfoUrl: str,
  modelId: maybe(z.union([z.string(), z.number()])),
  cn: str,
  usn: str,
  modelName: str,
  deviceType: str,
  ip: str,
  deviceName: str,
  rtspUrl: str,
  fileUploadurl: str,
});

/** The answer of the signed `POST <ctrlInfoUrl>` (notes 2): `{ code: 200, data: { info, token } }`. */
export const ctrlAnswerSchema = z.looseObject({
  code: z.union([z.number(), z.string()]),
  message: str,
  msg: str,
  data: maybe(z.looseObject({ info: z.string(), token: z.string() })),
});

/** The decrypted `info` (notes 3): the broker and its rotating credentials. */
export const lanCredentialsSchema = z.looseObject({
  broker: str,
  username: z.string(),
  password: z.string(),
  deviceId: z.string(),
});
