/**
 * Reads the Ion text Kestra's STORE fetch type writes (`.ion`, one value per
 * line, see engine/postgres/ionText.ts) back into plain values for the
 * Outputs preview: structs, lists, strings, symbols, numbers, null, booleans;
 * timestamps and blobs come back as their text. Anything else is an error
 * with its offset (the preview then shows the text as it is).
 */
export function parseIonText(text: string, maxValues = Infinity): unknown[] {
  let i = 0;
  const out: unknown[] = [];
  const fail = (what: string): never => {
    throw new Error(`Ion text: ${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
  };
  const quoted = (q: string): string => {
    let s = '';
    i++;
    while (i < text.length && text[i] !== q) {
      if (text[i] === '\\') {
        const e = text[++i];
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', '0': '\0' };
        if (e === 'u') {
          s += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
          i += 5;
          continue;
        }
        s += map[e] ?? e;
        i++;
      } else s += text[i++];
    }
    if (text[i] !== q) fail('unclosed string');
    i++;
    return s;
  };
  const value = (depth: number): unknown => {
    if (depth > 100) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{' && text[i + 1] === '{') {
      const end = text.indexOf('}}', i);
      if (end < 0) fail('unclosed blob');
      const blob = text.slice(i + 2, end).trim();
      i = end + 2;
      return `<blob ${blob.length} chars>`;
    }
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return obj;
        }
        let key: string;
        if (text[i] === "'" || text[i] === '"') key = quoted(text[i]);
        else {
          const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i, i + 256));
          if (!m) fail('expected a field name');
          key = m![0];
          i += key.length;
        }
        ws();
        if (text[i] !== ':') fail('expected `:`');
        i++;
        Object.defineProperty(obj, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
      }
    }
    if (c === '[') {
      i++;
      const list: unknown[] = [];
      for (;;) {
        ws();
        if (text[i] === ']') {
          i++;
          return list;
        }
        list.push(value(depth + 1));
      }
    }
    if (c === '"' ) return quoted('"');
    if (c === "'") return quoted("'");
    const m = /^[^\s,{}[\]:]+/.exec(text.slice(i, i + 512));
    if (!m) fail('unexpected character');
    const word = m![0];
    i += word.length;
    if (word === 'null' || word.startsWith('null.')) return null;
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'nan') return NaN;
    if (word === '+inf' || word === '-inf') return word === '+inf' ? Infinity : -Infinity;
    if (/^-?\d+$/.test(word)) return Number(word);
    if (/^-?\d+(\.\d*)?([eEdD][+-]?\d+)?$/.test(word)) return Number(word.replace(/[dD]/, 'e'));
    // a timestamp or a bare symbol: its text
    return word;
  };
  for (;;) {
    ws();
    if (i >= text.length || out.length >= maxValues) return out;
    out.push(value(0));
  }
}
