import type { SqlDatabase } from '../../runtime/EngineServices';
import { buildCopySql, type CopyOptions } from '../buildCopySql';
import { BytesBlob } from '../BytesBlob';
import { csvDialectOf } from './csvDialectOf';
import { csvToCopyBinary, type CopyColumn } from './csvToCopyBinary';
import { describeCopyTarget } from './describeCopyTarget';
import { ENCODABLE_TYPES, fieldEncoderFor } from './fieldEncoderFor';
import { foldIdentifier } from './foldIdentifier';

export type BinaryCopyResult = { done: true; rowCount: number; statement: string } | { done: false; reason: string };

const UTC_ZONES = new Set(['UTC', 'Etc/UTC']);

/** True when some byte has its high bit set (read four at a time). */
function hasNonAscii(data: Uint8Array): boolean {
  const head = Math.min(data.length, (4 - (data.byteOffset % 4)) % 4);
  for (let k = 0; k < head; k++) if (data[k] >= 0x80) return true;
  const words = new Uint32Array(data.buffer, data.byteOffset + head, (data.length - head) >> 2);
  for (let k = 0; k < words.length; k++) if ((words[k] & 0x80808080) !== 0) return true;
  for (let k = head + words.length * 4; k < data.length; k++) if (data[k] >= 0x80) return true;
  return false;
}

function isUtf8WithoutNul(data: Uint8Array): boolean {
  if (data.indexOf(0) !== -1) return false;
  if (!hasNonAscii(data)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads CSV data with a binary COPY: the engine reads the CSV and writes
 * each value in its column type's binary format, so PostgreSQL skips its
 * text input functions (slow in WebAssembly: float8in's strtod most of all).
 * The rows stored are the ones `COPY … (FORMAT csv)` would store from the
 * same data; whenever that is not certain (an option, a column type or a
 * value the encoder does not know, or any error from the binary COPY), the
 * result says why and nothing was loaded: the caller then runs the text COPY,
 * and PostgreSQL parses the data (and reports its own errors) itself.
 */
export async function copyCsvAsBinary(db: Pick<SqlDatabase, 'query'>, options: CopyOptions, data: Uint8Array): Promise<BinaryCopyResult> {
  const dialect = csvDialectOf(options);
  if (typeof dialect === 'string') return { done: false, reason: dialect };
  if (!options.table) return { done: false, reason: 'no table' };
  if (!isUtf8WithoutNul(data)) return { done: false, reason: 'the data is not UTF-8 text without NUL bytes' };
  const target = await describeCopyTarget(db, options.table);
  if (!target) return { done: false, reason: `table ${options.table} not found` };
  if (target.clientEncoding !== 'UTF8' || target.serverEncoding !== 'UTF8') return { done: false, reason: `encoding ${target.clientEncoding}/${target.serverEncoding}` };
  const byName = new Map(target.columns.map((c) => [c.name, c]));
  let names: string[];
  if (options.columns?.length) {
    const folded = options.columns.map(foldIdentifier);
    if (folded.some((f) => f === null)) return { done: false, reason: `columns ${options.columns.join(', ')}` };
    names = folded as string[];
    if (new Set(names).size !== names.length) return { done: false, reason: 'a column is named twice' };
  } else {
    names = target.columns.filter((c) => !c.generated).map((c) => c.name);
  }
  const forced = (list: string[] | undefined): Set<string> | null => {
    const folded = (list ?? []).map(foldIdentifier);
    return folded.every((f) => f !== null && names.includes(f)) ? new Set(folded as string[]) : null;
  };
  const forceNull = forced(options.forceNull);
  const forceNotNull = forced(options.forceNotNull);
  if (!forceNull || !forceNotNull) return { done: false, reason: 'forceNull/forceNotNull' };
  const session = { timeZoneIsUtc: UTC_ZONES.has(target.timeZone) };
  const columns: CopyColumn[] = [];
  for (const name of names) {
    const column = byName.get(name);
    if (!column || column.generated) return { done: false, reason: `column ${name}` };
    const encode = fieldEncoderFor(column.typeOid, session);
    if (!encode) return { done: false, reason: `column ${name} has a type the encoder does not know (oid ${column.typeOid}; it knows ${Object.values(ENCODABLE_TYPES).join(', ')})` };
    columns.push({ name, encode, forceNull: forceNull.has(name), forceNotNull: forceNotNull.has(name) });
  }
  const converted = csvToCopyBinary(data, dialect, columns);
  if (!converted.ok) return { done: false, reason: converted.reason };
  const statement = buildCopySql({ table: options.table, columns: options.columns, format: 'BINARY', freeze: options.freeze }, "FROM '/dev/blob'");
  try {
    const result = await db.query(statement, [], { blob: new BytesBlob(converted.bytes) });
    return { done: true, rowCount: result.affectedRows ?? converted.rows, statement };
  } catch (e) {
    return { done: false, reason: `the binary COPY failed: ${(e as Error).message}` };
  }
}
