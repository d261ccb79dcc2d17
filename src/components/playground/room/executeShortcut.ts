import { useEffect, useState } from 'react';

/** Whether this browser runs on an Apple system, where the shortcut is ⌘+Enter. */
function onApple(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return /mac|iphone|ipad|ipod/i.test(nav.userAgentData?.platform || nav.platform || nav.userAgent);
}

/** The Execute shortcut as the learner's keyboard names it; Ctrl+Enter until the page has hydrated (the server renders without a navigator). */
export function useExecuteShortcut(): { label: string; aria: string } {
  const [apple, setApple] = useState(false);
  useEffect(() => setApple(onApple()), []);
  return apple ? { label: '⌘+Enter', aria: 'Meta+Enter' } : { label: 'Ctrl+Enter', aria: 'Control+Enter' };
}

/**
 * Ctrl+Enter (⌘+Enter) anywhere in the playground: true unless something
 * inside already answered it (the flow editor executes by itself; the
 * Database tab's SQL box runs its query and stops the event there).
 */
export function isExecuteShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; defaultPrevented: boolean; target: EventTarget | null }): boolean {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.defaultPrevented) return false;
  const target = e.target instanceof Element ? e.target : null;
  return !target?.closest('.pg-db-sql, dialog');
}
