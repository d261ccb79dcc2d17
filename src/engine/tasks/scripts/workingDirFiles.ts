import type { TaskContext } from '../../runtime/TaskContext';
import { globToRegExp } from '../../shell/globToRegExp';

/**
 * What Kestra's script and DuckDB tasks share about their working directory
 * (K core/.../runners/PluginUtilsService.java, FilesService.java): the files
 * laid into it before the run (`inputFiles`, `namespaceFiles`) and the files
 * stored from it afterwards (`outputFiles`). Used by the shell, Python and
 * DuckDB tasks, each with its own file system.
 */

/** A property that is a list, a single string, or a JSON list in a string, rendered. */
export function renderedList(ctx: TaskContext, v: unknown, render: (t: string) => string = ctx.render): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => render(String(x)));
  const s = render(String(v)).trim();
  if (s.startsWith('[')) {
    try {
      return (JSON.parse(s) as unknown[]).map(String);
    } catch {
      /* a plain string */
    }
  }
  return [s];
}

/**
 * `inputFiles`: a map of file name → content (or a `kestra:///` URI), or a
 * JSON string of such a map; names and values are rendered. Names must be
 * relative, as in Kestra ("Invalid outputFile (only relative path is supported)").
 */
export async function readInputFiles(ctx: TaskContext, render: (t: string) => string = ctx.render): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  let spec = ctx.task.inputFiles as unknown;
  if (spec === undefined || spec === null) return files;
  if (typeof spec === 'string') {
    const text = render(spec);
    try {
      spec = JSON.parse(text);
    } catch {
      throw new Error(`inputFiles must be a map of file names to contents or kestra:// URIs, or a JSON string of one; got \`${text.slice(0, 80)}\``);
    }
  }
  if (typeof spec !== 'object' || Array.isArray(spec)) throw new Error('inputFiles must be a map of file names to contents or kestra:// URIs');
  for (const [rawName, raw] of Object.entries(spec as Record<string, unknown>)) {
    if (raw === null || raw === undefined) continue;
    const name = render(rawName);
    if (name.startsWith('/') || name.startsWith('..') || name.startsWith('./')) {
      throw new Error(`Invalid input file name \`${name}\`: only a relative path is supported (as in Kestra)`);
    }
    const value = render(String(raw));
    const uri = value.trim();
    files.set(name, /^kestra:\/\//.test(uri) ? await ctx.readFile(uri) : new TextEncoder().encode(value));
  }
  return files;
}

/** `namespaceFiles: {enabled, include, exclude}`: the namespace's files, by relative path. */
export async function readNamespaceFiles(ctx: TaskContext): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const nf = ctx.task.namespaceFiles as { enabled?: unknown; include?: string[]; exclude?: string[] } | undefined;
  if (!nf || String(nf.enabled) === 'false') return files;
  const store = ctx.services.namespaceFiles;
  const include = (nf.include ?? []).map(globToRegExp);
  const exclude = (nf.exclude ?? []).map(globToRegExp);
  for (const path of store ? await store.list(ctx.execution.namespace) : []) {
    const rel = path.replace(/^\/+/, '');
    if (include.length && !include.some((r) => r.test(rel))) continue;
    if (exclude.some((r) => r.test(rel))) continue;
    const data = await store!.read(ctx.execution.namespace, path);
    if (data) files.set(rel, data);
  }
  ctx.log('DEBUG', `${files.size} namespace file(s) of ${ctx.execution.namespace} copied into the working directory`);
  return files;
}

/** FNV-1a of a path: the prefix of a stored output file's name, so two paths with the same base name do not clash. */
export function pathHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * `outputFiles` globs matched against the working directory's files (paths
 * relative to it); each match is stored and listed under its relative path,
 * as Kestra's `outputFiles` output is.
 */
export async function storeOutputFiles(
  ctx: TaskContext,
  patterns: string[],
  files: Iterable<[string, Uint8Array]>,
): Promise<Record<string, string>> {
  const regexps = patterns.map((p) => globToRegExp(p.replace(/^\.\//, '')));
  const stored: Record<string, string> = {};
  for (const [path, data] of files) {
    if (!regexps.some((r) => r.test(path))) continue;
    const base = path.slice(path.lastIndexOf('/') + 1);
    stored[path] = await ctx.storeFile(`${pathHash(path)}-${base}`, data);
  }
  return stored;
}

/**
 * Logs which task runner the flow asked for and how the playground runs the
 * task instead (`instead`: "its commands run in the built-in browser shell";
 * `where`, for the Process runner's pid line: "browser shell").
 */
export function logTaskRunner(ctx: TaskContext, instead: string, where: string, render: (t: string) => string = ctx.render): void {
  const runner = ctx.task.taskRunner as { type?: string } | undefined;
  const type = runner?.type ? String(runner.type) : null;
  const image = ctx.task.containerImage ? render(String(ctx.task.containerImage)) : null;
  if (type && /\.Process$/.test(type)) {
    ctx.log('DEBUG', `Starting command with pid 1 (${where})`);
    return;
  }
  ctx.log(
    'INFO',
    `This task asks for ${type ? `the task runner ${type}` : 'the default Docker task runner'}${image ? ` with image ${image}` : ''}; in the playground ${instead} instead (no container).`,
  );
}
