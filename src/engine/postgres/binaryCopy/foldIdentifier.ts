/**
 * The name PostgreSQL makes of an identifier as written in a statement, for
 * the two plain forms: unquoted ASCII (folded to lower case) and one
 * double-quoted name (`""` is a quote). Anything else (non-ASCII, spaces,
 * several names, over 63 bytes, which PostgreSQL would truncate) is null.
 */
export function foldIdentifier(written: string): string | null {
  const s = written.trim();
  let name: string;
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(s)) name = s.toLowerCase();
  else {
    const m = /^"((?:[^"]|"")+)"$/.exec(s);
    if (!m) return null;
    name = m[1].replace(/""/g, '"');
  }
  return new TextEncoder().encode(name).length <= 63 ? name : null;
}
