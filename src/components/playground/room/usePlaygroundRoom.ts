import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { isExecuteShortcut } from './executeShortcut';

/** Below this width the results are far below the Execute button: Execute scrolls them into view. */
const NARROW = '(max-width: 699.98px)';
const REVEAL_WITHIN = 30_000;

interface Options {
  /** Runs the flow (the shortcut's action). */
  execute(): void;
  /** The execution shown (its id): when it is the run the learner just started, a narrow screen scrolls to it. */
  shownExecution: string | undefined;
  /** The selected execution tab: kept in sight in a tab strip that scrolls sideways. */
  tab: string;
}

/**
 * The playground's room: Expand gives it the whole window (Esc or the button
 * returns; focus goes back to the button; the page behind does not scroll and
 * is inert, so Tab stays inside),
 * Ctrl/⌘+Enter executes from anywhere inside it, and on a narrow screen a run's
 * results are scrolled into view.
 */
export function usePlaygroundRoom({ execute, shownExecution, tab }: Options) {
  const [expanded, setExpanded] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const executeRef = useRef(execute);
  executeRef.current = execute;
  const wasExpanded = useRef(false);

  useEffect(() => {
    if (!expanded) {
      // back on the page: the focus goes back to the button that opened the room
      if (wasExpanded.current) buttonRef.current?.focus();
      wasExpanded.current = false;
      return;
    }
    wasExpanded.current = true;
    const root = document.documentElement;
    root.classList.add('pg-room-open');
    // the rest of the page is out of reach while the playground has the window: Tab stays inside it
    const outside: Element[] = [];
    for (let el: Element | null = sectionRef.current; el && el !== document.body; el = el.parentElement) {
      for (const sibling of el.parentElement?.children ?? []) {
        if (sibling !== el && !sibling.hasAttribute('inert')) outside.push(sibling);
      }
    }
    for (const el of outside) el.setAttribute('inert', '');
    const onKey = (e: globalThis.KeyboardEvent) => {
      // Esc that something inside used (closing completions, a dialog) is theirs
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      setExpanded(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      for (const el of outside) el.removeAttribute('inert');
      root.classList.remove('pg-room-open');
    };
  }, [expanded]);

  // a narrow screen: the results of the run the learner just started come into view (a run refused or
  // invalid shows no execution; after REVEAL_WITHIN a scheduled execution appearing does not scroll)
  const revealAsked = useRef(0);
  useEffect(() => {
    if (!shownExecution || Date.now() - revealAsked.current > REVEAL_WITHIN) return;
    revealAsked.current = 0;
    if (!matchMedia(NARROW).matches) return;
    const results = sectionRef.current?.querySelector('.pg-exec');
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    results?.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  }, [shownExecution]);
  const executeAndReveal = useCallback(() => {
    revealAsked.current = Date.now();
    executeRef.current();
  }, []);

  // the selected tab stays in sight in a strip that scrolls sideways (only the strip moves, never the page)
  useEffect(() => {
    const strip = sectionRef.current?.querySelector<HTMLElement>('.pg-tabs');
    const selected = strip?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!strip || !selected || strip.scrollWidth <= strip.clientWidth) return;
    const left = selected.getBoundingClientRect().left - strip.getBoundingClientRect().left + strip.scrollLeft;
    if (left < strip.scrollLeft) strip.scrollLeft = left;
    else if (left + selected.offsetWidth > strip.scrollLeft + strip.clientWidth) strip.scrollLeft = left + selected.offsetWidth - strip.clientWidth;
  }, [tab]);

  const onKeyDown = useCallback((e: KeyboardEvent) => {
    if (!isExecuteShortcut(e)) return;
    e.preventDefault();
    executeAndReveal();
  }, [executeAndReveal]);

  return { execute: executeAndReveal, expanded, toggleExpanded: useCallback(() => setExpanded((x) => !x), []), sectionRef, buttonRef, onKeyDown };
}
