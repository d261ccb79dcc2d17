import { useId, useState } from 'react';
import type { Flow } from '../../../engine';
import type { KestraVersion } from '../../../engine/KestraVersion';
import type { TriggerStatus } from '../../../engine/triggers';
import type { MessageKey, Translator } from '../i18n';
import { BackfillDialog } from './BackfillDialog';
import type { SchedulerView } from './useScheduler';

interface Props {
  tr: Translator;
  flow: Flow | null;
  scheduler: SchedulerView;
  version: KestraVersion;
  idPrefix: string;
}

const show = (iso: string) => iso.replace('T', ' ').replace(/:00(?=(Z|[+-]\d\d:\d\d)$)/, '');

/** Kestra's Triggers tab: one row per Schedule trigger, with its backfill; above it, the simulated clock. */
export function TriggersView({ tr, flow, scheduler, version, idPrefix }: Props) {
  const { t } = tr;
  const id = useId();
  const [backfillOf, setBackfillOf] = useState<TriggerStatus | null>(null);
  const [advance, setAdvance] = useState('');
  const { now, triggers, backfills, message, call } = scheduler;
  if (!flow || !triggers.length) return <p className="pg-empty">{t('triggers.none')}</p>;
  const lang = tr.lang === 'zh-TW' ? 'zh-TW' : 'en';
  return (
    <div className="pg-triggers">
      <section className="pg-clock" aria-labelledby={`${id}-clock`}>
        <p className="pg-view-title" id={`${id}-clock`}>
          {t('clock.label')}
        </p>
        <p role="status" data-testid="simulated-now">
          {now ? t('clock.now', { date: show(now.slice(0, 19) + 'Z') }) : '…'}
        </p>
        <p className="pg-hint">{t('clock.hint')}</p>
        <div className="pg-view-tools">
          <button type="button" className="pg-button" onClick={() => void call('fireNext').catch(() => undefined)}>
            {t('clock.fireNext')}
          </button>
          <label htmlFor={`${id}-advance`} className="pg-label pg-inline-label">
            {t('clock.advance')} (UTC)
          </label>
          <input id={`${id}-advance`} type="datetime-local" className="pg-input" value={advance} min={now?.slice(0, 16)} onChange={(e) => setAdvance(e.target.value)} />
          <button type="button" className="pg-button" disabled={!advance} onClick={() => void call('advanceTo', `${advance}:00Z`).catch(() => undefined)}>
            {t('clock.advanceTo')}
          </button>
        </div>
      </section>
      {message && (
        <p className="pg-notice" role="alert">
          {message}
        </p>
      )}
      <div className="pg-scroll-x">
        <table className="pg-table pg-triggers-table">
          <caption className="sr-only">{t('triggers.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('triggers.id')}</th>
              <th scope="col">{t('triggers.cron')}</th>
              <th scope="col">{t('triggers.timezone')}</th>
              <th scope="col">{t('triggers.inputs')}</th>
              <th scope="col">{t('triggers.next')}</th>
              <th scope="col">{t('triggers.enabled')}</th>
              <th scope="col">{t('triggers.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {triggers.map((tg) => {
              const bf = backfills[tg.triggerId] ?? tg.backfill;
              const inputs = Object.entries((flow.triggers as { id?: string; inputs?: Record<string, unknown> }[] | undefined)?.find((x) => x.id === tg.triggerId)?.inputs ?? {});
              return (
                <tr key={tg.key} data-trigger-id={tg.triggerId}>
                  <th scope="row">
                    <code>{tg.triggerId}</code>
                  </th>
                  <td>
                    <code>{tg.cron}</code>
                    {tg.description && <div className="pg-hint">{tg.description[lang]}</div>}
                  </td>
                  <td>{tg.timezone}</td>
                  <td>
                    {inputs.length
                      ? inputs.map(([k, v]) => (
                          <span key={k} className="pg-chip">
                            {k}: {String(v)}
                          </span>
                        ))
                      : t('triggers.noInputs')}
                  </td>
                  <td>
                    <ul className="pg-ticks">
                      {tg.upcoming.slice(0, 3).map((u) => (
                        <li key={u}>
                          <time dateTime={u}>{show(u)}</time>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      role="switch"
                      aria-label={t('triggers.enable', { id: tg.triggerId })}
                      checked={tg.enabled}
                      disabled={tg.disabledBy === 'definition'}
                      onChange={(e) => void call('setEnabled', tg.triggerId, e.target.checked).catch(() => undefined)}
                    />
                    {tg.disabledBy && tg.disabledBy !== 'host' && <div className="pg-hint">{t(`triggers.disabledBy.${tg.disabledBy}` as MessageKey)}</div>}
                  </td>
                  <td>
                    <button type="button" className="pg-button pg-small" disabled={!tg.enabled || (bf !== null && bf !== undefined && ['running', 'paused'].includes(bf.phase))} onClick={() => setBackfillOf(tg)}>
                      {t('triggers.backfill')}
                    </button>
                    {bf && bf.phase !== 'deleted' && (
                      <div className="pg-backfill" data-testid={`backfill-${tg.triggerId}`} data-phase={bf.phase} data-backfill-id={bf.id}>
                        <progress max={Math.max(bf.total, 1)} value={bf.ended} aria-label={t('backfill.progress', { created: bf.created, total: bf.total })} />
                        <div>
                          {t('backfill.progress', { created: bf.created, total: bf.total })} · {t(`backfill.phase.${bf.phase}` as MessageKey)}
                          {bf.currentTick && <> · {t('backfill.current', { tick: show(bf.currentTick) })}</>}
                        </div>
                        {(bf.phase === 'running' || bf.phase === 'paused') && (
                          <div className="pg-view-tools">
                            {bf.phase === 'running' ? (
                              <button type="button" className="pg-button pg-small" onClick={() => void call('pauseBackfill', tg.triggerId).catch(() => undefined)}>
                                {t('backfill.pause')}
                              </button>
                            ) : (
                              <button type="button" className="pg-button pg-small" onClick={() => void call('continueBackfill', tg.triggerId).catch(() => undefined)}>
                                {t('backfill.continue')}
                              </button>
                            )}
                            <button type="button" className="pg-button pg-small" onClick={() => void call('deleteBackfill', tg.triggerId).catch(() => undefined)}>
                              {t('backfill.delete')}
                            </button>
                          </div>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {backfillOf && now && (
        <BackfillDialog
          tr={tr}
          flow={flow}
          trigger={backfillOf}
          version={version}
          now={now}
          idPrefix={idPrefix}
          onClose={() => setBackfillOf(null)}
          onSubmit={async (request) => {
            await call('startBackfill', backfillOf.triggerId, request);
          }}
        />
      )}
    </div>
  );
}
