import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFlow } from '../engine';
import type { Flow } from '../engine/flow/Flow';
import { memoryFlows, type FlowRepository } from '../engine/runtime/FlowRepository';

/**
 * `--flows <dir>`: every flow file (*.yaml, *.yml) of a directory, for
 * Subflow / ForEachItem; the flow being run is added too. Files that do not
 * parse are reported on stderr and left out.
 */
export async function loadFlowsDir(dir: string | undefined, main: Flow): Promise<FlowRepository> {
  const flows: Flow[] = [];
  if (dir) {
    for (const name of (await readdir(dir)).sort()) {
      if (!/\.ya?ml$/i.test(name)) continue;
      const parsed = parseFlow(await readFile(join(dir, name), 'utf8'));
      if (parsed.flow && !parsed.errors.length) flows.push(parsed.flow);
      else process.stderr.write(`--flows: ${join(dir, name)} is not a valid flow, left out\n`);
    }
  }
  flows.push(main);
  return memoryFlows(flows);
}
