/** server.webcams.* and the fake camera, with plain ws, fetch and curl. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

const run = promisify(execFile);

/** Width and height from a baseline JPEG's SOF0 segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } | undefined {
  const at = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  return at < 0 ? undefined : { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
}

describe('server.webcams', () => {
  it('lists the configured camera whose URLs the fake serves: a JPEG snapshot and an MJPEG stream', async () => {
    const m = await mock();
    const s = await client(m);
    const { webcams } = (await s.result('server.webcams.list')) as {
      webcams: Array<Record<string, unknown>>;
    };
    expect(webcams).toHaveLength(1);
    expect(Object.keys(webcams[0] ?? {})).toEqual([
      'name',
      'enabled',
      'icon',
      'aspect_ratio',
      'target_fps',
      'target_fps_idle',
      'location',
      'service',
      'stream_url',
      'snapshot_url',
      'flip_horizontal',
      'flip_vertical',
      'rotation',
      'source',
      'extra_data',
      'uid',
    ]);
    expect(webcams[0]).toMatchObject({ name: 'printkit', source: 'config', service: 'mjpegstreamer' });
    const snapshot = await fetch(`${m.url}${String(webcams[0]?.snapshot_url)}`);
    expect(snapshot.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await snapshot.arrayBuffer());
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(jpegSize(jpeg)).toEqual({ width: 320, height: 240 });
    // curl reads the stream for ~1.2 s: several frames, each a whole JPEG behind the boundary.
    const { stdout } = await run(
      'curl',
      ['-s', '--max-time', '1.2', `${m.url}${String(webcams[0]?.stream_url)}`],
      { encoding: 'buffer' },
    ).catch((error: { stdout: Buffer }) => error);
    const frames = stdout.toString('latin1').split('--boundarydonotcross\r\n').length - 1;
    expect(frames).toBeGreaterThanOrEqual(3);
    expect(frames).toBeLessThanOrEqual(8);
    expect(await s.result('server.webcams.test', { name: 'printkit' })).toEqual({
      name: 'printkit',
      snapshot_reachable: true,
      snapshot_url: `http://127.0.0.1:${m.port}/webcam/?action=snapshot`,
      stream_url: `http://127.0.0.1:${m.port}/webcam/?action=stream`,
    });
  });

  it('post_item adds (stored in the webcams namespace), updates, renames; delete_item; notify_webcams_changed', async () => {
    const m = await mock();
    const s = await client(m);
    const added = (await s.result('server.webcams.post_item', {
      name: 'door',
      stream_url: 'http://cam.local/stream',
      rotation: 90,
    })) as { webcam: { uid: string; source: string; rotation: number } };
    expect(added.webcam).toMatchObject({ source: 'database', rotation: 90 });
    expect(s.notifications('notify_webcams_changed')).toHaveLength(1);
    const stored = (await s.result('server.database.get_item', {
      namespace: 'webcams',
      key: [added.webcam.uid],
    })) as {
      value: Record<string, unknown>;
    };
    expect(stored.value).toMatchObject({ name: 'door', urlStream: 'http://cam.local/stream', rotation: 90 });
    const renamed = (await s.result('server.webcams.post_item', {
      uid: added.webcam.uid,
      name: 'garage',
      enabled: false,
    })) as {
      webcam: { name: string; enabled: boolean };
    };
    expect(renamed.webcam).toMatchObject({ name: 'garage', enabled: false });
    expect(
      await rpcError(s, 'server.webcams.post_item', { uid: added.webcam.uid, name: 'printkit' }),
    ).toEqual({
      code: 400,
      message:
        "Cannot rename webcam from 'garage' to 'printkit'.  Webcam with requested name 'printkit' already exists.",
    });
    const fromHttp = await http(`${m.url}/server/webcams/item?name=garage`);
    expect(fromHttp.body.result).toMatchObject({ webcam: { name: 'garage' } });
    expect(await s.result('server.webcams.delete_item', { name: 'garage' })).toMatchObject({
      webcam: { name: 'garage' },
    });
    expect(((await s.result('server.webcams.list')) as { webcams: unknown[] }).webcams).toHaveLength(1);
  });

  it("errors in Moonraker's words", async () => {
    const m = await mock();
    const s = await client(m);
    expect(await rpcError(s, 'server.webcams.get_item', { name: 'nope' })).toEqual({
      code: -32601,
      message: 'Webcam nope not found',
    });
    expect(await rpcError(s, 'server.webcams.get_item', { uid: 'x' })).toEqual({
      code: -32601,
      message: 'Webcam with UID x not found',
    });
    expect(await rpcError(s, 'server.webcams.post_item', { name: 'a' })).toEqual({
      code: 400,
      message: 'No data for argument: stream_url',
    });
    expect(
      await rpcError(s, 'server.webcams.post_item', { name: 'a', stream_url: 'x', rotation: 45 }),
    ).toEqual({
      code: 400,
      message: "Invalid value for 'rotation': 45",
    });
    expect(await rpcError(s, 'server.webcams.delete_item', { name: 'printkit' })).toEqual({
      code: 400,
      message: "Cannot delete webcam 'printkit' sourced from Moonraker configuration",
    });
    expect((await http(`${m.url}/server/webcams/item?name=nope`)).status).toBe(404);
  });
});
