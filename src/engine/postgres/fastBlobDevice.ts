import { BytesBlob } from './BytesBlob';

interface EmscriptenStream {
  position: number;
}
interface DeviceOps {
  read(stream: EmscriptenStream, buffer: Uint8Array, offset: number, length: number, position: number): number;
  llseek(stream: EmscriptenStream, offset: number, whence: number): number;
}
interface PGliteInternals {
  Module?: { FS?: { lookupPath(path: string): { node: { rdev: number } }; getDevice(dev: number): { stream_ops: DeviceOps } | undefined; ErrnoError: new (errno: number) => Error } };
  _handleBlob?: (blob?: Blob) => Promise<void>;
  _cleanupBlob?: () => Promise<void>;
}

/**
 * PGlite hands COPY … FROM '/dev/blob' its data through an Emscripten
 * device whose read() copies one byte at a time in a JavaScript loop (about
 * 2 ms per MB), after reading the whole Blob into an ArrayBuffer. This
 * replaces, on one PGlite instance, the device's read and seek with versions
 * that copy with TypedArray.set, and takes a BytesBlob's bytes as they are.
 * When PGlite's internals are not the expected ones nothing is changed (and
 * false is returned): PGlite's own device keeps working, only slower.
 * See README, "Known PGlite issues".
 */
export function installFastBlobDevice(pglite: unknown): boolean {
  const pg = pglite as PGliteInternals;
  const FS = pg.Module?.FS;
  if (!FS || typeof pg._handleBlob !== 'function' || typeof pg._cleanupBlob !== 'function') return false;
  let ops: DeviceOps | undefined;
  try {
    ops = FS.getDevice(FS.lookupPath('/dev/blob').node.rdev)?.stream_ops;
  } catch {
    return false;
  }
  if (!ops || typeof ops.read !== 'function' || typeof ops.llseek !== 'function') return false;
  let current: Uint8Array | undefined;
  const cleanup = pg._cleanupBlob.bind(pg);
  pg._handleBlob = async (blob) => {
    current = blob === undefined ? undefined : blob instanceof BytesBlob ? blob.data : new Uint8Array(await blob.arrayBuffer());
  };
  pg._cleanupBlob = async () => {
    current = undefined;
    await cleanup();
  };
  ops.read = (_stream, buffer, offset, length, position) => {
    if (!current) throw new Error('No /dev/blob File or Blob provided to read from');
    if (position >= current.length) return 0;
    const n = Math.min(current.length - position, length);
    buffer.set(current.subarray(position, position + n), offset);
    return n;
  };
  ops.llseek = (stream, offset, whence) => {
    if (!current) throw new Error('No /dev/blob File or Blob provided to llseek');
    const position = whence === 1 ? stream.position + offset : whence === 2 ? current.length + offset : offset;
    if (position < 0) throw new FS.ErrnoError(28);
    return position;
  };
  return true;
}
