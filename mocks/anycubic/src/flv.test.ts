import { describe, expect, it } from 'vitest';
import { flvHeader, flvVideoTag } from './flv.js';

describe('FLV bytes', () => {
  it('writes a 9-byte FLV header plus PreviousTagSize0, and self-consistent video tags', () => {
    const header = flvHeader();
    expect(header.subarray(0, 3).toString()).toBe('FLV');
    expect(header.readUInt32BE(5)).toBe(9);
    expect(header.readUInt32BE(9)).toBe(0);
    const tag = flvVideoTag(0x01_23_45_67, 32, true);
    expect(tag[0]).toBe(9);
    expect(tag.readUIntBE(1, 3)).toBe(32);
    expect(tag.readUIntBE(4, 3) + tag[7]! * 2 ** 24).toBe(0x01_23_45_67);
    expect(tag[11]).toBe(0x17);
    expect(tag.readUInt32BE(tag.length - 4)).toBe(11 + 32);
  });
});
