/**
 * Bytes in memory with a Blob's reading methods, to hand data to PGlite's
 * `/dev/blob` without the copies a real Blob costs (building one copies the
 * bytes, and reading it back with arrayBuffer() copies them again: about
 * 75 ms for 40 MB in Node 20). PGlite only calls arrayBuffer() on the blob it
 * is given; openPGlite's fast /dev/blob (fastBlobDevice.ts) reads `data`
 * directly. It is not a native Blob: a browser API that needs one (a
 * Response, postMessage) rejects it instead of reading nothing.
 */
export class BytesBlob implements Blob {
  readonly type: string;

  constructor(
    readonly data: Uint8Array,
    type = '',
  ) {
    this.type = type;
  }

  get size(): number {
    return this.data.byteLength;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.data;
    return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength ? buffer : this.copy().buffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.copy();
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(this.data);
  }

  slice(start?: number, end?: number, contentType?: string): Blob {
    return new BytesBlob(this.data.slice(start, end), contentType ?? '');
  }

  stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const copy = this.copy();
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(copy);
        controller.close();
      },
    });
  }

  private copy(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.data.byteLength);
    out.set(this.data);
    return out;
  }
}
