import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthError,
  ConnectionError,
  PrinterRejectedError,
  ProtocolError,
  TimeoutError,
} from '@printkit/core-types';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadFile } from './upload.js';

interface Seen {
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A one-route printer upload endpoint; `answer` decides the response. */
async function endpoint(answer: (res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('latin1') });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/gcode_upload?s=SECRET-TOKEN`, seen };
}

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const bytes = new TextEncoder().encode('G28\nG1 X1\n');

describe('uploadFile', () => {
  // Issue 10, defect 8: a 200 whose JSON body was cut short counted as a success.
  it('fails with a ProtocolError on a 200 whose JSON body is truncated, without the token', async () => {
    const { url } = await endpoint((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":200,"msg":');
    });
    const error = await uploadFile(url, 'cube.gcode', bytes).catch((caught: unknown) => caught);
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('SECRET-TOKEN');
    expect(String((error as Error).message)).toMatch(/cut short/);
  });

  it('fails on a truncated JSON-looking body even without a JSON content type', async () => {
    const { url } = await endpoint((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('{"code":200');
    });
    await expect(uploadFile(url, 'cube.gcode', bytes)).rejects.toSatisfy(ProtocolError.isInstance);
  });

  it('still accepts a plain-text or empty 200', async () => {
    const { url } = await endpoint((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    await expect(uploadFile(url, 'cube.gcode', bytes)).resolves.toEqual({ statusCode: 200, body: 'ok' });
  });

  it('posts multipart with a gcode file part, a filename field and X-File-Length by default', async () => {
    const { url, seen } = await endpoint(json(200, { code: 200, msg: 'ok' }));
    await expect(uploadFile(url, 'cube.gcode', bytes)).resolves.toEqual({
      statusCode: 200,
      body: { code: 200, msg: 'ok' },
    });
    const [request] = seen;
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.headers['x-file-length']).toBe(String(bytes.byteLength));
    expect(request?.body).toMatch(/name="filename"\r\n\r\ncube\.gcode\r\n/);
    expect(request?.body).toMatch(
      /name="gcode"; filename="cube\.gcode"\r\nContent-Type: application\/octet-stream\r\n\r\nG28\nG1 X1\n\r\n/,
    );
  });

  it('takes another field name, extra fields and headers, and can leave the extras out', async () => {
    const { url, seen } = await endpoint(json(200, {}));
    await uploadFile(url, 'a.gcode', bytes, {
      fieldName: 'file',
      filenameField: false,
      fileLengthHeader: false,
      fields: { md5: 'abc' },
      headers: { 'X-Extra': '1' },
    });
    const [request] = seen;
    expect(request?.body).toContain('name="file"; filename="a.gcode"');
    expect(request?.body).toMatch(/name="md5"\r\n\r\nabc\r\n/);
    expect(request?.body).not.toContain('name="filename"');
    expect(request?.headers['x-file-length']).toBeUndefined();
    expect(request?.headers['x-extra']).toBe('1');
  });

  it('rejects a refused token with AuthError, never showing the token', async () => {
    const { url } = await endpoint(json(401, { code: 401, msg: 'bad token' }));
    const error = await uploadFile(url, 'a.gcode', bytes).catch((e: unknown) => e);
    expect(AuthError.isInstance(error)).toBe(true);
    expect((error as AuthError).status).toBe(401);
    expect(JSON.stringify({ m: (error as Error).message, s: (error as Error).stack })).not.toContain(
      'SECRET-TOKEN',
    );
  });

  it('rejects a firmware code in a 200 answer, and an HTTP error status', async () => {
    const first = await endpoint(json(200, { code: 10115, msg: 'cannot parse file' }));
    await expect(uploadFile(first.url, 'a.gcode', bytes)).rejects.toSatisfy(
      (e) =>
        PrinterRejectedError.isInstance(e) &&
        e.printerCode === 10115 &&
        e.printerMessage === 'cannot parse file',
    );
    await new Promise((resolve) => server?.close(resolve));
    const second = await endpoint((res) => {
      res.writeHead(500);
      res.end('disk full');
    });
    const error = (await uploadFile(second.url, 'a.gcode', bytes).catch(
      (e: unknown) => e,
    )) as PrinterRejectedError;
    expect(error).toMatchObject({ code: 'rejected', status: 500, printerMessage: 'disk full' });
    expect(error.message).not.toContain('SECRET-TOKEN');
  });

  it('rejects a dead endpoint with ConnectionError and a silent one with TimeoutError', async () => {
    const { url } = await endpoint(() => {});
    await expect(uploadFile(url, 'a.gcode', bytes, { timeoutMs: 100 })).rejects.toSatisfy((e) =>
      TimeoutError.isInstance(e),
    );
    const port = (server?.address() as AddressInfo | undefined)?.port;
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const error = await uploadFile(
      `http://127.0.0.1:${port}/gcode_upload?s=SECRET-TOKEN`,
      'a.gcode',
      bytes,
    ).catch((e: unknown) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain('SECRET-TOKEN');
  });

  it('never shows the token when the printer echoes it in its refusal', async () => {
    const { url } = await endpoint(json(200, { code: 10115, msg: 'bad token SECRET-TOKEN' }));
    const error = await uploadFile(url, 'a.gcode', bytes).catch((caught: unknown) => caught);
    expect(PrinterRejectedError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('SECRET-TOKEN');
    expect((error as PrinterRejectedError).printerMessage).toBe('bad token ***');
  });
});
