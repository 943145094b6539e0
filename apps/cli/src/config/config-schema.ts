/**
 * `printkit.config.json`: the printers the CLI knows, with their vendor and connection details.
 * Secrets are either written inline or read from the environment with `{ "env": "NAME" }`.
 */
import { z } from 'zod';

/** A secret: a literal string, or `{ "env": "KOBRA_PASSWORD" }` to read it from the environment. */
export const secretSchema = z.union(
  [z.string(), z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) })],
  { error: 'expected a string or { "env": "VARIABLE_NAME" }' },
);
export type Secret = z.infer<typeof secretSchema>;

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, ".", "_" or "-"');
const port = z.number().int().min(1).max(65_535);
const timeoutMs = z.number().int().min(1).optional();

/** URL with one of the given schemes. */
function urlWith(schemes: readonly string[]) {
  return z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}` },
  );
}

export const anycubicPrinterSchema = z.strictObject({
  name,
  vendor: z.literal('anycubic'),
  /** The printer's MQTT broker: `mqtts://<ip>:9883` on a stock Kobra in LAN mode, `mqtt://` for the mock. */
  url: urlWith(['mqtt:', 'mqtts:']).optional(),
  /** Instead of `url`: the printer's address; the port defaults to 9883 (TLS), or 18910 (discovery) with `lan`. */
  host: z.string().min(1).optional(),
  port: port.optional(),
  /**
   * LAN mode (stock firmware, LAN Mode on at the panel): from `host` alone, discovery on `port`
   * (18910) and the signed handshake give the broker, its rotating login, device id and model id.
   */
  lan: z.literal(true).optional(),
  // Required without `lan` (checked below, so `lan` entries can leave them out).
  username: z.string().min(1).optional(),
  password: secretSchema.optional(),
  deviceId: z.string().min(1).optional(),
  modelId: z.number().int().positive().optional(),
  /**
   * How to trust the printer's self-signed certificate on `mqtts://` (required there): its SHA-256
   * fingerprint (best), a CA / certificate file, or `insecure` (encrypts, authenticates nothing).
   */
  tls: z
    .union(
      [
        z.strictObject({ fingerprint256: z.string().min(1) }),
        z.strictObject({ caFile: z.string().min(1), verifyHostname: z.boolean().optional() }),
        z.strictObject({ insecure: z.literal(true) }),
      ],
      { error: 'expected { "fingerprint256": "AB:CD:…" }, { "caFile": "<path>" } or { "insecure": true }' },
    )
    .optional(),
  timeoutMs,
});

export const moonrakerPrinterSchema = z.strictObject({
  name,
  vendor: z.literal('moonraker'),
  /** `http://<host>:7125` */
  url: urlWith(['http:', 'https:']).optional(),
  /** Instead of `url`: the host; the port defaults to 7125. */
  host: z.string().min(1).optional(),
  port: port.optional(),
  apiKey: secretSchema.optional(),
  /** A Moonraker user (JWT login), instead of or besides the API key. */
  username: z.string().min(1).optional(),
  password: secretSchema.optional(),
  /** How to switch the light (declares the `light` capability): an `[output_pin]`, or two macros. */
  light: z
    .union(
      [
        z.strictObject({ pin: z.string().min(1) }),
        z.strictObject({ on: z.string().min(1), off: z.string().min(1) }),
      ],
      {
        error: 'expected { "pin": "<output_pin name>" } or { "on": "<gcode>", "off": "<gcode>" }',
      },
    )
    .optional(),
  timeoutMs,
});

export const prusaConnectPrinterSchema = z.strictObject({
  name,
  vendor: z.literal('prusa-connect'),
  /** Default https://connect.prusa3d.com */
  url: urlWith(['http:', 'https:']).optional(),
  token: secretSchema,
  uuid: z.string().min(1),
  /** Where bare file names live on the printer, e.g. `/usb` (the adapter's default). */
  storage: z.string().min(1).optional(),
  timeoutMs,
});

export const prusaLinkPrinterSchema = z.strictObject({
  name,
  vendor: z.literal('prusalink'),
  /** The printer's own web server, `http://<ip>` (port 80 on the printer). */
  url: urlWith(['http:', 'https:']).optional(),
  /** Instead of `url`: the printer's address; the port defaults to 80. */
  host: z.string().min(1).optional(),
  port: port.optional(),
  /** HTTP Digest user; default `maker` (the firmware's fixed user). */
  username: z.string().min(1).optional(),
  /** HTTP Digest password (the printer's menu: Settings → Network → PrusaLink). */
  password: secretSchema.optional(),
  /** `X-Api-Key` instead of Digest (older firmware, PrusaLink 0.9 on a Raspberry Pi). */
  apiKey: secretSchema.optional(),
  /** Which API the printer speaks; `auto` (default) asks `/api/version` once. */
  dialect: z.enum(['auto', 'v1', 'legacy']).optional(),
  timeoutMs,
});

/** The form @printkit/anycubic-mqtt accepts: 64 hex digits, with or without colons, any case. */
function isSha256Fingerprint(text: string): boolean {
  return /^[0-9a-f]{64}$/i.test(text.replaceAll(':', ''));
}

