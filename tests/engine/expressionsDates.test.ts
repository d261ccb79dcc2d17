import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pebble } from '../../src/engine/expressions/Pebble';

const pebble = new Pebble({ now: () => new Date('2024-03-05T10:11:12.345Z') });
const ctx = { trigger: { date: '2019-01-01T09:00:00Z' }, d: '2019-07-04T23:30:05.123456Z', epoch: 1546333200 };
const r = (t: string) => pebble.render(t, ctx);

test('Java patterns, UTC by default', () => {
  assert.equal(r("{{ '2019-01-01T09:00:00Z' | date('yyyy-MM') }}"), '2019-01');
  assert.equal(r("{{ trigger.date | date('yyyy_MM') }}"), '2019_01');
  assert.equal(r(`{{ d | date("yyyy-MM-dd'T'HH:mm:ss") }}`), '2019-07-04T23:30:05');
  assert.equal(r("{{ d | date('EEE EEEE MMM MMMM d dd D yy H h a') }}"), 'Thu Thursday Jul July 4 04 185 19 23 11 PM');
  assert.equal(r("{{ d | date('HH:mm:ss.SSS SSSSSS') }}"), '23:30:05.123 123456');
  assert.equal(r("{{ d | date(\"'quoted' ''yy''\") }}"), "quoted '19'");
});

test('named formats', () => {
  assert.equal(r("{{ d | date('iso') }}"), '2019-07-04T23:30:05.123456Z');
  assert.equal(r('{{ d | date }}'), '2019-07-04T23:30:05.123456Z');
  assert.equal(r("{{ d | date('iso_sec') }}"), '2019-07-04T23:30:05Z');
  assert.equal(r("{{ d | date('sql') }}"), '2019-07-04 23:30:05.123456');
  assert.equal(r("{{ d | date('sql_seq') }}"), '2019-07-04 23:30:05');
  assert.equal(r("{{ d | date('iso_date') }}"), '2019-07-04Z');
  assert.equal(r("{{ d | date('iso_local_date') }}"), '2019-07-04');
  assert.equal(r("{{ d | date('iso_instant') }}"), '2019-07-04T23:30:05.123456Z');
  assert.equal(r("{{ d | date('iso_date_time') }}"), '2019-07-04T23:30:05.123456Z[UTC]');
  assert.equal(r("{{ trigger.date | date('rfc_1123_date_time') }}"), 'Tue, 1 Jan 2019 09:00:00 GMT');
});

test('time zones: named argument, positional, offsets in the input', () => {
  assert.equal(r("{{ d | date('yyyy-MM-dd HH:mm XXX', timeZone='Europe/Paris') }}"), '2019-07-05 01:30 +02:00');
  assert.equal(r("{{ d | date(format='yyyy-MM-dd', timeZone='Asia/Taipei') }}"), '2019-07-05');
  assert.equal(r("{{ d | date('yyyy-MM-dd', 'America/New_York') }}"), '2019-07-04');
  assert.equal(r("{{ '2019-01-01T09:00:00+01:00' | date('HH:mm') }}"), '08:00');
  assert.equal(r("{{ '2019-01-01T09:00:00+01:00[Europe/Paris]' | date('HH:mm') }}"), '08:00');
  assert.equal(r("{{ '2019-01-01T09:00:00' | date('HH:mm XXX', timeZone='Asia/Taipei') }}"), '09:00 +08:00');
  // a date as text is the start of that day (Kestra AbstractDate#convert: LocalDate.parse(…).atStartOfDay())
  assert.equal(r("{{ '2019-01-01' | date('yyyy-MM-dd HH:mm') }}"), '2019-01-01 00:00');
  assert.throws(() => r("{{ d | date('yyyy', timeZone='Mars/Base') }}"), /Unknown time-zone ID: Mars\/Base/);
});

test('other inputs: epoch seconds, existingFormat', () => {
  assert.equal(r("{{ epoch | date('yyyy-MM-dd HH:mm') }}"), '2019-01-01 09:00');
  assert.equal(r("{{ '01/02/2019 10:20' | date('yyyy-MM-dd HH:mm', existingFormat='dd/MM/yyyy HH:mm') }}"), '2019-02-01 10:20');
  assert.throws(() => r("{{ 'not a date' | date('yyyy') }}"), /could not be parsed/);
  assert.throws(() => r("{{ d | date('yyyy bb') }}"), /Unknown pattern letter: b/);
});

test('dateAdd with ChronoUnit names', () => {
  assert.equal(r("{{ trigger.date | dateAdd(1, 'DAYS', 'yyyy-MM-dd') }}"), '2019-01-02');
  assert.equal(r("{{ trigger.date | dateAdd(-1, 'MONTHS', 'yyyy-MM') }}"), '2018-12');
  assert.equal(r("{{ '2019-01-31T09:00:00Z' | dateAdd(1, 'MONTHS', format='yyyy-MM-dd') }}"), '2019-02-28');
  assert.equal(r("{{ trigger.date | dateAdd(90, 'MINUTES') }}"), '2019-01-01T10:30:00.000000Z');
  assert.equal(r("{{ trigger.date | dateAdd(1, 'YEARS', 'yyyy') }}"), '2020');
  // DAYS keep the wall-clock time across a daylight-saving change
  assert.equal(r("{{ '2019-03-30T12:00:00+01:00' | dateAdd(1, 'DAYS', 'HH:mm XXX', timeZone='Europe/Paris') }}"), '12:00 +02:00');
  assert.throws(() => r("{{ trigger.date | dateAdd(1, 'FORTNIGHTS') }}"), /ChronoUnit\.FORTNIGHTS/);
});

test('timestamps', () => {
  assert.equal(r('{{ trigger.date | timestamp }}'), '1546333200');
  assert.equal(r('{{ d | timestampMilli }}'), '1562283005123');
  // Kestra's TimestampMicroFilter: SECONDS.toNanos(epochSecond) + NANOSECONDS.toMicros(nano) (DateFilterTest#instantmicro)
  assert.equal(r('{{ d | timestampMicro }}'), '1562283005000123456');
  assert.equal(r('{{ d | timestampNano }}'), '1562283005123456000');
});

test('now() uses the engine clock, formats and zones', () => {
  assert.equal(r('{{ now() }}'), '2024-03-05T10:11:12.345000Z');
  assert.equal(r("{{ now(format='yyyy-MM-dd HH:mm', timeZone='Asia/Taipei') }}"), '2024-03-05 18:11');
  assert.equal(r("{{ now() | date('yyyy') }}"), '2024');
});
