import { useEffect, useState } from 'react';
import type { Translator } from './i18n';
import { dataBaseUrl } from './engineClient';

import type { DataManifest as Manifest } from '../../engine/data/DataManifest';

let manifestPromise: Promise<Manifest | null> | null = null;
function loadManifest(): Promise<Manifest | null> {
  manifestPromise ??= fetch(`${dataBaseUrl()}manifest.json`)
    .then((r) => (r.ok ? (r.json() as Promise<Manifest>) : null))
    .catch(() => null);
  return manifestPromise;
}

/** Whether a flow downloads the course's NYC taxi files (then the learner picks sample or full month). */
export function usesTaxiData(source: string): boolean {
  return source.includes('nyc-tlc-data');
}

interface Props {
  tr: Translator;
  inputs: Record<string, unknown>;
  dataset: 'sample' | 'full';
  onChange(d: 'sample' | 'full'): void;
  idPrefix: string;
}

/** Sample or full month, with the number of rows the run is about to load. */
export function DatasetPicker({ tr, inputs, dataset, onChange, idPrefix }: Props) {
  const { t } = tr;
  const [manifest, setManifest] = useState<Manifest | null>(null);
  useEffect(() => {
    void loadManifest().then(setManifest);
  }, []);
  const file = inputs.taxi && inputs.year && inputs.month ? `${inputs.taxi}_tripdata_${inputs.year}-${inputs.month}.csv.gz` : null;
  const entry = file ? manifest?.files[file] : undefined;
  // a flow whose month comes from the trigger (no year/month inputs): full months where the site has them
  const hasFull = file ? entry?.full !== undefined : true;
  const effective = dataset === 'full' && hasFull ? 'full' : 'sample';
  const rows = entry ? (effective === 'full' ? entry.full?.rows : entry.sample.rows) : undefined;
  return (
    <fieldset className="pg-inputs pg-dataset">
      <legend>{t('dataset.legend')}</legend>
      <label>
        <input type="radio" name={`${idPrefix}-dataset`} value="sample" checked={effective === 'sample'} onChange={() => onChange('sample')} /> {t('dataset.sample')}
      </label>
      <label>
        <input type="radio" name={`${idPrefix}-dataset`} value="full" checked={effective === 'full'} disabled={!hasFull} onChange={() => onChange('full')} />{' '}
        {t('dataset.full')}
      </label>
      {file && rows !== undefined ? (
        <p className="pg-hint" aria-live="polite">
          {t('dataset.rows', { rows: rows.toLocaleString(tr.lang), file: file.replace(/\.gz$/, '') })}
        </p>
      ) : null}
      {file && manifest && !hasFull ? <p className="pg-hint">{t('dataset.noFull')}</p> : null}
      {!file && effective === 'full' ? <p className="pg-hint">{t('dataset.fullWhereShipped')}</p> : null}
    </fieldset>
  );
}
