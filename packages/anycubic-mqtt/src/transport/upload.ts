/**
 * File upload: an HTTP multipart POST to `info.urls.fileUploadurl`
 * (`http://<ip>:18910/gcode_upload?s=<token>`), with undici's `request` (DESIGN.md: `fetch` costs
 * 2–4× the CPU on Node).
 *
 * The form layout is *unverified* in the notes: one capture shows the file in a `gcode` field with a
 * text `filename` field and an `X-File-Length` header; another shows a `file` field. The default is
 * the first, the better evidenced one: it is the fuller capture (field, companion field and header
 * all seen together) and it matches the endpoint's own name. Every part of it is configurable.
 *
 * The `s` token in the URL is a credential: every URL and every text that could echo it (a Node
 * error message, the printer's own answer) goes through core-types' `redactUrl` / `redactText`.
 * A 200 whose body claims to be JSON but does not parse (a truncated answer) is a `ProtocolError`:
 * the upload cannot be known to have landed.
 */
import {
  AuthError,
  ConnectionError,
  type Logger,
  PrinterRejectedError,
  ProtocolError,
  type RequestOptions,
  redactText,
  redactUrl,
  truncateMessage,
  withDeadline,
} from '@printkit/core-types';
import { type Dispatcher, FormData, request } from 'undici';

export interface UploadFormOptions {
  /** Form field that carries the file. Default `gcode`; some firmware is reported to expect `file`. */
  fieldName?: string;
  /** Text field carrying the file name; `false` to leave it out. Default `filename`. */
  filenameField?: string | false;
  /** Send `X-File-Length: <bytes>`. Default true. */
  fileLengthHeader?: boolean;
  /** More text fields. */
  fields?: Readonly<Record<string, string>>;
  /** More request headers. */
  headers?: Readonly<Record<string, string>>;
  /** Content type of the file part. Default `application/octet-stream`. */
  contentType?: string;
}

export interface UploadRequestOptions extends UploadFormOptions, RequestOptions {
  /** undici dispatcher (agent, pool, mock agent). Default: undici's global dispatcher. */
  dispatcher?: Dispatcher;
  /** Debug lines (never the token). Default silent. */
  logger?: Logger;
}

export interface UploadResult {
  statusCode: number;
  /** The response body, parsed as JSON when it is JSON. */
  body: unknown;
}

/** Default deadline of an upload, ms (files can be tens of MB over Wi-Fi). */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 300_000;

/** Secrets an upload may echo: the URL's query values (the `s` token) and user info. */
function secretsOf(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [...parsed.searchParams.values(), parsed.password, parsed.username].filter(
      (value) => value.length >= 3,
    );
  } catch {
    return [url];
  }
}

type ParsedBody = { ok: true; body: unknown } | { ok: false };

/**
 * The answer as JSON when it is JSON; other text as it is. A body that says it is JSON (by its content
 * type, or by starting like an object or array) and does not parse was cut short.
 */
function parseBody(text: string, contentType: string): ParsedBody {
  if (text === '') return { ok: true, body: undefined };
  const looksJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return looksJson ? { ok: false } : { ok: true, body: text };
  }
}

/** A firmware answer `{ code, msg }` with a code other than 200 is a rejection even with HTTP 200. */
function firmwareRejection(body: unknown): { code: number | string; msg: string | undefined } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, msg, message } = body as Record<string, unknown>;
  if (
    (typeof code !== 'number' && typeof code !== 'string') ||
    code === 200 ||
    code === '200' ||
    code === 0
  ) {
    return undefined;
  }
  const text = typeof msg === 'string' ? msg : typeof message === 'string' ? message : undefined;
  return { code, msg: text };
}

export function buildUploadForm(name: string, data: Uint8Array, options: UploadFormOptions = {}): FormData {
  const { fieldName = 'gcode', filenameField = 'filename', fields = {}, contentType } = options;
  const form = new FormData();
  if (filenameField !== false) form.append(filenameField, name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  // Copy into a plain ArrayBuffer-backed view: Blob does not take views over a SharedArrayBuffer.
  const bytes = new Uint8Array(data);
  form.append(fieldName, new Blob([bytes], { type: contentType ?? 'application/octet-stream' }), name);
  return form;
}

/**
 * Uploads one file; resolves with the printer's answer, rejects with a typed error. `secrets` are more
 * values to mask in whatever the printer answers (the client passes its broker password).
 */
export function uploadFile(
  url: string,
  name: string,
  data: Uint8Array,
  options: UploadRequestOptions = {},
  secrets: readonly (string | undefined)[] = [],
): Promise<UploadResult> {
  const operation = 'upload';
  const where = redactUrl(url);
  const masked = [...secretsOf(url), ...secrets].filter((secret): secret is string => !!secret);
  options.logger?.debug('anycubic: upload', { url: where, name, bytes: data.byteLength });
  return withDeadline(
    async (signal) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.fileLengthHeader !== false) headers['X-File-Length'] = String(data.byteLength);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: 'POST',
          body: buildUploadForm(name, data, options),
          headers,
          signal,
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        });
      } catch (cause) {
        if (signal.aborted) throw cause;
        // Node's message may quote the URL: the cause is kept only as redacted text.
        const detail = redactText(redactUrl(String((cause as Error | undefined)?.message ?? cause)), masked);
        throw new ConnectionError(`Uploading ${name} to ${where} failed: ${detail}`, { operation });
      }
      const text = await response.body.text();
      const { statusCode } = response;
      const contentType = String(response.headers['content-type'] ?? '');
      const parsed = parseBody(text, contentType);
      if (statusCode === 401 || statusCode === 403) {
        throw new AuthError(`The printer refused the upload token (HTTP ${statusCode})`, {
          status: statusCode,
          operation,
        });
      }
      const success = statusCode >= 200 && statusCode < 300;
      if (!parsed.ok && success) {
        throw new ProtocolError(
          `The printer answered the upload of ${name} with a JSON body cut short (HTTP ${statusCode}); the upload may not have landed`,
          { operation, payload: redactText(truncateMessage(text, 200), masked) },
        );
      }
      const body = parsed.ok ? parsed.body : text;
      const firmware = firmwareRejection(body);
      if (!success || firmware) {
        const code = firmware?.code;
        const said = firmware?.msg ?? (typeof body === 'string' ? body.slice(0, 200) : undefined);
        const msg = said === undefined ? undefined : redactText(said, masked);
        throw new PrinterRejectedError(
          `The printer rejected the upload of ${name} (HTTP ${statusCode}${code === undefined ? '' : `, code ${code}`})`,
          {
            status: statusCode,
            operation,
            ...(code === undefined ? {} : { printerCode: code }),
            ...(msg === undefined ? {} : { printerMessage: msg }),
          },
        );
      }
      options.logger?.debug('anycubic: uploaded', { url: where, name, status: statusCode });
      return { statusCode, body };
    },
    { timeoutMs: options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS, signal: options.signal, operation },
  );
}
