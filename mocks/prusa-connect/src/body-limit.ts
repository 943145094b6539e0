/**
 * Reading a request body with a ceiling: a declared `Content-Length` over the limit is refused before
 * a byte is read, and a body without one (chunked) is read until it passes the limit, then refused.
 * So a client sending 100 MB where 1 MB is allowed costs the mock at most the limit in memory.
 */

export interface BodyRefused {
  status: 400 | 413;
  reason: string;
}

export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array | BodyRefused> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    return tooLarge(maxBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Stop reading, without cancelling: cancelling would tear down the connection before the 413
        // is written. The loopback server closes a connection whose body was left unread.
        reader.releaseLock();
        return tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch {
    return { status: 400, reason: 'Unreadable request body' };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function readBodyText(request: Request, maxBytes: number): Promise<string | BodyRefused> {
  const bytes = await readBodyBytes(request, maxBytes);
  if (!(bytes instanceof Uint8Array)) return bytes;
  return new TextDecoder().decode(bytes);
}

function tooLarge(maxBytes: number): BodyRefused {
  return { status: 413, reason: `Request body larger than ${maxBytes} bytes` };
}
