/**
 * The camera snapshot: an 8×8 grey baseline JPEG built by hand (SOI, JFIF APP0, a quantisation table,
 * SOF0, two one-symbol Huffman tables, one scan whose only block is DC 0 + EOB, EOI), with a comment
 * segment carrying the capture time so every new snapshot has different bytes.
 */
const HEAD = [
  0xff,
  0xd8, // SOI
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  0x01,
  0x00,
  0x00,
  0x01,
  0x00,
  0x01,
  0x00,
  0x00, // APP0 JFIF
];
const QUANT = [0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1)]; // DQT, table 0, all ones
const FRAME = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]; // SOF0 8×8, 1 component
const huffman = (tableClass: number) => [
  0xff,
  0xc4,
  0x00,
  0x14,
  tableClass << 4,
  0x01,
  ...new Array<number>(15).fill(0),
  0x00, // one code of length 1 → symbol 0
];
const SCAN = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]; // SOS, component 1, tables 0/0
const DATA = [0x3f]; // DC category 0 ('0'), EOB ('0'), padded with ones
const END = [0xff, 0xd9]; // EOI

export function snapshotJpeg(comment: string): Uint8Array {
  const text = Array.from(new TextEncoder().encode(comment.slice(0, 1_000)));
  const length = text.length + 2;
  const segment = [0xff, 0xfe, length >> 8, length & 0xff, ...text];
  return Uint8Array.from([
    ...HEAD,
    ...segment,
    ...QUANT,
    ...FRAME,
    ...huffman(0),
    ...huffman(1),
    ...SCAN,
    ...DATA,
    ...END,
  ]);
}
