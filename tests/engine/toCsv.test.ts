import { test } from 'node:test';
import assert from 'node:assert/strict';
import Papa from 'papaparse';
import { csvField, toCsv } from '../../src/components/playground/database/toCsv';

test('plain fields are written as they are', () => {
  assert.equal(toCsv(['id', 'name'], [[1, 'yellow'], [2, 'green']]), 'id,name\r\n1,yellow\r\n2,green\r\n');
});

test('commas, quotes and line breaks are quoted, quotes doubled (RFC 4180)', () => {
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  assert.equal(csvField(' spaced '), ' spaced ');
  assert.equal(csvField(''), '');
});

test('NULL is an empty field; dates, bytes, JSON and bigints are text', () => {
  assert.equal(toCsv(['a', 'b', 'c'], [[null, undefined, true]]), 'a,b,c\r\n,,true\r\n');
  assert.equal(csvField(new Date('2021-01-01T00:15:00Z')), '2021-01-01T00:15:00.000Z');
  assert.equal(csvField(new Uint8Array([0, 255, 16])), '\\x00ff10');
  assert.equal(csvField({ k: 'v', n: [1, 2] }), '"{""k"":""v"",""n"":[1,2]}"');
  assert.equal(csvField(12345678901234567890n), '12345678901234567890');
});

test('column names are quoted too, and short rows are padded', () => {
  assert.equal(toCsv(['a,b', 'c'], [[1]]), '"a,b",c\r\n1,\r\n');
});

test('a CSV parser reads back exactly what was written', () => {
  const columns = ['id', 'note', 'empty'];
  const rows = [
    [1, 'comma, inside', ''],
    [2, 'quote " inside', 'x'],
    [3, 'multi\r\nline', 'y'],
  ];
  const parsed = Papa.parse<string[]>(toCsv(columns, rows), { skipEmptyLines: true });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.data, [columns, ...rows.map((r) => r.map(String))]);
});
