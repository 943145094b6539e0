/**
 * Checks a `PUT /c/info` body against the camera API's `camera_request` (Prusa's camera OpenAPI
 * 0.22.0): `config` required (an object; `name` a string of at most 64 characters or null;
 * `trigger_scheme` one of the enum; `resolution` `{width, height}` integers; the other documented
 * fields strings or, for `network_info`, an object of strings), `options.available_resolutions` a list
 * of resolutions, `capabilities` a list of the enum. Unknown keys are refused, as a validating server
 * would. Returns the reason for a 400, or the parts to keep.
 */
export const TRIGGER_SCHEMES = [
  'MANUAL',
  'EACH_LAYER',
  'FIFTH_LAYER',
  'GCODE',
  'TEN_SEC',
  'THIRTY_SEC',
  'SIXTY_SEC',
  'TEN_MIN',
];
export const CAMERA_CAPABILITIES = ['trigger_scheme', 'imaging', 'resolution', 'focus'];
const CONFIG_STRINGS = ['camera_id', 'path', 'driver', 'firmware', 'manufacturer', 'model'];
const MAX_NAME = 64;
const MAX_RESOLUTIONS = 64;

type Json = Record<string, unknown>;

export type CameraInfoCheck =
  | { ok: true; name: string | undefined; config: Json; options?: Json; capabilities?: string[] }
  | { ok: false; reason: string };

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function resolutionProblem(value: unknown, where: string): string | undefined {
  if (!isObject(value)) return `${where} must be an object`;
  for (const key of Object.keys(value)) {
    if (key !== 'width' && key !== 'height') return `${where}.${key} is not a known field`;
    const n = value[key];
    if (!Number.isSafeInteger(n) || (n as number) < 0) return `${where}.${key} must be a whole number`;
  }
  return undefined;
}

function configProblem(config: Json): string | undefined {
  for (const [key, value] of Object.entries(config)) {
    if (key === 'name') {
      if (value !== null && (typeof value !== 'string' || value.length > MAX_NAME)) {
        return `config.name must be a string of at most ${MAX_NAME} characters`;
      }
    } else if (key === 'trigger_scheme') {
      if (typeof value !== 'string' || !TRIGGER_SCHEMES.includes(value)) {
        return `config.trigger_scheme must be one of ${TRIGGER_SCHEMES.join(', ')}`;
      }
    } else if (key === 'resolution') {
      const problem = resolutionProblem(value, 'config.resolution');
      if (problem) return problem;
    } else if (key === 'network_info') {
      if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
        return 'config.network_info must be an object of strings';
      }
    } else if (CONFIG_STRINGS.includes(key)) {
      if (typeof value !== 'string' || value.length > 256) return `config.${key} must be a string`;
    } else {
      return `config.${key} is not a known field`;
    }
  }
  if (!Object.hasOwn(config, 'name')) return 'config.name is required';
  return undefined;
}

export function checkCameraInfo(body: Json): CameraInfoCheck {
  for (const key of Object.keys(body)) {
    if (!['config', 'options', 'capabilities'].includes(key))
      return { ok: false, reason: `${key} is not a known field` };
  }
  const { config, options, capabilities } = body;
  if (!isObject(config)) return { ok: false, reason: 'config is required and must be an object' };
  const problem = configProblem(config);
  if (problem) return { ok: false, reason: problem };
  const result: CameraInfoCheck = {
    ok: true,
    name: typeof config.name === 'string' ? config.name : undefined,
    config: structuredClone(config),
  };
  if (options !== undefined) {
    if (!isObject(options) || Object.keys(options).some((k) => k !== 'available_resolutions')) {
      return { ok: false, reason: 'options must be {available_resolutions}' };
    }
    const list = options.available_resolutions;
    if (list !== undefined) {
      if (!Array.isArray(list) || list.length > MAX_RESOLUTIONS) {
        return { ok: false, reason: 'options.available_resolutions must be a list of resolutions' };
      }
      for (const [i, entry] of list.entries()) {
        const bad = resolutionProblem(entry, `options.available_resolutions[${i}]`);
        if (bad) return { ok: false, reason: bad };
      }
    }
    result.options = structuredClone(options);
  }
  if (capabilities !== undefined) {
    if (
      !Array.isArray(capabilities) ||
      !capabilities.every((c) => typeof c === 'string' && CAMERA_CAPABILITIES.includes(c))
    ) {
      return { ok: false, reason: `capabilities must be a list of ${CAMERA_CAPABILITIES.join(', ')}` };
    }
    result.capabilities = [...new Set(capabilities as string[])];
  }
  return result;
}
