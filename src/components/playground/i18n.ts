import type { StateType } from '../../engine';

export type Lang = 'en' | 'zh-TW';

const en = {
  'playground.label': 'Flow playground',
  'editor.label': 'Flow YAML',
  'execute': 'Execute',
  'executing': 'Running…',
  'kill': 'Kill',
  'reset': "Reset to the lesson's flow",
  'reset.confirm': "Replace your edits with the lesson's flow?",
  'loading': 'Starting the engine…',
  'engine.failed': 'The engine could not start: {message}',
  'invalid.title': 'This flow is not valid, so it was not run:',
  'invalid.inputs': 'Some inputs are not valid:',
  'line.col': 'line {line}, column {column}',
  'tab.gantt': 'Gantt',
  'tab.logs': 'Logs',
  'gantt.empty': 'Press Execute to run the flow; each task run appears here as a bar.',
  'gantt.task': 'Task',
  'gantt.duration': 'Duration: {duration}',
  'logs.empty': 'No logs yet.',
  'logs.time': 'Time',
  'logs.level': 'Level',
  'logs.task': 'Task',
  'logs.message': 'Message',
  'execution.state': 'Execution {id}: {state}',
  'crash': 'The engine stopped unexpectedly: {message}',
  'edits.kept': 'Your edits are kept in this browser.',
} as const;

export type MessageKey = keyof typeof en;

const zhTW: Record<MessageKey, string> = {
  'playground.label': '流程練習場',
  'editor.label': '流程 YAML',
  'execute': '執行',
  'executing': '執行中…',
  'kill': '強制終止',
  'reset': '還原成課程的流程',
  'reset.confirm': '要用課程的流程取代你修改過的內容嗎？',
  'loading': '正在啟動引擎…',
  'engine.failed': '引擎無法啟動：{message}',
  'invalid.title': '這個流程不合法，所以沒有執行：',
  'invalid.inputs': '有些輸入值不合法：',
  'line.col': '第 {line} 行，第 {column} 欄',
  'tab.gantt': '甘特圖',
  'tab.logs': '日誌',
  'gantt.empty': '按下「執行」來跑這個流程，每一次任務執行都會以一條橫條顯示在這裡。',
  'gantt.task': '任務',
  'gantt.duration': '耗時：{duration}',
  'logs.empty': '還沒有日誌。',
  'logs.time': '時間',
  'logs.level': '等級',
  'logs.task': '任務',
  'logs.message': '訊息',
  'execution.state': '執行 {id}：{state}',
  'crash': '引擎意外停止：{message}',
  'edits.kept': '你修改的內容會保存在這個瀏覽器中。',
};

const STATES_ZH: Record<StateType, string> = {
  CREATED: '已建立',
  QUEUED: '排隊中',
  RUNNING: '執行中',
  PAUSED: '已暫停',
  SUCCESS: '成功',
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
