/**
 * CopyIn's binary COPY on edge values and CSV corner cases: each case is
 * loaded by PostgreSQL's own CSV reading (text COPY) and by CopyIn's way
 * (binary when copyCsvAsBinary is sure, else text), and the two must leave
 * the same rows or fail with the same error. `way` says which way CopyIn
 * must take, so the encoders are known to run (and to decline what they
 * cannot read exactly). PostgreSQL's input rules are in its documentation
 * (https://www.postgresql.org/docs/current/sql-copy.html, datatype-numeric,
 * datatype-datetime, datatype-boolean) and copyfromparse.c.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import type { SqlDatabaseHandle } from '../../src/engine/postgres/SqlDatabaseHandle';
import type { CopyOptions } from '../../src/engine/postgres/buildCopySql';
import { copyAsCopyIn, copyAsText } from './binaryCopyHarness';
import { copyCsvAsBinary } from '../../src/engine/postgres/binaryCopy/copyCsvAsBinary';

let h: SqlDatabaseHandle;
before(async () => {
  h = await openPGlite();
  await h.db.exec(`CREATE TABLE edge (t text, v varchar(5), i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision,
    n numeric, n52 numeric(5,2), b boolean, d date, ts timestamp, ts0 timestamp(0), tz timestamptz)`);
  await h.db.exec('CREATE TABLE three (a text, b integer, c text)');
});
after(async () => h.close());

type Way = 'binary' | 'text';

async function check(table: string, options: Omit<CopyOptions, 'table'>, data: string | Uint8Array, way: Way, label: string) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const expected = await copyAsText(h.db, table, options, bytes);
  const got = await copyAsCopyIn(h.db, table, options, bytes);
  assert.deepEqual(got.outcome, expected, `${label}: CopyIn's result differs from PostgreSQL's`);
  assert.equal(got.binary ? 'binary' : 'text', way, `${label}: went the ${got.binary ? 'binary' : 'text'} way${got.reason ? ` (${got.reason})` : ''}; PostgreSQL gave ${JSON.stringify(expected)}`);
}

/** One value in one column of `edge`, as a one-line CSV (the value is written as is, quotes included). */
const value = (column: string, raw: string, way: Way) => check('edge', { format: 'CSV', columns: [column] }, `${raw}\n`, way, `${column} ${JSON.stringify(raw)}`);

