import { inZone } from '../expressions/dates/zone';
import { formatOffset } from '../expressions/dates/formatPattern';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date as Kestra writes trigger variables: the instant seen in the
 * trigger's zone, in ISO_OFFSET_DATE_TIME (`2020-03-01T09:00:00Z`,
 * `2022-04-01T09:12:00-04:00`), which is how Jackson serialises the
 * ZonedDateTime of Schedule.Output (Schedule.evaluate → `toMap(ZoneId)`;
 * Kestra's ScheduleTest.timezone parses the offset `-04:00` back).
 */
export function formatTriggerDate(date: Date, zone: string): string {
  const ms = date.getTime();
  const epochSecond = Math.floor(ms / 1000);
  const millis = ms - epochSecond * 1000;
  const p = inZone({ epochSecond, nano: millis * 1e6 }, zone);
  const fraction = millis ? '.' + pad(millis, 3).replace(/0+$/, '') : '';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}${formatOffset(p.offset, true, true)}`;
}
