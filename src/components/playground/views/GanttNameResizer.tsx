import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Translator } from '../i18n';

/** The narrowest the task name column gets, and how much of the chart the time track always keeps. */
export const NAME_MIN = 64;
const TRACK_MIN = 96;
const STEP = 16;
const BIG_STEP = 64;
const KEY = 'kestra-playground:gantt-name-width';

/** The name column's width the learner chose in this page session (null: the chart's own width, which fits the longest name up to half the chart). */
export function useGanttNameWidth(): [number | null, (px: number) => void] {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    try {
      const kept = Number(sessionStorage.getItem(KEY));
      if (kept >= NAME_MIN) setWidth(kept);
    } catch {
      /* no session storage: the width lasts as long as the chart */
    }
  }, []);
  const choose = (px: number) => {
    setWidth(px);
    try {
      sessionStorage.setItem(KEY, String(px));
    } catch {
      /* see above */
    }
  };
  return [width, choose];
}

interface Props {
  tr: Translator;
  /** The width chosen, or null while the column has its own. */
  width: number | null;
  onWidth(px: number): void;
}

/**
 * The drag handle at the right edge of the Task column header: a window
 * splitter (role separator) that pointer drags and arrow keys move (Shift for
 * bigger steps, Home/End for the narrowest and widest).
 */
export function GanttNameResizer({ tr, width, onWidth }: Props) {
  const ref = useRef<HTMLSpanElement>(null);
  const [box, setBox] = useState({ name: 0, chart: 0 });
  useEffect(() => {
    const header = ref.current?.parentElement;
    const chart = ref.current?.closest('.pg-gantt');
    if (!header || !chart) return;
    const measure = () => setBox({ name: Math.round(header.getBoundingClientRect().width), chart: Math.round(chart.getBoundingClientRect().width) });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    observer.observe(chart);
    return () => observer.disconnect();
  }, []);
  const max = Math.max(NAME_MIN, box.chart - TRACK_MIN);
  const clamp = (px: number) => Math.round(Math.min(max, Math.max(NAME_MIN, px)));
  const now = clamp(width ?? box.name);

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowUp' ? now + step : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? now - step : e.key === 'Home' ? NAME_MIN : e.key === 'End' ? max : null;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    onWidth(clamp(next));
  };
  const drag = useRef<{ x: number; from: number } | null>(null);
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, from: now };
  };
  const onPointerMove = (e: PointerEvent) => {
    if (drag.current) onWidth(clamp(drag.current.from + e.clientX - drag.current.x));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  return (
    <span
      ref={ref}
      className="pg-gantt-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={tr.t('gantt.resize')}
      aria-valuemin={NAME_MIN}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={tr.t('gantt.resizeValue', { px: now })}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
