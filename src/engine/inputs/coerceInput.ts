import { parse as parseYaml } from 'yaml';
import type { InputSpec } from '../flow/Flow';
import { parseIsoDuration } from '../flow/parseIsoDuration';
import { checkInputConstraints } from './checkInputConstraints';
import { InputValueError } from './InputValueError';
import { formatInstant, parseInstant, parseLocalDate, parseLocalTime } from './isoTemporal';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export const showValue = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/**
 * Turns one given value into its input's type, as Kestra does
 * (FlowInputOutput#parseType), then checks the input's own rules (values,
 * validator, min/max, after/before). Throws an InputValueError.
 * FILE values must already be `kestra://` URIs here (resolveInputs stores files).
 */
export function coerceInput(input: InputSpec, raw: unknown): unknown {
  const value = parseInputValue(input, raw);
  checkInputConstraints(input, value, raw);
  return value;
}

export function parseInputValue(input: InputSpec, raw: unknown): unknown {
  const type = String(input.type ?? 'STRING');
  const id = String(input.id);
  if (type === 'ARRAY' || type === 'MULTISELECT') {
    const list = toList(id, type, raw);
    const itemType = typeof input.itemType === 'string' ? input.itemType : type === 'MULTISELECT' ? 'STRING' : null;
    if (!itemType) return list;
    return list.map((item) => {
      try {
        return parseType(id, itemType, item);
      } catch {
        throw new InputValueError('input-array-item', { id, itemType, item: showValue(item), value: showValue(raw) });
      }
    });
  }
  return parseType(id, type, raw);
}

function toList(id: string, type: string, raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (Array.isArray(parsed)) return parsed;
    } catch (e) {
      throw new InputValueError('input-type', { id, type, value: raw, detail: (e as Error).message });
    }
  }
  throw new InputValueError('input-type', { id, type, value: showValue(raw) });
}

function parseType(id: string, type: string, raw: unknown): unknown {
  const bad = (detail?: string): never => {
    throw new InputValueError('input-type', { id, type, value: showValue(raw), ...(detail ? { detail } : {}) });
  };
  const text = typeof raw === 'string' ? raw : null;
  switch (type) {
    case 'STRING':
    case 'SECRET':
    case 'SELECT':
    case 'ENUM':
      return typeof raw === 'object' && raw !== null ? bad() : String(raw);
    case 'INT': {
      if (typeof raw === 'number') return Number.isInteger(raw) && raw >= INT_MIN && raw <= INT_MAX ? raw : bad();
      if (text === null || !/^[+-]?\d+$/.test(text)) return bad();
      const n = Number(text);
      return n >= INT_MIN && n <= INT_MAX ? n : bad();
    }
    case 'FLOAT': {
      if (typeof raw === 'number') return raw;
      const t = text?.trim() ?? '';
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/.test(t)) return Number(t.replace(/[fFdD]$/, ''));
      return bad();
    }
    case 'BOOLEAN':
    case 'BOOL':
      // Java's Boolean.valueOf: "true" in any case is true, every other string is false
      if (typeof raw === 'boolean') return raw;
      return text === null ? bad() : text.toLowerCase() === 'true';
    case 'DATETIME': {
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? bad() : formatInstant(raw.getTime());
      return (text !== null && parseInstant(text)) || bad();
    }
    case 'DATE':
      return (text !== null && parseLocalDate(text)) || bad();
    case 'TIME':
      return (text !== null && parseLocalTime(text)) || bad();
    case 'DURATION':
      return (text !== null && parseIsoDuration(text)?.normalized) || bad();
    case 'JSON':
      if (text === null) return raw;
      try {
        return JSON.parse(text) as unknown;
      } catch (e) {
        return bad((e as Error).message);
      }
    case 'YAML':
      if (text === null) return raw;
      try {
        return parseYaml(text) as unknown;
      } catch (e) {
        return bad((e as Error).message.split('\n')[0]);
      }
    case 'URI':
      return text !== null && isKestraUri(text) ? text : bad();
    case 'EMAIL':
      return text !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text : bad();
    case 'FILE':
      return text !== null && text.startsWith('kestra://') ? text : bad();
    default:
      return raw;
  }
}

/**
 * Kestra's URI input check: a lowercase scheme, `://`, a host with a dot and
 * a top-level part (so `http://localhost:8080` is refused, as in Kestra), and
 * no spaces.
 */
function isKestraUri(text: string): boolean {
  const m = /^[a-z]+:\/\/([^\s/?]+)([/?][^\s]*)?$/.exec(text);
  if (!m) return false;
  return /\.[a-zA-Z0-9()]{1,6}(?![a-zA-Z0-9])/.test(m[1]);
}
