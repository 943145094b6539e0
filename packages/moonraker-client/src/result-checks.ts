/**
 * Hand-written checks for the results a client asks for all the time (`server.info` while Klippy
 * starts, `printer.objects.query` when polling, the `"ok"` of every action, identify and subscribe).
 * Each accepts exactly what its zod schema in `schemas.ts` accepts and returns the same value
 * (unknown fields kept, unknown enum values turned into `'unknown'` + `<field>_raw`), without zod's
 * cost (~0.7 µs for `server.info`, a tenth of a round trip's client work). Anything a check is not
 * sure about goes to the zod schema, which then accepts it or words the error; `result-checks.test.ts`
 * holds both to the same answers.
 */
import { lenientEnum } from './enums.js';
import type { MoonrakerMethod } from './methods.js';
import { KLIPPY_STATES } from './objects.js';
import { SERVER_KLIPPY_STATES } from './schemas.js';

/** "Not vouched for: ask the schema." */
export const UNCHECKED: unique symbol = Symbol('unchecked');

type ResultCheck = (raw: unknown) => unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's `z.number()` refuses Infinity, which `JSON.parse('1e999')` can produce. */
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const optionalNumber = (value: unknown) => value === undefined || isNumber(value);
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

function isArrayOf(value: unknown, element: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
  return true;
}
const isString = (value: unknown) => typeof value === 'string';
const optionalStrings = (value: unknown) => value === undefined || isArrayOf(value, isString);
const optionalNumbers = (value: unknown) => value === undefined || isArrayOf(value, isNumber);

const ok: ResultCheck = (raw) => (typeof raw === 'string' ? raw : UNCHECKED);

const serverInfo: ResultCheck = (raw) => {
  if (
    !isRecord(raw) ||
    typeof raw.klippy_connected !== 'boolean' ||
    typeof raw.klippy_state !== 'string' ||
    !optionalStrings(raw.components) ||
    !optionalStrings(raw.failed_components) ||
    !optionalStrings(raw.registered_directories) ||
    !optionalStrings(raw.warnings) ||
    !optionalNumber(raw.websocket_count) ||
    !optionalString(raw.moonraker_version) ||
    !optionalNumbers(raw.api_version) ||
    !optionalString(raw.api_version_string)
  ) {
    return UNCHECKED;
  }
  return lenientEnum(raw, 'klippy_state', SERVER_KLIPPY_STATES);
};

const printerInfo: ResultCheck = (raw) => {
  if (
    !isRecord(raw) ||
    typeof raw.state !== 'string' ||
    typeof raw.state_message !== 'string' ||
    !optionalString(raw.hostname) ||
    !optionalString(raw.klipper_path) ||
    !optionalString(raw.python_path) ||
    !optionalNumber(raw.process_id) ||
    !optionalNumber(raw.user_id) ||
    !optionalNumber(raw.group_id) ||
    !optionalString(raw.log_file) ||
    !optionalString(raw.config_file) ||
    !optionalString(raw.software_version) ||
    !optionalString(raw.cpu_info)
  ) {
    return UNCHECKED;
  }
  return lenientEnum(raw, 'state', KLIPPY_STATES);
};

const objectsStatus: ResultCheck = (raw) => {
  if (!isRecord(raw) || !isNumber(raw.eventtime) || !isRecord(raw.status)) return UNCHECKED;
  const { status } = raw;
  for (const name in status) if (!isRecord(status[name])) return UNCHECKED;
  return raw;
};

const identify: ResultCheck = (raw) => (isRecord(raw) && isNumber(raw.connection_id) ? raw : UNCHECKED);

const objectsList: ResultCheck = (raw) =>
  isRecord(raw) && isArrayOf(raw.objects, isString) ? raw : UNCHECKED;

export const RESULT_CHECKS: Partial<Record<MoonrakerMethod, ResultCheck>> = {
  'server.info': serverInfo,
  'server.connection.identify': identify,
  'printer.info': printerInfo,
  'printer.objects.list': objectsList,
  'printer.objects.query': objectsStatus,
  'printer.objects.subscribe': objectsStatus,
  'printer.gcode.script': ok,
  'printer.emergency_stop': ok,
  'printer.restart': ok,
  'printer.firmware_restart': ok,
  'printer.print.start': ok,
  'printer.print.pause': ok,
  'printer.print.resume': ok,
  'printer.print.cancel': ok,
};
