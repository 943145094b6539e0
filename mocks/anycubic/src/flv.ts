/**
 * FLV-shaped bytes for the video endpoint: a valid FLV header and video tags carrying dummy AVC
 * payloads. Players will not show a picture; clients can check the container and that bytes flow.
 */

/** 'FLV', version 1, flags 0x01 (video only), header length 9, then PreviousTagSize0 = 0. */
export function flvHeader(): Buffer {
  return Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x01, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00]);
}

/** One video tag (type 9) with `payloadBytes` of dummy data at `timestampMs`, plus its PreviousTagSize. */
export function flvVideoTag(timestampMs: number, payloadBytes = 64, keyframe = false): Buffer {
  const data = Buffer.alloc(payloadBytes);
  data[0] = keyframe ? 0x17 : 0x27; // frame type + codec id 7 (AVC)
  data[1] = 0x01; // AVC NALU
  const tag = Buffer.alloc(11 + payloadBytes + 4);
  tag[0] = 0x09;
  tag.writeUIntBE(payloadBytes, 1, 3);
  tag.writeUIntBE(timestampMs & 0xffffff, 4, 3);
  tag[7] = (timestampMs >>> 24) & 0xff;
  tag.writeUIntBE(0, 8, 3); // stream id
  data.copy(tag, 11);
  tag.writeUInt32BE(11 + payloadBytes, 11 + payloadBytes);
  return tag;
}