/** `host` alone means the printer's own TLS port (9883). */
function isTlsUrl(url: string | undefined, host: string | undefined): boolean {
  if (url !== undefined) return url.startsWith('mqtts:');
  return host !== undefined;
}

/** What the LAN handshake supplies; a broker entry (without `lan`) must give each of them itself. */
const HANDSHAKE_FIELDS = [
  ['username', 'a string'],
  ['password', 'a string'],
  ['deviceId', 'a string'],
  ['modelId', 'a number'],
] as const;

/** The rules `lan` adds to an Anycubic entry, or the fields it needs without `lan`. */
function anycubicLanIssues(
  printer: z.infer<typeof anycubicPrinterSchema>,
): Array<{ path: string[]; message: string }> {
  const issues: Array<{ path: string[]; message: string }> = [];
  if (printer.lan !== true) {
    for (const [field, type] of HANDSHAKE_FIELDS) {
      if (printer[field] === undefined) issues.push({ path: [field], message: `missing (expected ${type})` });
    }
    return issues;
  }
  if (printer.url !== undefined) {
    issues.push({
      path: ['url'],
      message:
        'LAN mode starts from the printer\'s address: give "host" (and "port" for discovery if not 18910), not "url"',
    });
  }
  for (const [field] of HANDSHAKE_FIELDS) {
    if (printer[field] !== undefined) {
      issues.push({
        path: [field],
        message: `LAN mode reads "${field}" from the printer's handshake (it rotates); remove it, or remove "lan"`,
      });
    }
  }
  if (printer.tls === undefined) {
    issues.push({
      path: ['tls'],
      message:
        'LAN mode speaks TLS to a self-signed certificate: give { "fingerprint256": "AB:CD:…" } (printkit-mocks --json shows tlsFingerprint256), { "caFile": "<path>" } or { "insecure": true }',
    });
  }
  return issues;
}

export const VENDOR_NAMES = ['anycubic', 'moonraker', 'prusa-connect', 'prusalink'] as const;

export const printerConfigSchema = z.discriminatedUnion('vendor', [
  anycubicPrinterSchema,
  moonrakerPrinterSchema,
  prusaConnectPrinterSchema,
  prusaLinkPrinterSchema,
]);

/** The file. Top-level keys besides `printers` are ignored, so `printkit-mocks --json` output is a valid config. */
export const configFileSchema = z
  .object({
    printers: z.array(printerConfigSchema).min(1, 'expected at least one printer'),
  })
  .superRefine((config, context) => {
    const seen = new Map<string, number>();
    config.printers.forEach((printer, index) => {
      const first = seen.get(printer.name);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, 'name'],
          message: `"${printer.name}" is already the name of printers[${first}]`,
        });
      } else seen.set(printer.name, index);
      if (printer.vendor !== 'prusa-connect' && printer.url === undefined && printer.host === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, 'url'],
          message: 'expected "url" or "host"',
        });
      }
      if (printer.vendor === 'anycubic') {
        for (const issue of anycubicLanIssues(printer)) {
          context.addIssue({
            code: 'custom',
            path: ['printers', index, ...issue.path],
            message: issue.message,
          });
        }
      }
      if (
        printer.vendor === 'anycubic' &&
        printer.lan !== true &&
        printer.tls === undefined &&
        isTlsUrl(printer.url, printer.host)
      ) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, 'tls'],
          message:
            'a mqtts:// printer needs a trust choice: { "fingerprint256": "AB:CD:…" }, { "caFile": "<path>" } or { "insecure": true }',
        });
      }
      if (
        printer.vendor === 'anycubic' &&
        printer.tls !== undefined &&
        'fingerprint256' in printer.tls &&
        !isSha256Fingerprint(printer.tls.fingerprint256)
      ) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, 'tls', 'fingerprint256'],
          message:
            'expected a SHA-256 fingerprint: 64 hex digits, colons optional (`openssl x509 -noout -fingerprint -sha256` prints one)',
        });
      }
      // Plain mqtt:// would ignore a pin or CA and send the password in clear: refuse, never downgrade.
      if (printer.vendor === 'anycubic' && printer.tls !== undefined && printer.url?.startsWith('mqtt:')) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, 'tls'],
          message:
            'TLS options need a mqtts:// url: over mqtt:// the connection (and the password) would be plaintext and the trust choice ignored; use mqtts:// or remove "tls"',
        });
      }
      if (
        printer.vendor === 'moonraker' &&
        (printer.username === undefined) !== (printer.password === undefined)
      ) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, printer.username === undefined ? 'username' : 'password'],
          message: 'a Moonraker login needs both "username" and "password"',
        });
      }
      if (printer.vendor === 'prusalink' && printer.password === undefined && printer.apiKey === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, 'password'],
          message: 'a PrusaLink printer needs "password" (HTTP Digest) or "apiKey" (X-Api-Key)',
        });
      }
      if (printer.vendor !== 'prusa-connect' && printer.url !== undefined && printer.host !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['printers', index, 'host'],
          message: 'give either "url" or "host", not both',
        });
      }
    });
  });

export type PrinterConfigInput = z.infer<typeof printerConfigSchema>;
export type ConfigFileInput = z.infer<typeof configFileSchema>;
