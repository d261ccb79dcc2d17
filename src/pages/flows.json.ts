import type { APIRoute } from 'astro';

/**
 * The site's own flows (flows/*.yaml), by file name, for the playground's
 * engine: a Subflow (or ForEachItem) of a lesson flow finds the flow it calls
 * here, as Kestra finds it among the namespace's flows.
 */
const FLOWS = import.meta.glob('../../flows/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const GET: APIRoute = () =>
  new Response(JSON.stringify(Object.fromEntries(Object.entries(FLOWS).map(([path, source]) => [path.slice(path.lastIndexOf('/') + 1), source]))), {
    headers: { 'Content-Type': 'application/json' },
  });
