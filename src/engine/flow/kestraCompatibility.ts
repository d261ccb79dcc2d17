import type { Flow } from './Flow';
import type { FlowError } from './FlowError';
import { formatPath } from './FlowError';
import { findMigrationHits, migrationMessage, type MigrationHit } from './checkKestraMigration';
import { createLocator } from './createLocator';
import { formatMessage } from './errorMessages';
import { inspectYamlTree } from './inspectYamlTree';
import { compareVersions, KESTRA_VERSIONS, rejects, type KestraVersion } from './migrationRules';
import { clip } from './Problems';
import { readYaml } from './readYaml';

export interface KestraVersionCompatibility {
  version: KestraVersion;
  /** Which Kestra this is, for a label: the release the course pinned. */
  release: string;
  /** Whether this version accepts the flow as it is (parses it); false when the YAML itself does not parse. */
  accepted: boolean;
  /** Why it does not: each problem located, worded with a bilingual code (`kestra-removed`, `kestra-too-new`...). */
  rejects: FlowError[];
  /** What it accepts but reads differently: deprecated names, ignored properties, YAML aliases. */
  notes: FlowError[];
}

const RELEASES: Record<KestraVersion, string> = {
  '0.20': '0.20.7 (the 2025 cohort)',
  '1.1': '1.1 (the 2026 cohort)',
  '2.0': '2.0 (latest)',
};

/**
 * For Kestra 0.20, 1.1 and 2.0, whether each accepts the flow as it is and
 * why not, from the rules of migrationRules.ts (the playground's "Copy YAML
 * for Kestra" shows this). `flow` is ParsedFlow.flow (null when the YAML did
 * not parse: no version accepts it), `source` the text, to locate each reason.
 */
export function kestraCompatibility(flow: Flow | null, source: string): KestraVersionCompatibility[] {
  const { doc, lineCounter } = readYaml(source);
  const locate = createLocator(doc?.contents ?? null, lineCounter);
  const hits = flow ? findMigrationHits(flow) : [];
  const toError = (hit: MigrationHit): FlowError => {
    const { code, params } = migrationMessage(hit);
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') clean[k] = clip(v);
    return { code, params: clean, message: formatMessage(code, clean, 'en'), ...locate(hit.path, hit.target), path: formatPath(hit.path), severity: 'warning' };
  };
  const aliases: FlowError[] = [];
  if (flow && doc) {
    for (const p of inspectYamlTree(doc).warnings) {
      const pos = lineCounter.linePos(p.offset);
      aliases.push({ code: p.code, params: p.params, message: formatMessage(p.code, p.params, 'en'), line: pos.line, column: pos.col, path: '', severity: 'warning' });
    }
  }
  return KESTRA_VERSIONS.map((version) => {
    const rejected = hits.filter((h) => rejects(h.rule, version));
    const noted = hits.filter((h) => !rejects(h.rule, version) && applies(h, version));
    return {
      version,
      release: RELEASES[version],
      accepted: flow !== null && rejected.length === 0,
      rejects: rejected.map(toError),
      notes: [...noted.map(toError), ...aliases].sort((a, b) => a.line - b.line || a.column - b.column),
    };
  });
}

/** Whether a deprecation or a property with no effect already holds in a version. */
function applies(hit: MigrationHit, version: KestraVersion): boolean {
  const since = hit.rule.deprecatedIn ?? hit.rule.ignoredIn;
  return since !== undefined && compareVersions(version, since) >= 0;
}
