/** True when the bytes `src[start, end)` spell `word` (lower-case ASCII), in any case. */
export function isAsciiWord(src: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = src[start + i];
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}
