import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart.js';

describe('multipart', () => {
  it('parses fields and files', () => {
    const body = Buffer.from(
      '--XY\r\nContent-Disposition: form-data; name="root"\r\n\r\ngcodes\r\n--XY\r\nContent-Disposition: form-data; name="file"; filename="a.gcode"\r\nContent-Type: application/octet-stream\r\n\r\nG28\r\n\r\n--XY--\r\n',
    );
    expect(boundaryOf('multipart/form-data; boundary=XY')).toBe('XY');
    const parts = parseMultipart(body, 'XY');
    expect(parts?.map((p) => [p.name, p.filename, p.data.toString()])).toEqual([
      ['root', undefined, 'gcodes'],
      ['file', 'a.gcode', 'G28\r\n'],
    ]);
  });

  it('rejects truncated or foreign bodies', () => {
    expect(boundaryOf('application/json')).toBeUndefined();
    expect(parseMultipart(Buffer.from('no boundary here'), 'XY')).toBeUndefined();
    expect(
      parseMultipart(
        Buffer.from('--XY\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'),
        'XY',
      ),
    ).toBeUndefined();
    expect(parseMultipart(Buffer.from('--XY\r\nX-Nothing: 1\r\n\r\nv\r\n--XY--'), 'XY')).toBeUndefined();
  });
});
