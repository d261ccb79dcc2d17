/**
 * How long the taxi flow's templates take to render: every string of
 * flows/02_postgres_taxi.yaml with an expression in it, against the context a
 * green 2020-03 run has when its tasks render. Prints cold (first render,
 * parsing included) and warm (parsed template reused) times.
 * Run alone: npx tsx bench/templateRender.ts (npm run bench runs it too).
 */
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Pebble } from '../src/engine/expressions/Pebble';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every string in the flow that contains an expression. */
function templatesOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('{{') || value.includes('{%')) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) templatesOf(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) templatesOf(v, out);
  }
  return out;
}

export interface TemplateTimes {
  templates: number;
  coldMs: number;
  warmUsPerTemplate: number;
}

export function benchTemplates(rounds = 2000): TemplateTimes {
  const flow = parse(readFileSync(join(ROOT, 'flows/02_postgres_taxi.yaml'), 'utf8')) as Record<string, unknown>;
  const templates = templatesOf(flow.tasks);
  const vars = flow.variables as Record<string, unknown>;
  const ctx = {
    flow: { id: '02_postgres_taxi', namespace: 'zoomcamp' },
    execution: { id: 'bench', startDate: '2024-01-01T00:00:00Z' },
    inputs: { taxi: 'green', year: '2020', month: '03' },
    vars,
    outputs: { extract: { outputFiles: { 'green_tripdata_2020-03.csv': 'kestra:///zoomcamp/02_postgres_taxi/executions/bench/tasks/extract/x/green_tripdata_2020-03.csv' } } },
    labels: {},
  };
  const pebble = new Pebble();
  const t0 = performance.now();
  for (const t of templates) pebble.render(t, ctx);
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < rounds; i++) for (const t of templates) pebble.render(t, ctx);
  const warmUs = ((performance.now() - t1) * 1000) / (rounds * templates.length);
  return { templates: templates.length, coldMs, warmUsPerTemplate: warmUs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const r = benchTemplates();
  console.log(`taxi flow templates: ${r.templates}; first render of all (parse included) ${r.coldMs.toFixed(1)} ms; warm ${r.warmUsPerTemplate.toFixed(1)} µs per template`);
}
