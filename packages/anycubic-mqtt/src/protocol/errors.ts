/**
 * The firmware's error codes (protocol notes, "Reports › print": "known codes") and the message a
 * user reads for a failure: `Filament runout (10107)`. The notes name what each code means but no
 * firmware text for it, and a failed report's `msg` is often just `failed`, so the code decides.
 */
import {
  AuthError,
  hasErrorMarker,
  PrinterRejectedError,
  type PrintkitErrorOptions,
  truncateMessage,
  UnsupportedError,
} from '@printkit/core-types';
import { ownValue } from '@printkit/core-types/codec';

/** Known firmware codes → what they mean (notes). Codes not listed here are shown as numbers. */
export const ANYCUBIC_ERROR_CODES: Readonly<Record<string, string>> = {
  10101: 'Task still active',
  10107: 'Filament runout',
  10112: 'Missing paging fields',
  10115: 'Cannot parse file',
  10118: 'Homing failed',
  10119: 'Homing failed',
  10120: 'Homing failed',
  11407: 'Start-up failed',
  11513: 'ACE timeout',
  11801: 'Spaghetti detected',
};

/** `msg` values that say nothing beyond the report's state. */
const GENERIC_MESSAGES: ReadonlySet<string> = new Set([
  '',
  'done',
  'ok',
  'success',
  'fail',
  'failed',
  'error',
]);

function informative(msg: string | null | undefined): string | undefined {
  const text = msg?.trim();
  return text === undefined || GENERIC_MESSAGES.has(text.toLowerCase()) ? undefined : text;
}

/** The numeric error code of a report, or undefined for none / 200 (success) / a non-number. */
export function errorCode(code: number | string | null | undefined): number | undefined {
  if (code === null || code === undefined || code === '') return undefined;
  const value = typeof code === 'number' ? code : Number(code);
  return Number.isInteger(value) && value !== 200 ? value : undefined;
}

/**
 * A one-line description of a firmware failure from its `code` and `msg`, e.g.
 * `Filament runout (10107)`, `Filament runout (10107): runout on slot 2` (an informative `msg` is
 * kept), `Error 12345: nozzle clog` (unknown code), `nozzle clog` (no code). Undefined when the report
 * carries neither a code nor an informative message.
 */
export function describeFirmwareError(
  code: number | string | null | undefined,
  msg: string | null | undefined,
): string | undefined {
  const number = errorCode(code);
  const text = informative(msg);
  const known = number === undefined ? undefined : ownValue(ANYCUBIC_ERROR_CODES, String(number));
  if (known !== undefined) {
    const label = `${known} (${number})`;
    return text === undefined || text.toLowerCase() === known.toLowerCase() ? label : `${label}: ${text}`;
  }
  if (number !== undefined) return text === undefined ? `Error ${number}` : `Error ${number}: ${text}`;
  return text;
}

/**
 * A command the printer answered with a code other than 200 (in its report or its ack): a
 * `PrinterRejectedError` carrying the firmware's code and (truncated) message.
 */
export function firmwareRejection(
  operation: string,
  code: number | string | undefined,
  msg: string | undefined,
): PrinterRejectedError {
  const detail = msg ? `: ${msg}` : '';
  return new PrinterRejectedError(`The printer rejected ${operation} with code ${String(code)}${detail}`, {
    operation,
    ...(code === undefined ? {} : { printerCode: code }),
    ...(msg === undefined ? {} : { printerMessage: truncateMessage(msg, 500) }),
  });
}

const LAN_MODE_OFF_MARKER = Symbol.for('printkit.error.LanModeOffError');

/**
 * The printer answers `/info` but LAN Mode is off at its panel (`ctrlType: "cloud"`): it gives no
 * credentials. Switch it on (Settings → Network → LAN Mode).
 */
export class LanModeOffError extends UnsupportedError {
  override readonly name: string = 'LanModeOffError';
  readonly [LAN_MODE_OFF_MARKER] = true;
  constructor(message: string, options: PrintkitErrorOptions = {}) {
    super(message, { ...options, capability: 'lan-mode' });
  }
  static override isInstance(error: unknown): error is LanModeOffError {
    return hasErrorMarker(error, LAN_MODE_OFF_MARKER);
  }
}

const UNSUPPORTED_PRINTER_MARKER = Symbol.for('printkit.error.UnsupportedPrinterError');

/** `/info` lacks `token`, `ctrlInfoUrl` or `modelId`: an older printer without the LAN handshake. */
export class UnsupportedPrinterError extends UnsupportedError {
  override readonly name: string = 'UnsupportedPrinterError';
  readonly [UNSUPPORTED_PRINTER_MARKER] = true;
  constructor(message: string, options: PrintkitErrorOptions = {}) {
    super(message, { ...options, capability: 'lan-handshake' });
  }
  static override isInstance(error: unknown): error is UnsupportedPrinterError {
    return hasErrorMarker(error, UNSUPPORTED_PRINTER_MARKER);
  }
}

const HANDSHAKE_REJECTED_MARKER = Symbol.for('printkit.error.HandshakeRejectedError');

/** The printer refused the signed `/ctrl` request (a bad signature, a stale `ts`, LAN Mode switched off). */
export class HandshakeRejectedError extends AuthError {
  override readonly name: string = 'HandshakeRejectedError';
  readonly [HANDSHAKE_REJECTED_MARKER] = true;
  /** The printer's code (anything but 200). */
  readonly printerCode: number | string | undefined;
  constructor(message: string, options: PrintkitErrorOptions & { printerCode?: number | string } = {}) {
    super(message, options);
    this.printerCode = options.printerCode;
  }
  static override isInstance(error: unknown): error is HandshakeRejectedError {
    return hasErrorMarker(error, HANDSHAKE_REJECTED_MARKER);
  }
}
