import type { StateType } from '../../../engine';
import { coreEn, coreZh } from './core';
import { viewsEn, viewsZh } from './views';
import { databaseEn, databaseZh } from './database';
import { triggersEn, triggersZh } from './triggers';
import { filesEn, filesZh } from './files';
import { roomEn, roomZh } from './room';
import { compatEn, compatZh } from './compat';

export type Lang = 'en' | 'zh-TW';

/** Every UI string of the playground, in English; each area keeps its strings in its own file. */
const en = { ...coreEn, ...viewsEn, ...databaseEn, ...triggersEn, ...filesEn, ...roomEn, ...compatEn };
export type MessageKey = keyof typeof en;
const zhTW: Record<MessageKey, string> = { ...coreZh, ...viewsZh, ...databaseZh, ...triggersZh, ...filesZh, ...roomZh, ...compatZh };

const STATES_ZH: Record<StateType, string> = {
  CREATED: '已建立',
  QUEUED: '排隊中',
  RUNNING: '執行中',
  PAUSED: '已暫停',
  SUCCESS: '成功',
  RESTARTED: '已重新啟動',
  WARNING: '警告',
  FAILED: '失敗',
  KILLING: '終止中',
  KILLED: '已終止',
  SKIPPED: '已略過',
  RETRYING: '重試中',
  RETRIED: '已重試',
  CANCELLED: '已取消',
};

export function translator(lang: Lang) {
  const table: Record<MessageKey, string> = lang === 'zh-TW' ? zhTW : en;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  /** State names: Kestra's own (English) name, with the zh-TW name beside it on Chinese pages. */
  const state = (s: StateType) => (lang === 'zh-TW' ? `${STATES_ZH[s]} ${s}` : s);
  return { t, state, lang };
}

export type Translator = ReturnType<typeof translator>;
