import { parseFlow, type Flow } from '../engine';
import { memoryFlows, type FlowRepository } from '../engine/runtime/FlowRepository';

let shipped: Promise<string[]> | null = null;
const parsed = new Map<string, Flow | null>();

function parse(source: string): Flow | null {
  let f = parsed.get(source);
  if (f === undefined) {
    const p = parseFlow(source);
    f = p.errors.length ? null : p.flow;
    if (parsed.size > 200) parsed.clear();
    parsed.set(source, f);
  }
  return f;
}

/**
 * The flows a run can call (Subflow, ForEachItem): the site's own flows
 * (flows.json, built from flows/*.yaml), then the learner's saved edits,
 * then the flow being run; a later one with the same namespace and id wins,
 * as the learner's edit of a lesson flow is the version they expect to call.
 */
export async function browserFlows(siteBase: string, extra: string[]): Promise<FlowRepository> {
  shipped ??= fetch(new URL('flows.json', siteBase))
    .then((r) => (r.ok ? (r.json() as Promise<Record<string, string>>) : ({} as Record<string, string>)))
    .then((all) => Object.values(all))
    .catch(() => [] as string[]);
  const flows: Flow[] = [];
  for (const source of [...(await shipped), ...extra]) {
    const f = parse(source);
    if (f) flows.push(f);
  }
  return memoryFlows(flows);
}
