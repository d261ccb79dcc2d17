import { md5Hex } from '../md5';
import { reprString } from '../jinja/values';

/** A value as Python's `str()` shows it, for test names (lists and dicts print their items). */
function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return pyRepr(v);
}

function pyRepr(v: unknown): string {
  if (typeof v === 'string') return reprString(v);
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (v !== null && typeof v === 'object') return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${reprString(k)}: ${pyRepr(x)}`).join(', ') + '}';
  return pyStr(v);
}

/**
 * dbt's synthesize_generic_test_names: `<type>_<target>_<args joined by __>`,
 * every run of characters other than letters, digits and `_` made one `_`;
 * from 64 characters on, the short name is the first 30 characters of
 * `<type>_<target>` and the md5 of the full name.
 */
export function synthesizeTestNames(testType: string, targetName: string, args: Record<string, unknown>): { shortName: string; fullName: string } {
  const flat: string[] = [];
  for (const name of Object.keys(args).sort()) {
    if (name === 'model') continue;
    const v = args[name];
    const parts = Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v as Record<string, unknown>) : [v];
    flat.push(...parts.map(pyStr));
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${targetName}`;
  const fullName = `${identifier}_${unique}`;
  const shortName = fullName.length >= 64 ? `${identifier.slice(0, 30)}_${md5Hex(fullName)}` : fullName;
  return { shortName, fullName };
}

/** dbt's get_hashable_md: dicts with sorted keys, lists kept, anything else as str(). */
function hashable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hashable);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) out[k] = hashable((v as Record<string, unknown>)[k]);
    return out;
  }
  return pyStr(v);
}

/** The 10-character suffix of a generic test's unique_id: md5 of its name and Python repr of its metadata. */
export function testHash(name: string, metadata: { namespace: string | null; name: string; kwargs: Record<string, unknown> }): string {
  const md = hashable({ namespace: metadata.namespace, name: metadata.name, kwargs: metadata.kwargs });
  return md5Hex(name + pyRepr(md)).slice(-10);
}
