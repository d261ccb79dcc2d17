import { BinaryCopyWriter, fieldRoom } from './BinaryCopyWriter';
import type { CsvDialect } from './csvDialectOf';
import type { FieldEncoder } from './FieldEncoder';
import { encodeText } from './fieldEncoderFor';
import { encodeFloat8 } from './encodeFloats';
import { encodeTimestamp } from './encodeDateTimes';
import { encodeInt4 } from './encodeIntegers';

export interface CopyColumn {
  name: string;
  encode: FieldEncoder;
  /** FORCE_NULL: a quoted value equal to the NULL string is NULL too. */
  forceNull: boolean;
  /** FORCE_NOT_NULL: a value equal to the NULL string is that string, not NULL. */
  forceNotNull: boolean;
}

export type CsvConversion = { ok: true; bytes: Uint8Array; rows: number } | { ok: false; reason: string };

const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const enum Eol {
  Unknown,
  Nl,
  Cr,
  CrNl,
}

/**
 * Reads CSV data the way PostgreSQL's COPY FROM … (FORMAT csv) does
 * (copyfromparse.c: CopyReadLineText and CopyReadAttributesCSV) and writes
 * it as a binary COPY stream for `columns`:
 *
 * - records end at LF, CR or CRLF outside quotes, and every record must end
 *   the way the first one did; the data may end without one;
 * - a quote starts quoted text anywhere in a field and the next unescaped
 *   quote ends it; inside quotes, the escape character (the quote by
 *   default) before a quote or an escape stands for that character;
 * - an unquoted field equal to the NULL string is NULL; FORCE_NOT_NULL makes
 *   it the NULL string itself, FORCE_NULL makes a quoted one NULL too;
 * - HEADER skips the first record.
 *
 * Whatever PostgreSQL would reject, or read in a way this does not copy
 * (a line starting with `\.`, a record with too few or too many fields, an
 * unterminated quote, mixed line endings, a value an encoder is unsure of)
 * gives `ok: false` and why: the COPY then goes the text way, and PostgreSQL
 * reports its own error if there is one. The data must already be known to
 * be UTF-8 without NUL bytes.
 *
 * papaparse (a dependency, for CSV previews) is not used here: it does not
 * say whether a field was quoted, which PostgreSQL's NULL rule depends on,
 * and it reads stray quotes leniently where PostgreSQL has exact rules.
 */
/**
 * Room for the binary stream, guessed from the fields per byte in the first
 * 64 KiB: a field takes its 4-byte length plus at most 8 bytes more than its
 * text (an 8-byte float for a 1-byte text), typically less; the writer grows
 * if the guess is short.
 */
function estimateSize(data: Uint8Array, delim: number): number {
  const sample = Math.min(data.length, 1 << 16);
  let fields = 1;
  for (let k = 0; k < sample; k++) {
    const c = data[k];
    if (c === delim || c === LF) fields++;
  }
  return Math.ceil(data.length + (8 * fields * data.length) / Math.max(sample, 1) * 1.05) + 1024;
}

