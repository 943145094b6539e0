/**
 * LAN mode discovery: `GET http://<host>:18910/info`, plain HTTP, no auth, JSON served without a JSON
 * content type (notes, "LAN mode on stock firmware" 1). Says what the printer is and whether LAN Mode
 * is on; the `token` it serves (the handshake's key material) and the upload URL are secrets and never
 * leave this module unredacted except to the handshake.
 */
import {
  ConnectionError,
  ProtocolError,
  type RequestOptions,
  redactUrl,
  withDeadline,
} from '@printkit/core-types';
import { decodeWith } from '@printkit/core-types/codec';
import { type Dispatcher, request } from 'undici';
import { UnsupportedPrinterError } from '../protocol/errors.js';
import { lanInfoSchema } from '../protocol/schemas.js';
import type { LanInfoDocument } from '../protocol/wire.js';

/** The printer's discovery / control / upload port. */
export const DEFAULT_LAN_PORT = 18910;

export interface DiscoverOptions extends RequestOptions {
  /** Default 18910. */
  port?: number;
  /** undici dispatcher; default undici's global one. */
  dispatcher?: Dispatcher;
}

/** What `/info` says about a printer, without its secrets. */
export interface PrinterDiscovery {
  /** The host asked. */
  readonly host: string;
  /** LAN Mode is on (`ctrlType: "lan"`); off (`"cloud"`) the printer gives no credentials. */
  readonly lanMode: boolean;
  /** The model id of the MQTT topics (accepted as a string of digits or an integer). */
  readonly modelId: number | undefined;
  readonly modelName: string | undefined;
  readonly deviceName: string | undefined;
  /** `cn`, the serial number. */
  readonly serial: string | undefined;
  /** From `usn` (`uuid:fdm:A4-E8-8D-…`), `A4:E8:8D:…`. */
  readonly mac: string | undefined;
  /** The camera URL `/info` gives (`rtspUrl`, an HTTP-FLV URL despite its name). */
  readonly cameraUrl: string | undefined;
  /** Whether `/info` has what the LAN handshake needs (`token`, `ctrlInfoUrl`, `modelId`). */
  readonly handshake: boolean;
}

/** `/info` as served, secrets included: for the handshake only. */
export interface DiscoveryDocument {
  readonly discovery: PrinterDiscovery;
  readonly document: LanInfoDocument;
}

function modelIdOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}

function macOf(usn: string | null | undefined): string | undefined {
  const match = usn?.match(
    /([0-9A-F]{2})[-:]([0-9A-F]{2})[-:]([0-9A-F]{2})[-:]([0-9A-F]{2})[-:]([0-9A-F]{2})[-:]([0-9A-F]{2})/i,
  );
  return match ? match.slice(1, 7).join(':').toUpperCase() : undefined;
}

function baseUrl(host: string, port: number): string {
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${hostPart}:${port}`;
}

/** Reads `/info`; typed errors for an unreachable printer and a malformed answer. */
export async function readDiscovery(host: string, options: DiscoverOptions = {}): Promise<DiscoveryDocument> {
  const url = `${baseUrl(host, options.port ?? DEFAULT_LAN_PORT)}/info`;
  const operation = 'discover';
  return withDeadline(
    async (signal) => {
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: 'GET',
          signal,
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        });
      } catch (cause) {
        if (signal.aborted) throw cause;
        throw new ConnectionError(
          `The printer at ${redactUrl(url)} cannot be reached: ${(cause as Error).message}`,
          {
            operation,
          },
        );
      }
      const text = await response.body.text();
      if (response.statusCode === 404) {
        throw new UnsupportedPrinterError(
          `The printer at ${host} has no /info (HTTP 404): no LAN mode handshake`,
          {
            operation,
          },
        );
      }
      if (response.statusCode !== 200) {
        throw new ProtocolError(`The printer answered /info with HTTP ${response.statusCode}`, { operation });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ProtocolError('The printer answered /info with something that is not JSON', { operation });
      }
      const decoded = decodeWith(lanInfoSchema, json, { what: '/info', operation });
      if (!decoded.ok) {
        throw new ProtocolError(decoded.error.message, { operation });
      }
      const document = decoded.value;
      const modelId = modelIdOf(document.modelId);
      const discovery: PrinterDiscovery = {
        host,
        lanMode: document.ctrlType === 'lan',
        modelId,
        modelName: document.modelName ?? undefined,
        deviceName: document.deviceName ?? undefined,
        serial: document.cn ?? undefined,
        mac: macOf(document.usn),
        cameraUrl: document.rtspUrl ?? undefined,
        handshake: !!document.token && !!document.ctrlInfoUrl && modelId !== undefined,
      };
      return { discovery, document };
    },
    { timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal, operation },
  );
}

/**
 * Asks a printer what it is and whether LAN Mode is on (`GET :18910/info`). Rejects with
 * `ConnectionError` when it cannot be reached, `UnsupportedPrinterError` when it has no `/info`,
 * `ProtocolError` for a malformed answer.
 */
export async function discover(host: string, options: DiscoverOptions = {}): Promise<PrinterDiscovery> {
  return (await readDiscovery(host, options)).discovery;
}
