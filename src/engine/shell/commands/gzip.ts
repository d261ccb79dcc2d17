import type { CommandContext } from '../CommandContext';
import { concatBytes, fromReadableStream, sourceOf, toReadableStream, type ByteSource } from '../streams';
import { parseOptions } from './parseOptions';

/** Streams `source` through (De)CompressionStream, writing to `write`. Returns an error message or null. */
async function transform(source: ByteSource, mode: 'decompress' | 'compress', write: (chunk: Uint8Array) => Promise<void>): Promise<string | null> {
  const stream = mode === 'decompress' ? new DecompressionStream('gzip') : new CompressionStream('gzip');
  let sawInput = false;
  const counted: ByteSource = {
    async *[Symbol.asyncIterator]() {
      for await (const c of source) {
        if (c.byteLength) sawInput = true;
        yield c;
      }
    },
  };
  try {
    const out = toReadableStream(counted).pipeThrough(stream as unknown as TransformStream<Uint8Array, Uint8Array>);
    for await (const chunk of fromReadableStream(out)) await write(chunk);
    return null;
  } catch (e) {
    if ((e as Error).name === 'BrokenPipe' || (e as Error).message === 'Broken pipe') throw e;
    if (!sawInput) return 'unexpected end of file';
    return /header|gzip|format|invalid|incorrect/i.test(String((e as Error).message)) ? 'not in gzip format' : 'invalid compressed data--format violated';
  }
}

async function gzipMain(c: CommandContext, forceDecompress: boolean, forceStdout: boolean): Promise<number> {
  const { opts, operands } = parseOptions(c.name, c.args, {
    flags: 'dcfkqnv9123456788',
    values: 'S',
    long: { decompress: 'd', stdout: 'c', 'to-stdout': 'c', force: 'f', keep: 'k', quiet: 'q', suffix: 'S' },
  });
  const decompress = forceDecompress || opts.has('d');
  const toStdout = forceStdout || opts.has('c');
  const mode = decompress ? 'decompress' : 'compress';
  if (!operands.length || (operands.length === 1 && operands[0] === '-')) {
    const err = await transform(c.stdin, mode, (chunk) => c.stdout.write(chunk));
    if (err) {
      await c.error(`gzip: stdin: ${err}`);
      return 1;
    }
    return 0;
  }
  let status = 0;
  for (const file of operands) {
    const data = c.fs.read(file);
    if (!data) {
      await c.error(`gzip: ${file}: No such file or directory`);
      status = 1;
      continue;
    }
    if (decompress && !toStdout && !file.endsWith('.gz')) {
      await c.error(`gzip: ${file}: unknown suffix -- ignored`);
      status = 2;
      continue;
    }
    const chunks: Uint8Array[] = [];
    const err = await transform(sourceOf(data), mode, async (chunk) => {
      if (toStdout) await c.stdout.write(chunk);
      else chunks.push(chunk);
    });
    if (err) {
      await c.error(`gzip: ${file}: ${err}`);
      status = 1;
      continue;
    }
    if (!toStdout) {
      const target = decompress ? file.slice(0, -3) : `${file}.gz`;
      c.fs.write(target, concatBytes(chunks));
      if (!opts.has('k')) c.fs.remove(file, false);
    }
  }
  return status;
}

export const gzip = (c: CommandContext) => gzipMain(c, false, false);
export const gunzip = (c: CommandContext) => gzipMain(c, true, false);
export const zcat = (c: CommandContext) => gzipMain(c, true, true);

