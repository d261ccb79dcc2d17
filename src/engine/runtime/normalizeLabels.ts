import type { Labels } from '../model/events';

/** Flow labels may be a map or a list of `{key, value}`; both become a map of strings. */
export function normalizeLabels(labels: unknown): Labels {
  const out: Labels = {};
  if (Array.isArray(labels)) {
    for (const l of labels) if (l && typeof l === 'object' && 'key' in l) out[String(l.key)] = String((l as { value?: unknown }).value ?? '');
  } else if (labels && typeof labels === 'object') {
    for (const [k, v] of Object.entries(labels)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
