/**
 * Moonraker's webcams (components/webcam.py, v0.10.0): one configured camera (`[webcam printkit]`,
 * source "config", read-only to clients) whose stream and snapshot this fake serves itself
 * (`/webcam/?action=stream|snapshot`), plus cameras clients add, stored in the database's
 * `webcams` namespace under their uid with Moonraker's field names (CAM_FIELDS, L34-40).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Args } from './args.js';
import type { MoonrakerDatabase } from './database.js';
import { MoonrakerError } from './errors.js';

export interface Webcam {
  name: string;
  enabled: boolean;
  icon: string;
  aspect_ratio: string;
  target_fps: number;
  target_fps_idle: number;
  location: string;
  service: string;
  stream_url: string;
  snapshot_url: string;
  flip_horizontal: boolean;
  flip_vertical: boolean;
  rotation: number;
  source: 'config' | 'database';
  extra_data: unknown;
  uid: string;
}

/** Moonraker field → database field (CAM_FIELDS). */
const CAM_FIELDS: ReadonlyArray<[keyof Webcam, string]> = [
  ['name', 'name'],
  ['service', 'service'],
  ['target_fps', 'targetFps'],
  ['stream_url', 'urlStream'],
  ['snapshot_url', 'urlSnapshot'],
  ['flip_horizontal', 'flipX'],
  ['flip_vertical', 'flipY'],
  ['enabled', 'enabled'],
  ['target_fps_idle', 'targetFpsIdle'],
  ['aspect_ratio', 'aspectRatio'],
  ['icon', 'icon'],
];
const NAMESPACE = 'webcams';
export const CONFIGURED_WEBCAM = 'printkit';
export const STREAM_PATH = '/webcam/?action=stream';
export const SNAPSHOT_PATH = '/webcam/?action=snapshot';

/** RFC 4122 name-based (SHA-1) uuid, as `uuid.uuid5(instance_uuid, "moonraker.webcam.<name>")`. */
function uuid5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name)
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The fake install's `instance_uuid` (a fixed value, so the configured camera's uid is stable). */
const INSTANCE_UUID = '5b8e6d3c-2f4a-4e71-9c0d-7a1b2c3d4e5f';

function validate(webcam: Webcam): Webcam {
  if (![0, 90, 180, 270].includes(webcam.rotation))
    throw new MoonrakerError(`Invalid value for 'rotation': ${webcam.rotation}`);
  if (!/^\d+:\d+$/.test(webcam.aspect_ratio))
    throw new MoonrakerError(`Invalid value for 'aspect_ratio': ${webcam.aspect_ratio}`);
  return webcam;
}

export class Webcams {
  /** By name, in Moonraker's order: configured cameras first, then the database's. */
  readonly #cams = new Map<string, Webcam>();
  readonly #database: MoonrakerDatabase;