export function csvToCopyBinary(data: Uint8Array, dialect: CsvDialect, columns: CopyColumn[]): CsvConversion {
  const { delimiter: delim, quote, escape } = dialect;
  const nullBytes = dialect.nullString;
  const nullLen = nullBytes.length;
  const ncols = columns.length;
  const encoders = columns.map((c) => c.encode);
  const forceNull = columns.map((c) => c.forceNull);
  const forceNotNull = columns.map((c) => c.forceNotNull);
  const n = data.length;
  const out = new BinaryCopyWriter(estimateSize(data, delim));
  // bytes that end an unquoted run: the delimiter, CR, LF and the quote
  const stops = new Uint8Array(256);
  stops[delim] = stops[LF] = stops[CR] = stops[quote] = 1;
  const anyForced = forceNull.includes(true) || forceNotNull.includes(true);
  let scratch = new Uint8Array(1024);
  let i = 0;
  let eol = Eol.Unknown;
  let record = 0;
  let rows = 0;
  let skip = dialect.header;
  const notSure = (why: string): CsvConversion => ({ ok: false, reason: `${why} (record ${record + 1} of the data)` });

  while (i < n) {
    if (data[i] === BACKSLASH && data[i + 1] === DOT) return notSure('a line starts with \\.');
    if (!skip) {
      out.ensure(2);
      out.int16(ncols);
    }
    let field = 0;
    for (;;) {
      const start = i;
      while (i < n && stops[data[i]] === 0) i++;
      let src = data;
      let vStart = start;
      let vEnd = i;
      let quoted = false;
      if (i < n && data[i] === quote) {
        // quoted text, anywhere in the field, copied without its quotes
        quoted = true;
        let len = 0;
        const room = (k: number) => {
          if (k >= scratch.length) {
            const next = new Uint8Array(scratch.length * 2);
            next.set(scratch);
            scratch = next;
          }
        };
        for (let k = start; k < i; k++) {
          room(len);
          scratch[len++] = data[k];
        }
        while (i < n && data[i] === quote) {
          i++;
          for (;;) {
            if (i >= n) return notSure('unterminated quoted field');
            const c = data[i++];
            room(len);
            if (c === escape && i < n && (data[i] === escape || data[i] === quote)) {
              scratch[len++] = data[i++];
              continue;
            }
            if (c === quote) break;
            scratch[len++] = c;
          }
          while (i < n) {
            const c = data[i];
            if (c === delim || c === LF || c === CR || c === quote) break;
            room(len);
            scratch[len++] = c;
            i++;
          }
        }
        src = scratch;
        vStart = 0;
        vEnd = len;
      }
      if (!skip) {
        if (field >= ncols) return notSure('extra data after the last column');
        let isNull = false;
        if (!quoted && i - start === nullLen) {
          isNull = true;
          for (let k = 0; k < nullLen; k++) if (data[start + k] !== nullBytes[k]) isNull = false;
        }
        if (!anyForced) {
          // no FORCE_NULL / FORCE_NOT_NULL
        } else if (isNull && forceNotNull[field]) {
          isNull = false;
          src = nullBytes;
          vStart = 0;
          vEnd = nullLen;
        } else if (!isNull && forceNull[field] && vEnd - vStart === nullLen) {
          isNull = true;
          for (let k = 0; k < nullLen; k++) if (src[vStart + k] !== nullBytes[k]) isNull = false;
        }
        out.ensure(fieldRoom(vEnd - vStart));
        const encode = encoders[field];
        if (isNull) out.int32(-1);
        // the common encoders called by name, so the calls can be inlined
        else if (encode === encodeText) out.field(src, vStart, vEnd);
        else if (!(encode === encodeFloat8 ? encodeFloat8(src, vStart, vEnd, out) : encode === encodeTimestamp ? encodeTimestamp(src, vStart, vEnd, out) : encode === encodeInt4 ? encodeInt4(src, vStart, vEnd, out) : encode(src, vStart, vEnd, out))) {
          const shown = new TextDecoder().decode(src.subarray(vStart, Math.min(vEnd, vStart + 60)));
          return notSure(`column ${columns[field].name}: value ${JSON.stringify(shown)}${vEnd - vStart > 60 ? '…' : ''}`);
        }
      }
      field++;
      if (i < n && data[i] === delim) {
        i++;
        continue;
      }
      break;
    }
    if (!skip && field < ncols) return notSure(`missing data for column ${columns[field].name}`);
    if (i < n) {
      // data[i] is CR or LF: the record's end, which must be the first record's kind
      let seen: Eol;
      if (data[i] === LF) {
        seen = Eol.Nl;
        i++;
      } else if (data[i + 1] === LF) {
        seen = Eol.CrNl;
        i += 2;
      } else {
        seen = Eol.Cr;
        i++;
      }
      if (eol === Eol.Unknown) eol = seen;
      else if (eol !== seen) return notSure('line endings change');
    }
    if (skip) skip = false;
    else rows++;
    record++;
  }
  out.ensure(2);
  return { ok: true, bytes: out.finish(), rows };
}
