/**
 * A small multipart/form-data parser for `POST /server/files/upload` (fields `file`, `root`,
 * `path`, `checksum`, `print`). The whole body is in memory: uploads to a mock are small.
 */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2]?.trim();
}

/** Parses the body; returns undefined when it is not well-formed multipart for this boundary. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  if (cursor < 0) return undefined;
  for (;;) {
    cursor += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) return parts;
    if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) cursor += 2;
    const headerEnd = body.indexOf('\r\n\r\n', cursor);
    if (headerEnd < 0) return undefined;
    const headers = body.subarray(cursor, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) return undefined;
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1];
    const name = disposition && /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined || name === null) return undefined;
    const part: MultipartPart = { name, data: body.subarray(headerEnd + 4, next) };
    const filename = disposition && /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (filename !== undefined && filename !== null) part.filename = filename;
    const contentType = /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim();
    if (contentType) part.contentType = contentType;
    parts.push(part);
    cursor = next + 2;
  }
}
