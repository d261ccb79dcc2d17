const lastSegment = (s: string) => s.slice(s.lastIndexOf('.') + 1);

/** No one mistypes a name this long: such a word gets no suggestion (and costs nothing). */
const MAX_WORD = 200;

/**
 * The candidate nearest to `word` by edit distance, if it is reasonably close.
 * For dotted names (task types) the last segment must be close too, so
 * `core.http.Download` is not "close" to `core.log.Log` just because both
 * share a long package prefix. Distances are computed only as far as they
 * can still matter, so a flow with thousands of unknown names stays fast.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  if (word.length > MAX_WORD) return null;
  const maxScore = Math.max(3, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestScore = Infinity;
  const w = word.toLowerCase();
  const wLast = lastSegment(w);
  const lastLimit = Math.max(1, Math.floor(wLast.length / 3));
  const dotted = w.includes('.');
  const lowered = lowerCased(candidates);
  for (let k = 0; k < candidates.length; k++) {
    const limit = Math.min(bestScore - 1, maxScore); // only a score up to this changes the answer
    if (limit < 0) break;
    const { lc, last } = lowered[k];
    let score: number;
    if (last === wLast && lc.length > wLast.length) {
      // ends with `.` + the same last segment: close enough whatever the package
      score = Math.min(boundedDistance(w, lc, Math.min(limit, 3)), 3);
    } else {
      const whole = boundedDistance(w, lc, Math.max(limit, 3));
      if (whole > 3 && dotted && boundedDistance(wLast, last, lastLimit) > lastLimit) continue;
      score = whole;
    }
    if (score <= limit) {
      bestScore = score;
      best = candidates[k];
    }
  }
  return best;
}

const LOWERED = new WeakMap<readonly string[], { lc: string; last: string }[]>();

/** Each candidate lower-cased with its last dotted segment, computed once per list. */
function lowerCased(candidates: readonly string[]): { lc: string; last: string }[] {
  let out = LOWERED.get(candidates);
  if (!out) {
    out = candidates.map((c) => {
      const lc = c.toLowerCase();
      return { lc, last: lastSegment(lc) };
    });
    LOWERED.set(candidates, out);
  }
  return out;
}

let row = new Int32Array(64);

/** Levenshtein distance of a and b when it is at most `bound`, else bound + 1. */
function boundedDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  // a common prefix and suffix change nothing (`io.kestra.plugin.core.` is most of a task type)
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start > 0 || endA < a.length || endB < b.length) {
    a = a.slice(start, endA);
    b = b.slice(start, endB);
  }
  if (row.length < b.length + 1) row = new Int32Array(b.length + 1);
  const prev = row;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
      if (prev[j] < rowMin) rowMin = prev[j];
    }
    if (rowMin > bound) return bound + 1;
  }
  return Math.min(prev[b.length], bound + 1);
}
