import { DbtError } from '../DbtError';
import type { DbtNode, SourceTable } from '../project/types';
import type { DbtGraph } from './DbtGraph';

/** Glob match the way dbt's fnmatch does (`*`, `?`, `[…]`), by dynamic programming (no RegExp from the selector). */
export function fnmatch(text: string, pattern: string): boolean {
  if (!/[*?[]/.test(pattern)) return text === pattern;
  // tokens: a literal char, '?', '*', or a class
  type Tok = { k: 'c'; c: string } | { k: '?' } | { k: '*' } | { k: 'set'; neg: boolean; items: string };
  const toks: Tok[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') toks.push({ k: '*' });
    else if (c === '?') toks.push({ k: '?' });
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) {
      const end = pattern.indexOf(']', i + 2);
      const body = pattern.slice(i + 1, end);
      toks.push({ k: 'set', neg: body.startsWith('!'), items: body.replace(/^!/, '') });
      i = end;
    } else toks.push({ k: 'c', c });
  }
  const inSet = (ch: string, items: string) => {
    for (let j = 0; j < items.length; j++) {
      if (items[j + 1] === '-' && j + 2 < items.length) {
        if (ch >= items[j] && ch <= items[j + 2]) return true;
        j += 2;
      } else if (items[j] === ch) return true;
    }
    return false;
  };
  // prev[j]: pattern tokens[0..i) match text[0..j)
  let prev = new Array<boolean>(text.length + 1).fill(false);
  prev[0] = true;
  for (const t of toks) {
    const cur = new Array<boolean>(text.length + 1).fill(false);
    if (t.k === '*') {
      let any = false;
      for (let j = 0; j <= text.length; j++) {
        any = any || prev[j];
        cur[j] = any;
      }
    } else {
      for (let j = 1; j <= text.length; j++) {
        if (!prev[j - 1]) continue;
        const ch = text[j - 1];
        cur[j] = t.k === '?' || (t.k === 'c' && t.c === ch) || (t.k === 'set' && inSet(ch, t.items) !== t.neg);
      }
    }
    prev = cur;
  }
  return prev[text.length];
}

interface Criterion {
  raw: string;
  method: string;
  value: string;
  parents: boolean;
  parentsDepth: number | null;
  children: boolean;
  childrenDepth: number | null;
  childrensParents: boolean;
}

const METHODS = new Set(['fqn', 'tag', 'path', 'file', 'resource_type', 'source', 'package', 'test_type', 'test_name', 'config', 'wildcard']);
const UNSUPPORTED: Record<string, string> = {
  state: 'state: selection needs the artifacts of a previous run (--state); this runner keeps none',
  result: 'result: selection needs the run_results.json of a previous run (--state); this runner keeps none',
  source_status: 'source_status: selection needs source freshness results, which this runner does not compute',
  exposure: 'this project has no exposures here',
  metric: 'metrics are not supported by this dbt runner',
  semantic_model: 'semantic models are not supported by this dbt runner',
  saved_query: 'saved queries are not supported by this dbt runner',
  group: 'groups are not supported by this dbt runner',
  access: 'access selection is not supported by this dbt runner',
  version: 'model versions are not supported by this dbt runner',
  unit_test: 'unit tests are not run by this dbt runner',
};

/** Parses one selector like `+fact_trips`, `tag:nightly+`, `2+path:models/staging`, `@stg_x`, `config.materialized:table`. */
export function parseCriterion(raw: string): Criterion {
  const m = /^(@)?(?:(\d*)\+)?([^+]+?)(?:\+(\d*))?$/.exec(raw);
  if (!m) throw new DbtError('Runtime', `Invalid selector "${raw}"`);
  const [, at, pDepth, body, cDepth] = m;
  const hasParents = raw.replace(/^@/, '').match(/^\d*\+/) !== null;
  const hasChildren = /\+\d*$/.test(raw);
  let method = 'fqn';
  let value = body;
  const colon = body.indexOf(':');
  if (colon > 0) {
    method = body.slice(0, colon);
    value = body.slice(colon + 1);
  } else if (body.includes('/') || /\.(sql|csv|py|yml|yaml)$/i.test(body)) {
    method = /\.(sql|csv|py)$/i.test(body) && !body.includes('/') ? 'file' : 'path';
  } else if (body === '*') {
    method = 'wildcard';
  }
  const base = method.split('.')[0];
  if (UNSUPPORTED[base]) throw new DbtError('Runtime', `The selector method "${base}" is not supported here: ${UNSUPPORTED[base]}`);
  if (!METHODS.has(base)) throw new DbtError('Runtime', `'${method}' is not a valid method name`);
  return {
    raw,
    method,
    value,
    parents: hasParents,
    parentsDepth: pDepth ? Number(pDepth) : null,
    children: hasChildren,
    childrenDepth: cDepth ? Number(cDepth) : null,
    childrensParents: Boolean(at),
  };
}

type Member = { kind: 'node'; node: DbtNode } | { kind: 'source'; source: SourceTable };

