/** Bytes flowing into a command (its stdin). */
export type ByteSource = AsyncIterable<Uint8Array>;

/** Where a command writes (stdout, stderr, a file, a pipe). */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** Thrown into a writer whose reader went away (the shell's SIGPIPE). */
export class BrokenPipe extends Error {
  constructor() {
    super('Broken pipe');
  }
}

export const EMPTY_SOURCE: ByteSource = {
  async *[Symbol.asyncIterator]() {},
};

export function sourceOf(data: Uint8Array): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      const step = 1 << 20;
      for (let i = 0; i < data.byteLength; i += step) yield data.subarray(i, i + step);
    },
  };
}

/** A pipe between two commands of a pipeline, with a little buffering (backpressure beyond it). */
export class Pipe implements ByteSink, ByteSource {
  private readonly queue: Uint8Array[] = [];
  private closed = false;
  private cancelled = false;
  private wakeReader: (() => void) | null = null;
  private wakeWriter: (() => void) | null = null;
  constructor(private readonly highWater = 8) {}

  async write(chunk: Uint8Array): Promise<void> {
    if (this.cancelled) throw new BrokenPipe();
    if (!chunk.byteLength) return;
    this.queue.push(chunk);
    this.wakeReader?.();
    while (this.queue.length >= this.highWater && !this.cancelled) {
      await new Promise<void>((r) => (this.wakeWriter = r));
    }
    if (this.cancelled) throw new BrokenPipe();
  }

  close(): void {
    this.closed = true;
    this.wakeReader?.();
  }

  /** The reader is done: later writes fail with BrokenPipe. */
  cancel(): void {
    this.cancelled = true;
    this.queue.length = 0;
    this.wakeWriter?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      while (true) {
        const next = this.queue.shift();
        if (next) {
          this.wakeWriter?.();
          yield next;
          continue;
        }
        if (this.closed) return;
        await new Promise<void>((r) => (this.wakeReader = r));
        this.wakeReader = null;
      }
    } finally {
      this.cancel();
    }
  }
}

/** Collects everything written (a `> file` redirection). */
export class CollectSink implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  private size = 0;
  /** `limit`: bytes it may hold; past it, `overflow()` is thrown (a redirect into a full working directory). */
  constructor(
    private readonly limit = Infinity,
    private readonly overflow: (size: number) => Error = (size) => new Error(`more than ${size} bytes`),
  ) {}
  async write(chunk: Uint8Array): Promise<void> {
    this.size += chunk.byteLength;
    if (this.size > this.limit) throw this.overflow(this.size);
    this.chunks.push(chunk);
  }
  bytes(): Uint8Array {
    return concatBytes(this.chunks);
  }
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

export async function readAll(source: ByteSource): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of source) chunks.push(c);
  return concatBytes(chunks);
}

/** Splits written bytes into text lines (UTF-8), calling `onLine` for each complete line. */
export class LineSink implements ByteSink {
  private readonly decoder = new TextDecoder();
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}
  async write(chunk: Uint8Array): Promise<void> {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const l of lines) this.onLine(l.replace(/\r$/, ''));
  }
  flush(): void {
    const last = this.rest + this.decoder.decode();
    this.rest = '';
    if (last) this.onLine(last.replace(/\r$/, ''));
  }
}

/** A web ReadableStream over a byte source (to pipe through DecompressionStream). */
export function toReadableStream(source: ByteSource): ReadableStream<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

export async function* fromReadableStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
