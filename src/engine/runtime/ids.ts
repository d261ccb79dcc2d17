const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Kestra-style 22-character base62 ids, from the platform's crypto RNG. */
export function randomId(): string {
  const bytes = new Uint8Array(22);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 62];
  return out;
}

/** Deterministic ids for tests: exec-1, run-1, run-2, ... */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}${(++n).toString().padStart(4, '0')}`;
}
