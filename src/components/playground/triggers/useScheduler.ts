import { useCallback, useEffect, useRef, useState } from 'react';
import type { Execution } from '../../../engine';
import { reduceEvents } from '../../../engine/reduceExecution';
import type { BackfillStatus, SchedulerEvent, TriggerStatus } from '../../../engine/triggers';
import type { SchedulerMethod } from '../../../worker/schedulerInWorker';
import { engineClient, runSettings, type RunOptionsOfPage } from '../engineClient';
import type { Lang } from '../i18n';

const BILINGUAL = '\u0001';

export interface SchedulerView {
  /** The simulated clock; null until the scheduler answered. */
  now: string | null;
  triggers: TriggerStatus[];
  backfills: Record<string, BackfillStatus>;
  /** The last refusal or warning, in the page's language. */
  message: string | null;
  call(method: SchedulerMethod, ...args: unknown[]): Promise<unknown>;
}

/**
 * The worker's scheduler for the playground's flow: opened when the flow has
 * Schedule triggers (and again after each edit), followed through its events.
 * Its executions are folded here and handed to `onExecution` as they change.
 */
export function useScheduler(source: string, hasTriggers: boolean, options: RunOptionsOfPage, lang: Lang, onExecution: (e: Execution) => void): SchedulerView {
  const [now, setNow] = useState<string | null>(null);
  const [triggers, setTriggers] = useState<TriggerStatus[]>([]);
  const [backfills, setBackfills] = useState<Record<string, BackfillStatus>>({});
  const [message, setMessage] = useState<string | null>(null);
  const executions = useRef(new Map<string, Execution | null>());
  const onExec = useRef(onExecution);
  onExec.current = onExecution;
  const settingsKey = JSON.stringify(options);

  useEffect(() => {
    if (!hasTriggers) return;
    let live = true;
    const timer = setTimeout(() => {
      engineClient()
        .call('schedulerOpen', source, runSettings(options))
        .then((r) => {
          if (!live) return;
          setNow(r.now);
          setTriggers(r.triggers);
        })
        .catch((e) => live && setMessage((e as Error).message));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, hasTriggers, settingsKey]);

  useEffect(
    () =>
      engineClient().onScheduler((events: SchedulerEvent[]) => {
        const byExecution = new Map<string, Parameters<typeof reduceEvents>[1] & unknown[]>();
        for (const e of events) {
          switch (e.type) {
            case 'clock':
              setNow(e.now);
              break;
            case 'trigger':
              setTriggers((list) => {
                const i = list.findIndex((t) => t.key === e.trigger.key);
                if (i < 0) return [...list, e.trigger];
                const next = list.slice();
                next[i] = e.trigger;
                return next;
              });
              break;
            case 'backfill':
              setBackfills((b) => ({ ...b, [e.backfill.trigger.triggerId]: e.backfill }));
              break;
            case 'execution.event': {
              const list = byExecution.get(e.executionId) ?? [];
              list.push(e.event);
              byExecution.set(e.executionId, list);
              break;
            }
            case 'warning':
              setMessage(e.message);
              break;
          }
        }
        for (const [id, list] of byExecution) {
          const exec = reduceEvents(executions.current.get(id) ?? null, list);
          executions.current.set(id, exec);
          if (exec) onExec.current(exec);
        }
      }),
    [],
  );

  const call = useCallback(
    async (method: SchedulerMethod, ...args: unknown[]) => {
      setMessage(null);
      try {
        return await engineClient().call('schedulerCall', method, args);
      } catch (e) {
        const [en, zh] = String((e as Error).message).split(BILINGUAL);
        setMessage(lang === 'zh-TW' && zh ? zh : en);
        throw e;
      }
    },
    [lang],
  );

  return { now, triggers, backfills, message, call };
}
