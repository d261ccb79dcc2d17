/** Strings of "Copy YAML for Kestra": which Kestra versions accept the flow as it is. */
export const compatEn = {
  'compat.title': 'Which Kestra accepts this flow as it is',
  'compat.0.20': 'Kestra 0.20.7 (2025 cohort)',
  'compat.1.1': 'Kestra 1.1 (2026 cohort)',
  'compat.2.0': 'Kestra 2.0 (latest; not the course’s version)',
  'compat.accepts': 'accepts it',
  'compat.rejects': 'rejects it',
  'compat.notes': 'accepts it, with {count} note(s)',
  'compat.at': 'line {line}: {message}',
  'compat.invalid': 'The flow has errors, so no Kestra accepts it as it is: fix the problems listed under the editor first.',
  'compat.close': 'Close',
};

export const compatZh: Record<keyof typeof compatEn, string> = {
  'compat.title': '哪些 Kestra 版本可以直接接受這個流程',
  'compat.0.20': 'Kestra 0.20.7（2025 梯次）',
  'compat.1.1': 'Kestra 1.1（2026 梯次）',
  'compat.2.0': 'Kestra 2.0（latest；不是課程使用的版本）',
  'compat.accepts': '可以接受',
  'compat.rejects': '不接受',
  'compat.notes': '可以接受，另有 {count} 項提醒',
  'compat.at': '第 {line} 行：{message}',
  'compat.invalid': '這個流程有錯誤，任何 Kestra 版本都不會直接接受：請先修正編輯器下方列出的問題。',
  'compat.close': '關閉',
};
