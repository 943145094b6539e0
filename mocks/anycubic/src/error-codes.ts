/**
 * Firmware result codes (protocol notes, "Failures carry an error code other than 200"). The one
 * code marked mock-only is not in the notes: it answers refusals the notes do not describe.
 */
export const ANYCUBIC_CODES = {
  ok: 200,
  /** A task is still active (print start while printing). */
  taskActive: 10101,
  filamentRunout: 10107,
  /** `file/listLocal` / `listUdisk` without a `path` ("path is empty"), or without `page_num` / `page_size`. */
  missingPaging: 10112,
  /** The file cannot be found or parsed. */
  unknownFile: 10115,
  homingFailed: 10118,
  startupFailed: 11407,
  aceTimeout: 11513,
  spaghettiDetected: 11801,
  /**
   * Mock-only: a command that makes no sense in the printer's current state (pause while idle,
   * resume while printing, a light the model lacks, bad arguments). The notes have no code for it.
   */
  invalidState: 10001,
} as const;

/**
 * Mock-only refusal codes of the LAN-mode `POST /ctrl` (protocol notes, "Signed control request":
 * "another code = rejected"). No source names the firmware's numbers, so these are the mock's own;
 * every refusal is an HTTP 200 whose JSON `code` is not 200, with a `message`.
 */
export const LAN_CTRL_CODES = {
  ok: 200,
  /** `ts`, `nonce`, `sign` or `did` missing or not of the documented form. */
  badParameters: 10002,
  /** `sign` does not match the current discovery token. */
  badSignature: 10003,
  /** `ts` further from the printer's clock than the allowed skew. */
  staleTimestamp: 10004,
  /** LAN Mode is switched off at the panel (`/info` says `ctrlType: "cloud"`). */
  lanModeOff: 10005,
} as const;

/** The code a failed job reports: a numeric sim error code passes through (`sim.fail({ code: '11801' })`). */
export function codeForJobError(code: string | undefined): number {
  if (code === undefined) return ANYCUBIC_CODES.startupFailed;
  const numeric = Number(code);
  if (Number.isInteger(numeric) && numeric > 200) return numeric;
  if (code === 'filament-runout') return ANYCUBIC_CODES.filamentRunout;
  if (code === 'spaghetti') return ANYCUBIC_CODES.spaghettiDetected;
  if (code === 'homing-failed') return ANYCUBIC_CODES.homingFailed;
  return ANYCUBIC_CODES.startupFailed;
}
