import type { InputSpec } from '../flow/Flow';

/** Coerces one input value to its declared type, or throws a plain message. */
export function coerceInput(input: InputSpec, raw: unknown): unknown {
  const type = String(input.type ?? 'STRING').toUpperCase();
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  switch (type) {
    case 'INT': {
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isInteger(n)) throw new Error(`Invalid value \`${text}\`: expected an integer`);
      return n;
    }
    case 'FLOAT': {
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n) || text.trim() === '') throw new Error(`Invalid value \`${text}\`: expected a number`);
      return n;
    }
    case 'BOOLEAN': {
      if (raw === true || raw === false) return raw;
      if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
      throw new Error(`Invalid value \`${text}\`: expected true or false`);
    }
    case 'SELECT': {
      const values = (input.values as unknown[] | undefined)?.map(String) ?? [];
      const v = typeof raw === 'string' ? raw : String(raw);
      if (!values.includes(v) && input.allowCustomValue !== true) {
        throw new Error(`Invalid value \`${v}\`: it must match one of the values [${values.join(', ')}]`);
      }
      return v;
    }
    default:
      return typeof raw === 'string' ? raw : raw;
  }
}
