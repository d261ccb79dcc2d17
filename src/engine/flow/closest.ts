const lastSegment = (s: string) => s.slice(s.lastIndexOf('.') + 1);

/**
 * The candidate nearest to `word` by edit distance, if it is reasonably close.
 * For dotted names (task types) the last segment must be close too, so
 * `core.http.Download` is not "close" to `core.log.Log` just because both
 * share a long package prefix.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  const w = word.toLowerCase();
  const wLast = lastSegment(w);
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const whole = distance(w, lc);
    if (whole > 3 && w.includes('.') && distance(wLast, lastSegment(lc)) > Math.max(1, Math.floor(wLast.length / 3))) continue;
    const score = lc.endsWith('.' + wLast) ? Math.min(whole, 3) : whole;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best !== null && bestScore <= Math.max(3, Math.floor(word.length / 3)) ? best : null;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