  constructor(database: MoonrakerDatabase) {
    this.#database = database;
    this.#cams.set(CONFIGURED_WEBCAM, {
      name: CONFIGURED_WEBCAM,
      enabled: true,
      icon: 'mdiWebcam',
      aspect_ratio: '4:3',
      target_fps: 15,
      target_fps_idle: 5,
      location: 'printer',
      service: 'mjpegstreamer',
      stream_url: STREAM_PATH,
      snapshot_url: SNAPSHOT_PATH,
      flip_horizontal: false,
      flip_vertical: false,
      rotation: 0,
      source: 'config',
      extra_data: {},
      uid: uuid5(INSTANCE_UUID, `moonraker.webcam.${CONFIGURED_WEBCAM}`),
    });
    const stored = database.namespaces().includes(NAMESPACE) ? database.get(NAMESPACE, undefined) : {};
    for (const [uid, data] of Object.entries(stored as Record<string, Record<string, unknown>>)) {
      const cam = fromDatabase(uid, data);
      if (cam && !this.#cams.has(cam.name)) this.#cams.set(cam.name, cam);
    }
  }

  list(): Webcam[] {
    return [...this.#cams.values()].map((cam) => ({ ...cam }));
  }

  /** webcam.py `_lookup_camera`: by `uid` when given, else by `name`. */
  lookup(args: Args, required: boolean): Webcam | undefined {
    if (args.has('uid')) {
      const uid = args.str('uid');
      for (const cam of this.#cams.values()) if (cam.uid === uid) return cam;
      throw new MoonrakerError(`Webcam with UID ${uid} not found`, 404);
    }
    const name = args.str('name');
    const cam = this.#cams.get(name);
    if (required && !cam) throw new MoonrakerError(`Webcam ${name} not found`, 404);
    return cam;
  }

  /** POST: update the camera found, or add a new one. */
  post(args: Args): Webcam {
    const existing = this.lookup(args, false);
    if (existing) {
      if (existing.source === 'config')
        throw new MoonrakerError(
          `Cannot overwrite webcam '${existing.name}' sourced from Moonraker configuration`,
        );
      const newName = args.str('name', undefined);
      if (newName !== undefined && newName !== existing.name) {
        if (this.#cams.has(newName)) {
          throw new MoonrakerError(
            `Cannot rename webcam from '${existing.name}' to '${newName}'.  Webcam with requested name '${newName}' already exists.`,
          );
        }
        this.#cams.delete(existing.name);
      }
      update(existing, args);
      this.#save(existing);
      return { ...existing };
    }
    const cam = validate({
      name: args.str('name'),
      enabled: args.bool('enabled', true),
      icon: args.str('icon', 'mdiWebcam'),
      aspect_ratio: args.str('aspect_ratio', '4:3'),
      target_fps: args.int('target_fps', 15),
      target_fps_idle: args.int('target_fps_idle', 5),
      location: args.str('location', 'printer'),
      service: args.str('service', 'mjpegstreamer'),
      stream_url: args.str('stream_url'),
      snapshot_url: args.str('snapshot_url', ''),
      flip_horizontal: args.bool('flip_horizontal', false),
      flip_vertical: args.bool('flip_vertical', false),
      rotation: args.int('rotation', 0),
      source: 'database',
      extra_data: args.get('extra_data', {}),
      uid: randomUUID(),
    });
    this.#save(cam);
    return { ...cam };
  }

  delete(args: Args): Webcam {
    const cam = this.lookup(args, true) as Webcam;
    if (cam.source === 'config')
      throw new MoonrakerError(`Cannot delete webcam '${cam.name}' sourced from Moonraker configuration`);
    this.#cams.delete(cam.name);
    this.#database.delete(NAMESPACE, [cam.uid]);
    return { ...cam };
  }

  #save(cam: Webcam): void {
    this.#cams.set(cam.name, cam);
    const data: Record<string, unknown> = Object.create(null);
    for (const [field, dbField] of CAM_FIELDS) data[dbField] = cam[field];
    data.location = cam.location;
    data.rotation = cam.rotation;
    data.extra_data = cam.extra_data;
    this.#database.insert(NAMESPACE, [cam.uid], data);
  }
}

/** webcam.py `update`: each known, unprotected field converted to its current type. */
function update(cam: Webcam, args: Args): void {
  const target = cam as unknown as Record<string, unknown>;
  for (const field of Object.keys(args.raw)) {
    if (field === 'source' || field === 'uid' || !Object.hasOwn(cam, field)) continue;
    const current = target[field];
    if (typeof current === 'boolean') target[field] = args.bool(field);
    else if (typeof current === 'number') target[field] = args.int(field);
    else if (typeof current === 'string') target[field] = args.str(field);
    else target[field] = args.get(field);
  }
}

function fromDatabase(uid: string, data: Record<string, unknown>): Webcam | undefined {
  const read = <T>(key: string, fallback: T): unknown => (Object.hasOwn(data, key) ? data[key] : fallback);
  if (!Object.hasOwn(data, 'name')) return undefined;
  return {
    name: String(data.name),
    enabled: Boolean(read('enabled', true)),
    icon: String(read('icon', 'mdiWebcam')),
    aspect_ratio: String(read('aspectRatio', '4:3')),
    target_fps: Number(read('targetFps', 15)),
    target_fps_idle: Number(read('targetFpsIdle', 5)),
    location: String(read('location', 'printer')),
    service: String(read('service', 'mjpegstreamer')),
    stream_url: String(read('urlStream', '')),
    snapshot_url: String(read('urlSnapshot', '')),
    flip_horizontal: Boolean(read('flipX', false)),
    flip_vertical: Boolean(read('flipY', false)),
    rotation: Number(read('rotation', read('rotate', 0))),
    source: 'database',
    extra_data: read('extra_data', {}),
    uid,
  };
}
