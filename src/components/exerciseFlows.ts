/** Starting flows and solutions of the lessons' exercises (flows/exercises/*.yaml), by name. */
const EXERCISES = import.meta.glob('../../flows/exercises/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function exerciseFlow(name: string): string {
  const entry = Object.entries(EXERCISES).find(([path]) => path.endsWith(`/${name}.yaml`));
  if (!entry) throw new Error(`No exercise flow named ${name} in flows/exercises/ (have: ${Object.keys(EXERCISES).join(', ')})`);
  return entry[1];
}
