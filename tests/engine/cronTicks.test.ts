import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlow } from '../../src/engine';
import { formatFlowError } from '../../src/engine/flow/errorMessages';
import { checkCronExpression, cronTicks } from '../../src/engine/triggers/cronExpression';
import { describeCron } from '../../src/engine/triggers/describeCron';
import { formatTriggerDate } from '../../src/engine/triggers/formatTriggerDate';
import { parseTriggerDate } from '../../src/engine/triggers/parseTriggerDate';
import { scheduleVariables } from '../../src/engine/triggers/scheduleVariables';
import { TriggerError } from '../../src/engine/triggers/TriggerError';

const iso = (d: Date | null) => d?.toISOString() ?? null;

test('ticks: next is strictly after, previous strictly before, atOrAfter includes the date (Schedule.scheduleDates)', () => {
  const t = cronTicks('0 9 1 * *');
  const tick = new Date('2020-03-01T09:00:00Z');
  assert.equal(iso(t.next(tick)), '2020-04-01T09:00:00.000Z');
  assert.equal(iso(t.previous(tick)), '2020-02-01T09:00:00.000Z');
  assert.equal(iso(t.atOrAfter(tick)), '2020-03-01T09:00:00.000Z');
  assert.equal(iso(t.atOrAfter(new Date('2020-03-01T09:00:01Z'))), '2020-04-01T09:00:00.000Z');
});

test('nicknames, seconds, names, day-of-week 7 and fixed offsets', () => {
  assert.equal(iso(cronTicks('@monthly').next(new Date('2020-03-15T00:00:00Z'))), '2020-04-01T00:00:00.000Z');
  assert.equal(iso(cronTicks('@midnight').next(new Date('2020-03-15T12:00:00Z'))), '2020-03-16T00:00:00.000Z');
  assert.equal(iso(cronTicks('@hourly').next(new Date('2020-03-15T12:30:00Z'))), '2020-03-15T13:00:00.000Z');
  assert.equal(iso(cronTicks('*/30 * * * * *', { withSeconds: true }).next(new Date('2020-03-15T12:00:10Z'))), '2020-03-15T12:00:30.000Z');
  // 2020-03-15 is a Sunday: 7 is Sunday, as Kestra's withIntMapping(7, 0)
  assert.equal(iso(cronTicks('0 0 * * 7').next(new Date('2020-03-14T12:00:00Z'))), '2020-03-15T00:00:00.000Z');
  assert.equal(iso(cronTicks('0 0 * mar mon').next(new Date('2020-03-14T12:00:00Z'))), '2020-03-16T00:00:00.000Z');
  assert.equal(iso(cronTicks('0 9 1 * *', { timezone: '+02:00' }).next(new Date('2020-03-01T00:00:00Z'))), '2020-03-01T07:00:00.000Z');
});

test('a trigger zone moves the ticks and the offset written in the variables (ScheduleTest.timezone)', () => {
  const t = cronTicks('12 9 1 * *', { timezone: 'America/New_York' });
  const tick = t.atOrAfter(new Date('2022-04-01T00:00:00Z'))!;
  assert.equal(tick.toISOString(), '2022-04-01T13:12:00.000Z');
  assert.deepEqual(scheduleVariables(t, tick), { date: '2022-04-01T09:12:00-04:00', next: '2022-05-01T09:12:00-04:00', previous: '2022-03-01T09:12:00-05:00' });
  assert.deepEqual(scheduleVariables(cronTicks('0 9 1 * *'), new Date('2020-03-01T09:00:00Z')), {
    date: '2020-03-01T09:00:00Z',
    next: '2020-04-01T09:00:00Z',
    previous: '2020-02-01T09:00:00Z',
  });
  assert.equal(formatTriggerDate(new Date('2020-03-01T09:00:00Z'), 'Asia/Taipei'), '2020-03-01T17:00:00+08:00');
});