const CASES: Record<string, [string, Way][]> = {
  i4: [
    ['42', 'binary'], ['-0', 'binary'], ['+5', 'binary'], ['007', 'binary'], ['2147483647', 'binary'], ['-2147483648', 'binary'],
    ['', 'binary'], ['""', 'text'], ['2147483648', 'text'], ['-2147483649', 'text'], [' 7 ', 'text'], ['7 ', 'text'],
    ['1_000', 'text'], ['0x1F', 'text'], ['1.0', 'text'], ['+', 'text'], ['99999999999999999999', 'text'],
  ],
  i2: [['32767', 'binary'], ['-32768', 'binary'], ['32768', 'text'], ['-32769', 'text']],
  i8: [['0', 'binary'], ['-1', 'binary'], ['-42', 'binary'], ['4294967296', 'binary'], ['-4294967297', 'binary'], ['999999999999999', 'binary'], ['-999999999999999', 'binary'], ['9223372036854775807', 'binary'], ['-9223372036854775808', 'binary'], ['12345678901234567', 'binary'], ['9223372036854775808', 'text'], ['-9223372036854775809', 'text']],
  f8: [
    ['8.24', 'binary'], ['.69', 'binary'], ['1.80', 'binary'], ['0', 'binary'], ['-0', 'binary'], ['-0.0', 'binary'], ['+.5', 'binary'], ['5.', 'binary'],
    ['NaN', 'binary'], ['nan', 'binary'], ['Infinity', 'binary'], ['-Infinity', 'binary'], ['+infinity', 'binary'], ['inf', 'text'], ['-inf', 'text'],
    ['1e308', 'binary'], ['1.7976931348623157e308', 'binary'], ['1.7976931348623159e308', 'text'], ['1e309', 'text'], ['-1e309', 'text'],
    ['1e-320', 'binary'], ['4.9e-324', 'binary'], ['2e-324', 'text'], ['1e-400', 'text'], ['0e999999', 'binary'], ['1E+5', 'binary'], ['1e', 'text'],
    ['0.1', 'binary'], ['123456789012345678', 'binary'], ['3.141592653589793238462', 'binary'], ['1e22', 'binary'], ['1e23', 'binary'],
    ['9007199254740993', 'binary'], ['2.2250738585072011e-308', 'binary'], ['0.30000000000000004', 'binary'],
    [' 1', 'text'], ['1 ', 'text'], ['0x10', 'text'], ['1,5', 'text'], ['""', 'text'], ['', 'binary'],
  ],
  f4: [
    ['0.1', 'binary'], ['3.4028235e38', 'binary'], ['3.4028236e38', 'text'], ['1e39', 'text'], ['1.4e-45', 'binary'], ['1e-46', 'text'],
    ['16777217', 'text'], ['16777219', 'text'], ['16777218', 'binary'], ['-0', 'binary'], ['NaN', 'binary'], ['-Infinity', 'binary'], ['8.24', 'binary'],
  ],
  n: [
    ['1.50', 'binary'], ['-0.00', 'binary'], ['0', 'binary'], ['1e3', 'binary'], ['1.5e-3', 'binary'], ['0.000123', 'binary'], ['-12345.6789', 'binary'],
    ['123456789012345678901234567890.123', 'binary'], ['NaN', 'binary'], ['Infinity', 'binary'], ['-Infinity', 'binary'], ['.5', 'binary'], ['5.', 'binary'],
    ['1e1000', 'binary'], ['1e-1000', 'binary'], ['1e1001', 'text'], ['1_000', 'text'], [' 1', 'text'], ['10000', 'binary'], ['0.0001', 'binary'], ['99990000.00010000', 'binary'],
  ],
  n52: [['999.99', 'binary'], ['1.005', 'binary'], ['-1.005', 'binary'], ['999.995', 'text'], ['NaN', 'binary'], ['Infinity', 'text'], ['0.001', 'binary']],
  b: [
    ['t', 'binary'], ['TRUE', 'binary'], ['yes', 'binary'], ['On', 'binary'], ['1', 'binary'], ['0', 'binary'], ['off', 'binary'], ['n', 'binary'], ['F', 'binary'],
    ['tr', 'text'], [' t', 'text'], ['of', 'text'], ['maybe', 'text'],
  ],
  d: [
    ['2020-03-01', 'binary'], ['2020-02-29', 'binary'], ['2000-01-01', 'binary'], ['1999-12-31', 'binary'], ['0999-01-01', 'binary'], ['0001-01-01', 'binary'],
    ['0044-03-15 BC', 'binary'], ['0001-02-29 BC', 'binary'], ['0002-02-29 BC', 'text'], ['2019-02-29', 'text'], ['2020-13-01', 'text'], ['2020-04-31', 'text'],
    ['0000-01-01', 'text'], ['4713-11-24 BC', 'text'], ['20200301', 'text'], ['2020-3-1', 'text'], ['epoch', 'text'], ['infinity', 'text'], ['2020-03-01 ', 'text'],
  ],
  ts: [
    ['2020-03-01 00:20:18', 'binary'], ['2020-03-01T00:20:18', 'binary'], ['2020-03-01 00:20', 'binary'], ['2020-03-01', 'binary'],
    ['2020-03-01 00:20:18.5', 'binary'], ['2020-03-01 00:20:18.123456', 'binary'], ['2020-03-01 00:20:18.1234567', 'text'],
    ['2020-03-01 24:00:00', 'binary'], ['2020-12-31 24:00:00', 'binary'], ['2020-03-01 24:00:01', 'text'], ['2020-03-01 23:59:60', 'text'], ['2020-03-01 25:00:00', 'text'],
    ['0999-06-01 12:00:00', 'binary'], ['2020-03-01 00:00:00 BC', 'binary'], ['0001-01-01 00:00:00 BC', 'binary'], ['1969-12-31 23:59:59.999999', 'binary'],
    ['9999-12-31 23:59:59.999999', 'binary'], ['2020-03-01 00:00:00+02', 'text'], ['2020-03-01 00:00:00Z', 'text'], ['2020-03-01 0:00:00', 'text'],
  ],
  ts0: [['2020-03-01 00:20:18.5', 'binary'], ['2020-03-01 23:59:59.7', 'binary']],
  tz: [
    ['2020-03-01 00:20:18', 'binary'], ['2020-03-01 00:20:18+02', 'binary'], ['2020-03-01 00:20:18-05:30', 'binary'], ['2020-03-01 00:20:18+0530', 'binary'],
    ['2020-03-01T00:20:18Z', 'binary'], ['2020-03-01 24:00:00+01', 'binary'], ['2020-03-01 00:20:18 UTC', 'text'], ['2020-03-01 00:20:18+15', 'text'],
    ['2020-03-01 00:20:18 BC', 'text'],
  ],
  t: [
    ['héllo 台灣', 'binary'], ['"a,b"', 'binary'], ['"a""b"', 'binary'], ['"line\nbreak"', 'binary'], ['"cr\r\nlf"', 'binary'], ['""', 'binary'], ['', 'binary'],
    ['ab"c,d"e', 'binary'], ['"a"b', 'binary'], ['\\N', 'binary'], ['"unterminated', 'text'], ['  spaced  ', 'binary'],
  ],
  v: [['abcde', 'binary'], ['äöüßé', 'binary'], ['abc   ', 'binary'], ['abcdef', 'text']],
};

