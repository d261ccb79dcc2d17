import cronstrue from 'cronstrue';
import 'cronstrue/locales/zh_TW';
import type { Locale } from '../flow/errorMessages';
import { expandCron } from './cronExpression';

export type CronDescription = Record<Locale, string>;

/**
 * A cron said in words, in English and Traditional Chinese, by cronstrue
 * ("At 09:00, on day 1 of the month" / 「在 09:00，每月的 1 號」), with the zone
 * when one is given ("… (UTC)"). Null for a cron that does not parse.
 */
export function describeCron(cron: string, options: { withSeconds?: boolean; timezone?: string } = {}): CronDescription | null {
  const parts = expandCron(cron, options.withSeconds === true);
  if (!parts) return null;
  const pattern = parts.join(' ');
  const zone = options.timezone ? ` (${options.timezone})` : '';
  try {
    const en = cronstrue.toString(pattern, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
    const zh = cronstrue.toString(pattern, { use24HourTimeFormat: true, throwExceptionOnParseError: true, locale: 'zh_TW' });
    return { en: en + zone, 'zh-TW': tidyChinese(zh) + (zone ? `（${options.timezone}）` : '') };
  } catch {
    return null;
  }
}

/** cronstrue's zh_TW joins parts with ", " and leaves double spaces: full-width commas, single spaces. */
function tidyChinese(text: string): string {
  return text.replace(/\s*,\s*/g, '，').replace(/\s{2,}/g, ' ').trim();
}
