/**
 * Builds a PostgreSQL binary COPY stream (the format of `COPY … WITH (FORMAT
 * binary)`: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4):
 * an 11-byte signature, a flags word and a header-extension length, then per
 * row an int16 field count and per field an int32 byte length (-1 for NULL)
 * followed by the value in the type's send/receive format, and an int16 -1
 * at the end. All integers are big-endian.
 *
 * The writes do not check for room: call ensure() first (room for a field is
 * 4 bytes of length plus at most MAX_FIELD_BYTES(value length)).
 */
const f64 = new Float64Array(1);
const f32 = new Float32Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const f32Bytes = new Uint8Array(f32.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

/** Bytes a field may take for a CSV value of `n` bytes, length word included (numeric takes the most: 8 + 2 per 4 digits, plus alignment). */
export const fieldRoom = (n: number) => 4 + 24 + n;

export class BinaryCopyWriter {
  buf: Uint8Array;
  view: DataView;
  pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(capacity, 64));
    this.view = new DataView(this.buf.buffer);
    for (const b of SIGNATURE) this.buf[this.pos++] = b;
    this.int32(0); // flags
    this.int32(0); // header extension length
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  int16(v: number): void {
    const buf = this.buf;
    buf[this.pos] = (v >> 8) & 0xff;
    buf[this.pos + 1] = v & 0xff;
    this.pos += 2;
  }

  int32(v: number): void {
    const buf = this.buf;
    const p = this.pos;
    buf[p] = (v >>> 24) & 0xff;
    buf[p + 1] = (v >>> 16) & 0xff;
    buf[p + 2] = (v >>> 8) & 0xff;
    buf[p + 3] = v & 0xff;
    this.pos = p + 4;
  }

  /** A big-endian IEEE double (byte by byte: faster than DataView.setFloat64 in V8 11). */
  float64(v: number): void {
    f64[0] = v;
    const buf = this.buf;
    const p = this.pos;
    const b = f64Bytes;
    if (littleEndian) {
      buf[p] = b[7];
      buf[p + 1] = b[6];
      buf[p + 2] = b[5];
      buf[p + 3] = b[4];
      buf[p + 4] = b[3];
      buf[p + 5] = b[2];
      buf[p + 6] = b[1];
      buf[p + 7] = b[0];
    } else buf.set(b, p);
    this.pos = p + 8;
  }

  /** A big-endian IEEE single. */
  float32(v: number): void {
    f32[0] = v;
    const buf = this.buf;
    const p = this.pos;
    const b = f32Bytes;
    if (littleEndian) {
      buf[p] = b[3];
      buf[p + 1] = b[2];
      buf[p + 2] = b[1];
      buf[p + 3] = b[0];
    } else buf.set(b, p);
    this.pos = p + 4;
  }

  /** A field: its length, then its bytes `src[start, end)`. */
  field(src: Uint8Array, start: number, end: number): void {
    const len = end - start;
    this.int32(len);
    if (len < 32) {
      const buf = this.buf;
      let p = this.pos;
      for (let i = start; i < end; i++) buf[p++] = src[i];
      this.pos = p;
    } else {
      this.buf.set(src.subarray(start, end), this.pos);
      this.pos += len;
    }
  }

  /** Ends the stream; the bytes written so far. */
  finish(): Uint8Array {
    this.ensure(2);
    this.int16(-1);
    return this.buf.subarray(0, this.pos);
  }
}
