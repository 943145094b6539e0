/**
 * The camera on its own port, the printer's :18088 (notes "camera"; TigerTag PROTOCOL.md §5c): 404 on
 * every path until `video/startCapture`, then HTTP-FLV with the printer's headers; `/flv` and the newer
 * `/live/<token>` form (Kobra X).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { Tester } from './helpers.js';
import { discover } from './lan-client.js';

/** Reads the first `bytes` of a stream, then aborts it. */
async function firstBytes(url: string, bytes: number) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader && size < bytes) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    size += value.length;
  }
  controller.abort();
  return { response, head: Buffer.concat(chunks) };
}

describe('camera on its own port (18088 role)', () => {
  let mock: MockAnycubic | undefined;
  let tester: Tester | undefined;
  afterEach(async () => {
    await tester?.close();
    await mock?.stop();
    tester = undefined;
    mock = undefined;
  });

  it('answers 404 until startCapture, then FLV with the printer headers; the upload port has no camera', async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, flvPort: 0 });
    const printer = mock.printer();
    tester = await Tester.connect(mock, printer);
    expect(printer.urls.rtspUrl).toBe(`${mock.flvUrl}/flv`);
    const info = await tester.request('web', 'info', 'query');
    expect(info.data.urls.rtspUrl).toBe(`${mock.flvUrl}/flv`);
    for (const path of ['/flv', '/', '/live/x', '/webcam/?action=snapshot']) {
      expect((await fetch(`${mock.flvUrl}${path}`)).status).toBe(404);
    }
    await tester.request('web', 'video', 'startCapture', null);
    const { response, head } = await firstBytes(printer.urls.rtspUrl, 64);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-length')).toBe('99999999999');
    expect(head.subarray(0, 4)).toEqual(Buffer.from('FLV\x01', 'latin1'));
    expect(head[13]).toBe(0x09); // a video tag
    // Still-image endpoint: none (chrisfore, "/webcam/?action=snapshot 404s").
    expect((await fetch(`${mock.flvUrl}/webcam/?action=snapshot`)).status).toBe(404);
    expect((await fetch(`${mock.httpUrl}/flv`)).status).toBe(404);

    // The open stream is cut when the capture stops.
    const open = await fetch(printer.urls.rtspUrl);
    const drained = open.arrayBuffer().then(
      () => 'ended',
      () => 'cut',
    );
    await tester.request('web', 'video', 'stopCapture', null);
    expect(await drained).toBe('cut');
    expect((await fetch(printer.urls.rtspUrl)).status).toBe(404);
  });

  it('a Kobra X streams at /live/<token>, named only in the MQTT info report', async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, flvPort: 0, printers: [{ modelId: 20030 }] });
    const printer = mock.printer();
    tester = await Tester.connect(mock, printer);
    const live = `${mock.flvUrl}/live/${printer.videoToken}`;
    expect((await tester.request('web', 'info', 'query')).data.urls.rtspUrl).toBe(live);
    expect(printer.videoToken).not.toBe(printer.uploadToken);
    const { document } = await discover(printer.lan.discoveryUrl);
    expect(document).not.toHaveProperty('rtspUrl');
    expect(document.modelId).toBe(20030);
    expect((await fetch(live)).status).toBe(404);
    await tester.request('web', 'video', 'startCapture', null);
    const { response, head } = await firstBytes(live, 13);
    expect(response.status).toBe(200);
    expect(head.subarray(0, 3).toString()).toBe('FLV');
    expect((await fetch(`${mock.flvUrl}/live/${printer.uploadToken}`)).status).toBe(404);
  });
});
