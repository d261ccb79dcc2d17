import type { Locale } from '../flow/errorMessages';

/**
 * The words of every schedule and backfill problem, in English and
 * Traditional Chinese. Parameters are in braces; a part in guillemets («…»)
 * is kept only when every parameter inside it has a value.
 */
export const TRIGGER_MESSAGES: Record<string, Record<Locale, string>> = {
  'no-trigger': {
    en: 'Flow `{flow}` has no Schedule trigger `{trigger}`«; its Schedule triggers are {known}»',
    'zh-TW': '流程 `{flow}` 沒有名為 `{trigger}` 的 Schedule 觸發器«；它的 Schedule 觸發器有 {known}»',
  },
  'no-schedule': {
    en: 'Flow `{flow}` has no Schedule trigger: start it with `run` instead',
    'zh-TW': '流程 `{flow}` 沒有 Schedule 觸發器：請改用 `run` 執行',
  },
  'trigger-ambiguous': {
    en: 'Several flows have a trigger `{trigger}` ({flows}): name the flow too',
    'zh-TW': '有好幾個流程都有觸發器 `{trigger}`（{flows}）：請同時指定流程',
  },
  'trigger-disabled': {
    en: 'Trigger `{trigger}` is disabled: Kestra does not backfill a disabled trigger; enable it first',
    'zh-TW': '觸發器 `{trigger}` 已停用：Kestra 不會替停用的觸發器回填（backfill），請先啟用它',
  },
  'backfill-running': {
    en: 'Trigger `{trigger}` already has a backfill; delete it before starting another',
    'zh-TW': '觸發器 `{trigger}` 已經有一個回填在進行；請先刪除它，再開始新的回填',
  },
  'no-backfill': {
    en: 'Trigger `{trigger}` has no backfill',
    'zh-TW': '觸發器 `{trigger}` 目前沒有回填',
  },
  'backfill-start': {
    en: 'A backfill needs a start date (`--start`)',
    'zh-TW': '回填需要開始時間（`--start`）',
  },
  'bad-date': {
    en: '`{value}` is not a date: write an ISO date such as `2020-03-01` or `2020-03-01T09:00:00Z`',
    'zh-TW': '`{value}` 不是日期：請寫成 ISO 格式，例如 `2020-03-01` 或 `2020-03-01T09:00:00Z`',
  },
  'backfill-order': {
    en: 'The backfill ends ({end}) before it starts ({start})',
    'zh-TW': '回填的結束時間（{end}）早於開始時間（{start}）',
  },
  'backfill-future': {
    en: 'The backfill ends in the future ({end}; it is now {now}): Kestra backfills past dates only',
    'zh-TW': '回填的結束時間在未來（{end}；現在是 {now}）：Kestra 只能回填過去的時間',
  },
  'backfill-empty': {
    en: 'No tick of `{cron}` ({zone}) falls between {start} and {end}: the backfill creates no execution',
    'zh-TW': '從 {start} 到 {end} 之間沒有任何 `{cron}`（{zone}）的觸發時間：這次回填不會建立任何執行',
  },
  'backfill-too-many': {
    en: 'The backfill would create more than {max} executions; pick a shorter range',
    'zh-TW': '這次回填會建立超過 {max} 個執行；請縮短時間範圍',
  },
  'not-a-tick': {
    en: '{date} is not a tick of `{cron}` ({zone}); the trigger fires next at {tick}, which is used',
    'zh-TW': '{date} 不是 `{cron}`（{zone}）的觸發時間；改用它之後的第一個觸發時間 {tick}',
  },
  'no-tick': {
    en: '`{cron}` ({zone}) has no tick at or after {date}',
    'zh-TW': '`{cron}`（{zone}）在 {date} 之後沒有任何觸發時間',
  },
  'past-clock': {
    en: 'The scheduler cannot go back in time: it is already {now}, not {date}',
    'zh-TW': '排程器的時間不能倒退：現在已經是 {now}，不能回到 {date}',
  },
};

export type TriggerErrorCode = keyof typeof TRIGGER_MESSAGES;

/** Fills a message's parameters; drops a «…» part whose parameters are missing. */
export function triggerMessage(code: string, params: Record<string, string>, locale: Locale = 'en'): string {
  const entry = TRIGGER_MESSAGES[code];
  if (!entry) return code;
  const put = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
  return entry[locale]
    .replace(/«([^»]*)»/g, (_, part: string) => ([...part.matchAll(/\{(\w+)\}/g)].every((m) => params[m[1]]) ? put(part) : ''))
    .replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

/** A schedule or backfill request the engine refuses, worded in both languages. */
export class TriggerError extends Error {
  constructor(
    readonly code: TriggerErrorCode,
    readonly params: Record<string, string> = {},
  ) {
    super(triggerMessage(code, params, 'en'));
    this.name = 'TriggerError';
  }

  /** The message in English or Traditional Chinese. */
  messageIn(locale: Locale): string {
    return triggerMessage(this.code, this.params, locale);
  }
}
