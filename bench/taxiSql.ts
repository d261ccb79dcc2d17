import { parse } from 'yaml';

/** The green branch of flows/02_postgres_taxi.yaml, as the flow has it, with its expressions filled in. */
export interface TaxiSql {
  setup: string;
  /** CopyIn's columns (the COPY's column list). */
  columns: string[];
  update: string;
  merge: string;
  staging: string;
}

export function taxiSql(flowSource: string, file = 'green_tripdata_2020-03.csv'): TaxiSql {
  const doc = parse(flowSource) as { tasks: { id: string; then?: Record<string, unknown>[] }[] };
  const tasks = doc.tasks.find((t) => t.id === 'if_green_taxi')!.then!;
  const fill = (s: string) =>
    s.replaceAll('{{render(vars.table)}}', 'public.green_tripdata').replaceAll('{{render(vars.staging_table)}}', 'public.green_tripdata_staging').replaceAll('{{render(vars.file)}}', file);
  const sql = (id: string) => fill(String(tasks.find((t) => t.id === id)!.sql)).trim();
  const copy = tasks.find((t) => t.id === 'green_copy_in_to_staging_table')!;
  return {
    setup: ['DROP TABLE IF EXISTS public.green_tripdata;', 'DROP TABLE IF EXISTS public.green_tripdata_staging;', sql('green_create_table'), sql('green_create_staging_table'), sql('green_truncate_staging_table')].join('\n'),
    columns: copy.columns as string[],
    update: sql('green_add_unique_id_and_filename'),
    merge: sql('green_merge_data'),
    staging: 'public.green_tripdata_staging',
  };
}