for (const [column, cases] of Object.entries(CASES)) {
  test(`edge values in a ${column} column load as PostgreSQL reads them`, async () => {
    for (const [raw, way] of cases) await value(column, raw, way);
  });
}

test('timestamptz without a zone goes the text way when the session is not in UTC', async () => {
  await h.db.exec("SET TIME ZONE 'Europe/Berlin'");
  try {
    await value('tz', '2020-03-01 00:20:18', 'text');
    await value('tz', '2020-03-01 00:20:18+02', 'binary');
  } finally {
    await h.db.exec("SET TIME ZONE 'UTC'");
  }
});

const three = (data: string | Uint8Array, options: Partial<CopyOptions>, way: Way, label: string) =>
  check('three', { format: 'CSV', columns: ['a', 'b', 'c'], ...options }, data, way, label);

test('CSV records, quotes and line endings are read as PostgreSQL reads them', async () => {
  await three('x,1,y\nz,2,w\n', {}, 'binary', 'LF');
  await three('x,1,y\r\nz,2,w\r\n', {}, 'binary', 'CRLF');
  await three('x,1,y\rz,2,w\r', {}, 'binary', 'CR');
  await three('x,1,y', {}, 'binary', 'no final newline');
  await three('', {}, 'binary', 'empty data');
  await three('x,1,y\nz,2,w\r\n', {}, 'text', 'line endings change');
  await three('x,1,y\r\nz,2,w\n', {}, 'text', 'CRLF then LF');
  await three('x,1,y\n\nz,2,w\n', {}, 'text', 'blank line');
  await three('x,1,y,extra\n', {}, 'text', 'extra column');
  await three('x,1\n', {}, 'text', 'missing column');
  await three('x,1,\n', {}, 'binary', 'empty last field');
  await three('"x\r\ny",1,"z\nw"\r\n', {}, 'binary', 'line breaks inside quotes');
  await three('"x,1,y\n', {}, 'text', 'unterminated quote');
  await three('x,1,y\n\\.\nz,2,w\n', {}, 'text', 'end-of-data marker line');
  await three('\\.x,1,y\n', {}, 'text', 'a line starting with \\.');
  await three('\uFEFFx,1,y\n', {}, 'binary', 'byte order mark, no header');
  await three(new Uint8Array([0xff, 0x2c, 0x31, 0x2c, 0x79, 0x0a]), {}, 'text', 'invalid UTF-8');
  await three(new Uint8Array([0x78, 0x00, 0x2c, 0x31, 0x2c, 0x79, 0x0a]), {}, 'text', 'NUL byte');
});

