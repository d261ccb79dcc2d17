/** The taxi data a run loads: the sample of the month, or the whole month where the site has it. */
export type Dataset = 'sample' | 'full';

/** What a shared link carries: the flow, its inputs and the data choice (never run until the learner clicks Execute). */
export interface SharedFlow {
  flow: string;
  inputs: Record<string, unknown>;
  /** Absent in links made before it was kept: they open with the sample. */
  dataset?: Dataset;
}

const PARAM = 'share';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** A link to this page whose fragment holds the compressed flow and inputs. */
export async function createShareLink(shared: SharedFlow, pageUrl: string): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(shared));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  const url = new URL(pageUrl);
  url.hash = `${PARAM}=${toBase64Url(packed)}`;
  return url.href;
}

/** Reads a shared flow from a URL fragment; null when there is none or it is damaged. The data choice is always set (the sample when the link has none). */
export async function readShareLink(hash: string): Promise<Required<SharedFlow> | null> {
  const m = hash.match(new RegExp(`[#&]${PARAM}=([A-Za-z0-9_-]+)`));
  if (!m) return null;
  try {
    const json = await pipe(fromBase64Url(m[1]), new DecompressionStream('deflate-raw'));
    const data = JSON.parse(new TextDecoder().decode(json)) as Partial<SharedFlow>;
    if (typeof data.flow !== 'string') return null;
    return {
      flow: data.flow,
      inputs: data.inputs && typeof data.inputs === 'object' ? data.inputs : {},
      dataset: data.dataset === 'full' ? 'full' : 'sample',
    };
  } catch {
    return null;
  }
}