function matches(c: Criterion, m: Member, graph: DbtGraph): boolean {
  const v = c.value;
  if (c.method === 'wildcard') return true;
  if (m.kind === 'source') {
    const s = m.source;
    switch (c.method) {
      case 'source': {
        const parts = v.split('.');
        if (parts.length === 1) return fnmatch(s.sourceName, parts[0]);
        if (parts.length === 2) return (fnmatch(s.sourceName, parts[0]) && fnmatch(s.name, parts[1])) || (fnmatch(s.packageName, parts[0]) && fnmatch(s.sourceName, parts[1]));
        return fnmatch(s.packageName, parts[0]) && fnmatch(s.sourceName, parts[1]) && fnmatch(s.name, parts[2]);
      }
      case 'tag':
        return s.tags.some((t) => fnmatch(t, v));
      case 'package':
        return fnmatch(s.packageName, v);
      case 'resource_type':
        return v === 'source';
      case 'path':
        return pathMatches(s.originalFilePath, v);
      case 'fqn':
        return fqnMatches(s.fqn, v, s.name);
      default:
        return false;
    }
  }
  const n = m.node;
  switch (c.method) {
    case 'fqn':
      return fqnMatches(n.fqn, v, n.name);
    case 'tag':
      return n.config.tags.some((t) => fnmatch(t, v));
    case 'path':
      return pathMatches(n.originalFilePath, v);
    case 'file':
      return fnmatch(n.originalFilePath.split('/').pop()!, v) || fnmatch(n.originalFilePath.split('/').pop()!.replace(/\.[^.]+$/, ''), v);
    case 'resource_type':
      return n.resourceType === v || (v === 'data_test' && n.resourceType === 'test');
    case 'package':
      return fnmatch(n.packageName, v);
    case 'source':
      return false;
    case 'test_type':
      return n.resourceType === 'test' && (v === 'generic' || v === 'schema' ? Boolean(n.testMetadata) : v === 'singular' || v === 'data' ? !n.testMetadata : false);
    case 'test_name':
      return n.resourceType === 'test' && Boolean(n.testMetadata) && fnmatch(n.testMetadata!.namespace ? `${n.testMetadata!.namespace}.${n.testMetadata!.name}` : n.testMetadata!.name, v);
  }
  if (c.method.startsWith('config.')) {
    const key = c.method.slice('config.'.length);
    const cv = (n.config as Record<string, unknown>)[key];
    if (Array.isArray(cv)) return cv.some((x) => fnmatch(String(x), v));
    return cv !== undefined && cv !== null && fnmatch(String(cv), v);
  }
  void graph;
  return false;
}

function pathMatches(file: string, value: string): boolean {
  const v = value.replace(/^\.\//, '').replace(/\/+$/, '');
  return file === v || file.startsWith(v + '/') || fnmatch(file, v);
}

function fqnMatches(fqn: string[], value: string, name: string): boolean {
  const parts = value.split('.');
  if (parts.length === 1 && fnmatch(name, parts[0])) return true;
  // a prefix of the fqn, with or without the package name
  const prefix = (f: string[]) => parts.length <= f.length && parts.every((p, i) => fnmatch(f[i], p));
  return prefix(fqn) || prefix(fqn.slice(1));
}

/**
 * dbt's node selection: `--select` terms are unions (space) of intersections
 * (comma) of criteria with graph operators (`+x`, `x+`, `2+x`, `@x`);
 * `--exclude` is taken away; tests that read a selected node are added
 * (indirect selection "eager"), unless excluded.
 */
export function selectNodes(graph: DbtGraph, o: { select: string[]; exclude: string[]; resourceTypes: Set<string>; indirectTests: boolean }): Set<string> {
  const members = new Map<string, Member>();
  for (const n of graph.manifest.nodes.values()) members.set(n.uniqueId, { kind: 'node', node: n });
  for (const s of graph.manifest.sources.values()) members.set(s.uniqueId, { kind: 'source', source: s });

  const evalCriterion = (c: Criterion): Set<string> => {
    const base = new Set([...members].filter(([, m]) => matches(c, m, graph)).map(([id]) => id));
    const out = new Set(base);
    for (const id of base) {
      if (c.parents) for (const a of graph.ancestors(id, c.parentsDepth)) out.add(a);
      if (c.children || c.childrensParents) for (const d of graph.descendants(id, c.childrenDepth)) out.add(d);
    }
    if (c.childrensParents) for (const id of [...out]) for (const a of graph.ancestors(id)) out.add(a);
    return out;
  };
  const evalTerms = (terms: string[]): Set<string> => {
    const out = new Set<string>();
    for (const term of terms.flatMap((t) => t.split(/\s+/)).filter(Boolean)) {
      const parts = term.split(',').filter(Boolean).map(parseCriterion);
      const sets = parts.map(evalCriterion);
      if (!sets.length) continue;
      const acc = sets.reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
      for (const x of acc) out.add(x);
    }
    return out;
  };

  const selected = o.select.length ? evalTerms(o.select) : new Set(members.keys());
  const excluded = o.exclude.length ? evalTerms(o.exclude) : new Set<string>();
  const out = new Set([...selected].filter((id) => !excluded.has(id)));
  if (o.indirectTests) {
    for (const [id, m] of members) {
      if (m.kind !== 'node' || m.node.resourceType !== 'test' || out.has(id) || excluded.has(id)) continue;
      if (m.node.dependsOn.some((p) => out.has(p))) out.add(id);
    }
  }
  return new Set([...out].filter((id) => {
    const m = members.get(id)!;
    return m.kind === 'node' ? o.resourceTypes.has(m.node.resourceType) : o.resourceTypes.has('source');
  }));
}