test('CopyIn options: header, delimiter, quote, escape, nullString, forceNull, forceNotNull', async () => {
  await three('a,b,c\nx,1,y\n', { header: true }, 'binary', 'header');
  await three('"a\nb",b,c\nx,1,y\n', { header: true }, 'binary', 'quoted header with a line break');
  await three('a,b,c\n', { header: true }, 'binary', 'header only');
  await three('x;1;y\n', { delimiter: ';' }, 'binary', 'delimiter ;');
  await three('x\t1\ty\n', { delimiter: '\t' }, 'binary', 'delimiter tab');
  await three('x\t1\ty\n', { delimiter: '\\t' }, 'binary', 'delimiter written \\t');
  await three('x|1|y\n', { delimiter: '|' }, 'binary', 'delimiter |');
  await three("'x,y',1,'z''w'\n", { quote: "'" }, 'binary', "quote '");
  await three('"x\\"y",1,"z\\\\"\n', { escape: '\\' }, 'binary', 'escape \\');
  await three('"x""y",1,z\n', { escape: '\\' }, 'binary', 'doubled quote with another escape');
  await three('NA,NA,"NA"\n', { nullString: 'NA' }, 'binary', 'nullString NA');
  await three('x,NA,\n', { nullString: 'NA' }, 'binary', 'an empty field is an empty string with nullString NA');
  await three('x,1,y\n', { nullString: ',' }, 'text', 'nullString with the delimiter');
  await three('x,1,y\n', { nullString: '"' }, 'text', 'nullString with the quote');
  await three('"",1,""\n', { forceNull: ['c'] }, 'binary', 'forceNull');
  await three(',1,\n', { forceNotNull: ['a'] }, 'binary', 'forceNotNull on text');
  await three('x,,y\n', { forceNotNull: ['b'] }, 'text', 'forceNotNull on an integer');
  await three('x,1,y\n', { forceNull: ['nope'] }, 'text', 'forceNull naming another column');
  await three('x,1,y\n', { delimiter: '"' }, 'text', 'delimiter equal to the quote');
  await three('x,1,y\n', { encoding: 'LATIN1' }, 'text', 'another encoding');
  await three('x,1,y\n', { encoding: 'UTF8' }, 'binary', 'encoding UTF8');
  await three('x,1,y\n', { freeze: true }, 'text', 'FREEZE on a table not truncated in this transaction');
  await three('x,1,y\n', { columns: ['a', 'B', 'c'] }, 'binary', 'unquoted column names fold to lower case');
  await three('x,1,y\n', { columns: ['a', '"B"', 'c'] }, 'text', 'a quoted name that does not exist');
  await three('x,1,y\n', { columns: ['a', 'a', 'c'] }, 'text', 'a column named twice');
  await three('x,1\n', { columns: ['a', 'b'] }, 'binary', 'fewer columns than the table');
  await three('x,1,y\n', { columns: undefined }, 'binary', 'no column list');
  await three('x,1,y\n', { format: 'TEXT' }, 'text', 'TEXT format');
});

test('tables: defaults, generated and quoted columns, types the encoder does not know, a missing table', async () => {
  await h.db.exec(`CREATE TABLE extra ("Mixed Case" text, n int DEFAULT 7, g int GENERATED ALWAYS AS (n * 2) STORED, u uuid)`);
  await check('extra', { format: 'CSV', columns: ['"Mixed Case"'] }, 'x\n', 'binary', 'a quoted column name, defaults and a generated column');
  await check('extra', { format: 'CSV', columns: ['"Mixed Case"', 'n'] }, 'x,1\n', 'binary', 'columns without the generated one');
  await check('extra', { format: 'CSV', columns: ['g'] }, '1\n', 'text', 'naming the generated column');
  await check('extra', { format: 'CSV', columns: ['u'] }, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\n', 'text', 'a uuid column');
  await check('public.extra', { format: 'CSV', columns: ['n'] }, '3\n', 'binary', 'a schema-qualified table');
  // no such table (names fold as in SQL: "Extra" is not extra): nothing is loaded, and the text COPY reports it
  for (const table of ['missing', '"Extra"', 'extra (n)']) {
    const r = await copyCsvAsBinary(h.db, { format: 'CSV', table }, new TextEncoder().encode('1\n'));
    assert.equal(r.done, false, table);
  }
});
