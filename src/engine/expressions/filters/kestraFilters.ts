import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { bindArgs } from '../args';
import { ExpressionError } from '../ExpressionError';
import { isPlainObject, stringify } from '../values';
import type { Filter } from './Filter';
import { runJq } from './runJq';
import { formatDecimal } from './formatDecimal';

const encoder = new TextEncoder();

/** Kestra's ShaBaseFilter: the hex digest of a string's UTF-8 bytes; null stays null; anything else fails. */
function hashFilter(name: string, hash: (data: Uint8Array) => Uint8Array): Filter {
  return (input, ...rest) => {
    bindArgs(rest, [], name);
    if (input === null || input === undefined) return null;
    if (typeof input !== 'string') throw new ExpressionError('Need a string to hash');
    return bytesToHex(hash(encoder.encode(input)));
  };
}

/** The Java class Kestra would report for a value (Pebble literals: Long, Double; YAML/JSON maps: LinkedHashMap). */
function javaClassName(v: unknown): string {
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'java.lang.Long' : 'java.lang.Double';
  if (typeof v === 'bigint') return 'java.math.BigInteger';
  if (Array.isArray(v)) return 'java.util.ArrayList';
  if (isPlainObject(v)) return 'java.util.LinkedHashMap';
  return 'java.lang.Object';
}

/**
 * Kestra's own filters not in Pebble: md5/sha1/sha256/sha512 (ShaBaseFilter),
 * className, numberFormat (Pebble's NumberFormatFilter, java.text.DecimalFormat
 * patterns) and jq (JqFilter: always a list of results).
 */
export const KESTRA_FILTERS: Record<string, Filter> = {
  md5: hashFilter('md5', md5),
  sha1: hashFilter('sha1', sha1),
  sha256: hashFilter('sha256', sha256),
  sha512: hashFilter('sha512', sha512),
  className: (input, ...rest) => {
    bindArgs(rest, [], 'className');
    return input === null || input === undefined ? null : javaClassName(input);
  },
  numberFormat: (input, ...rest) => {
    const a = bindArgs(rest, ['format', 'locale'], 'numberFormat');
    if (input === null) return null;
    const n = typeof input === 'number' ? input : Number(stringify(input));
    if (Number.isNaN(n)) throw new ExpressionError(`numberFormat: \`${stringify(input)}\` is not a number`);
    if (a.format === undefined) return formatDecimal(n, '#,##0.###');
    if (typeof a.format !== 'string') throw new ExpressionError('numberFormat: `format` must be a string such as "#,##0.00"');
    return formatDecimal(n, a.format);
  },
  jq: (input, ...rest) => {
    const a = bindArgs(rest, ['expression'], 'jq');
    if (input === null || input === undefined) return null;
    if (typeof a.expression !== 'string') throw new ExpressionError("The 'jq' filter expects an argument 'expression'.");
    let data: unknown = input;
    if (typeof input === 'string') {
      try {
        data = JSON.parse(input);
      } catch (e) {
        throw new ExpressionError(`jq: the input is not valid JSON: ${(e as Error).message}`);
      }
    }
    return runJq(a.expression, data);
  },
};
