/** The playground's room: Expand (full window), the Execute shortcut, the Gantt's name column. */
export const roomEn = {
  'room.expand': 'Expand',
  'room.exit': 'Exit full window',
  'room.expandHint': 'Give the playground the whole window: the editor beside the results. Esc returns to the page.',
  'room.exitHint': 'Back to the page (Esc)',
  'execute.shortcut': 'Execute the flow ({keys})',
  'gantt.resize': 'Width of the task name column',
  'gantt.resizeValue': '{px} pixels',
} as const;

export const roomZh: Record<keyof typeof roomEn, string> = {
  'room.expand': '展開',
  'room.exit': '離開全視窗',
  'room.expandHint': '讓練習場佔滿整個視窗：編輯器在左、執行結果在右。按 Esc 回到頁面。',
  'room.exitHint': '回到頁面（Esc）',
  'execute.shortcut': '執行流程（{keys}）',
  'gantt.resize': '任務名稱欄的寬度',
  'gantt.resizeValue': '{px} 像素',
};
