/** The shared flow files (flows/*.yaml), by name: one source for lessons, playground and tests. */
const FLOWS = import.meta.glob('../../flows/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function flowSource(name: string): string {
  const entry = Object.entries(FLOWS).find(([path]) => path.endsWith(`/${name}.yaml`));
  if (!entry) throw new Error(`No flow named ${name} in flows/ (have: ${Object.keys(FLOWS).join(', ')})`);
  return entry[1];
}
