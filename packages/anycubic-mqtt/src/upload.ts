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
 * The `s` token in the URL is a credential: it never appears in an error message.
 */
import {
  AuthError,
  ConnectionError,
  PrinterRejectedError,
  type RequestOptions,
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
}

export interface UploadResult {
  statusCode: number;
  /** The response body, parsed as JSON when it is JSON. */
  body: unknown;
}

/** Default deadline of an upload, ms (files can be tens of MB over Wi-Fi). */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 300_000;

/** The upload URL without its query (the `s` token), for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
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

/** Uploads one file; resolves with the printer's answer, rejects with a typed error. */
export function uploadFile(
  url: string,
  name: string,
  data: Uint8Array,
  options: UploadRequestOptions = {},
): Promise<UploadResult> {
  const operation = 'upload';
  const where = redactUrl(url);
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
        throw new ConnectionError(`Uploading ${name} to ${where} failed: ${(cause as Error).message}`, {
          cause,
          operation,
        });
      }
      const text = await response.body.text();
      const body = parseBody(text);
      const { statusCode } = response;
      if (statusCode === 401 || statusCode === 403) {
        throw new AuthError(`The printer refused the upload token (HTTP ${statusCode})`, {
          status: statusCode,
          operation,
        });
      }
      const firmware = firmwareRejection(body);
      if (statusCode < 200 || statusCode >= 300 || firmware) {
        const code = firmware?.code;
        const msg = firmware?.msg ?? (typeof body === 'string' ? body.slice(0, 200) : undefined);
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
      return { statusCode, body };
    },
    { timeoutMs: options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS, signal: options.signal, operation },
  );
}