test("Kestra's cron dialect: what cron-utils refuses is refused, naming the field", () => {
  const field = (cron: string, withSeconds = false) => {
    const p = checkCronExpression(cron, withSeconds);
    return p?.kind === 'field' ? [p.field, p.what] : p?.kind ?? null;
  };
  for (const ok of ['0 9 1 * *', '*/15 * * * *', '5/15 * * * *', '0 0 * JAN-MAR MON-FRI', '0 0 1,15 * 0', '0 0 * * 5-7', '@daily', '@YEARLY']) assert.equal(field(ok), null, ok);
  assert.equal(field('0 0 9 1 * *', true), null);
  assert.deepEqual(field('0 25 * * *'), ['25', 'hour']);
  assert.deepEqual(field('0 0 L * *'), ['L', 'day-of-month']);
  assert.deepEqual(field('0 0 ? * *'), ['?', 'day-of-month']);
  assert.deepEqual(field('0 0 * * 1#2'), ['1#2', 'day-of-week']);
  assert.deepEqual(field('0 0 1W * *'), ['1W', 'day-of-month']);
  assert.deepEqual(field('/5 * * * *'), ['/5', 'minute']);
  assert.deepEqual(field('0 0 * 13 *'), ['13', 'month']);
  assert.deepEqual(field('0 0 * * 8'), ['8', 'day-of-week']);
  assert.deepEqual(field('5-2 * * * *'), ['5-2', 'minute']);
  assert.deepEqual(field('60 0 9 1 * *', true), ['60', 'second']);
  assert.equal(field('* * * * * *'), 'fields');
  assert.equal(field('0 9 1 *'), 'fields');
  assert.equal(field('@every-minute'), 'fields');
});

test('validation of a flow reports a bad cron on its line, in both languages', () => {
  const src = ['id: c', 'namespace: company.team', 'tasks:', '  - id: hi', '    type: io.kestra.plugin.core.log.Log', '    message: hi', 'triggers:', '  - id: s', '    type: io.kestra.plugin.core.trigger.Schedule', '    cron: "0 0 L * *"'].join('\n');
  const [e] = parseFlow(src).errors;
  assert.deepEqual([e.code, e.line, e.column, e.path], ['cron-field', 10, 11, 'triggers[0].cron']);
  assert.equal(e.message, 'Invalid cron expression `0 0 L * *`: `L` is not a valid day-of-month field');
  assert.equal(formatFlowError(e, 'zh-TW'), 'cron 運算式 `0 0 L * *` 不合法：`L` 不是有效的日期欄位');
});

test('a cron in words, in English and Traditional Chinese (cronstrue)', () => {
  assert.deepEqual(describeCron('0 9 1 * *'), { en: 'At 09:00, on day 1 of the month', 'zh-TW': '在 09:00，每月的 1 號' });
  assert.deepEqual(describeCron('0 10 1 * *', { timezone: 'UTC' }), { en: 'At 10:00, on day 1 of the month (UTC)', 'zh-TW': '在 10:00，每月的 1 號（UTC）' });
  assert.deepEqual(describeCron('@hourly'), { en: 'Every hour', 'zh-TW': '每小時' });
  assert.equal(describeCron('*/30 * * * * *', { withSeconds: true })?.en, 'Every 30 seconds');
  assert.equal(describeCron('0 9 1 *'), null);
});

test('dates typed for a backfill: a day is midnight and a local time is read in the trigger zone', () => {
  assert.equal(parseTriggerDate('2020-03-01', 'UTC').toISOString(), '2020-03-01T00:00:00.000Z');
  assert.equal(parseTriggerDate('2020-03-01T09:00', 'America/New_York').toISOString(), '2020-03-01T14:00:00.000Z');
  assert.equal(parseTriggerDate('2020-03-01T09:00:00+02:00', 'America/New_York').toISOString(), '2020-03-01T07:00:00.000Z');
  assert.equal(parseTriggerDate('2020-03-01T09:00:00.250Z', 'UTC').toISOString(), '2020-03-01T09:00:00.250Z');
  for (const bad of ['2020-02-30', 'March 1st', '2020-03-01T25:00']) {
    assert.throws(() => parseTriggerDate(bad, 'UTC'), (e: unknown) => e instanceof TriggerError && e.code === 'bad-date' && /不是日期/.test(e.messageIn('zh-TW')));
  }
});
