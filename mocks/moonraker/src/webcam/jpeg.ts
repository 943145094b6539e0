/**
 * A baseline JPEG encoder for images made of flat 8×8 blocks: each block is one colour, so its DCT
 * has only the DC coefficient (8·(v−128)), and every block is a DC difference plus end-of-block.
 * That is enough for the fake camera's simple rendered frames and needs no image library.
 * Three components (Y, Cb, Cr), no subsampling, the standard DC luminance Huffman table
 * (ITU-T T.81 Annex K.3) for DC and a one-symbol table (EOB) for AC.
 */

export interface BlockImage {
  /** Width and height in 8×8 blocks. */
  readonly columns: number;
  readonly rows: number;
  /** RGB of block (column, row). */
  color(column: number, row: number): readonly [number, number, number];
}

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** Canonical codes of the DC table: category → [code, length]. */
const DC_CODES = canonicalCodes(DC_BITS, DC_VALUES);

function canonicalCodes(bits: readonly number[], values: readonly number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < (bits[length - 1] ?? 0); i++) codes.set(values[k++] ?? 0, [code++, length]);
    code <<= 1;
  }
  return codes;
}

class BitWriter {
  readonly bytes: number[] = [];
  #current = 0;
  #count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.#current = (this.#current << 1) | ((value >> i) & 1);
      this.#count += 1;
      if (this.#count === 8) this.#flushByte();
    }
  }

  /** Pads the last byte with 1 bits, as T.81 requires. */
  finish(): void {
    while (this.#count !== 0) this.write(1, 1);
  }

  #flushByte(): void {
    this.bytes.push(this.#current);
    // A 0xFF in entropy-coded data is followed by a stuffed 0x00.
    if (this.#current === 0xff) this.bytes.push(0);
    this.#current = 0;
    this.#count = 0;
  }
}

function ycbcr([r, g, b]: readonly [number, number, number]): [number, number, number] {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  return [y, cb, cr].map((v) => Math.max(0, Math.min(255, Math.round(v)))) as [number, number, number];
}

function segment(marker: number, payload: readonly number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

export function encodeBlockJpeg(image: BlockImage): Buffer {
  const width = image.columns * 8;
  const height = image.rows * 8;
  const out: number[] = [0xff, 0xd8];
  // DQT: table 0, every coefficient divided by 8 (DC then equals v − 128).
  out.push(...segment(0xdb, [0x00, ...new Array<number>(64).fill(8)]));
  // SOF0: 8-bit, three components, 1×1 sampling, all on quant table 0.
  out.push(
    ...segment(0xc0, [
      8,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      3,
      1,
      0x11,
      0,
      2,
      0x11,
      0,
      3,
      0x11,
      0,
    ]),
  );
  // DHT: DC table 0 (standard luminance DC) and AC table 0 (only EOB, code "0").
  out.push(...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]));
  out.push(...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]));
  // SOS: three components, DC/AC table 0 each, full spectral range.
  out.push(...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]));
  const writer = new BitWriter();
  const previous = [0, 0, 0];
  for (let row = 0; row < image.rows; row++) {
    for (let column = 0; column < image.columns; column++) {
      const components = ycbcr(image.color(column, row));
      for (let c = 0; c < 3; c++) {
        const dc = (components[c] ?? 128) - 128;
        const diff = dc - (previous[c] ?? 0);
        previous[c] = dc;
        const magnitude = Math.abs(diff);
        const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
        const [code, length] = DC_CODES.get(category) ?? [0, 0];
        writer.write(code, length);
        if (category > 0) writer.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
        writer.write(0, 1); // EOB
      }
    }
  }
  writer.finish();
  out.push(...writer.bytes, 0xff, 0xd9);
  return Buffer.from(out);
}
