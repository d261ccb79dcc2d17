import type { TaskContext } from '../../runtime/TaskContext';
import { ShellFs } from '../../shell/ShellFs';
import { globToRegExp } from '../../shell/globToRegExp';

const asList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * A script task's working directory, as Kestra lays it out before the
 * commands run: the namespace files (with `namespaceFiles: {enabled: true}`,
 * filtered by include/exclude) and the `inputFiles` (text, or kestra:// URIs).
 */
export async function taskWorkingDirectory(ctx: TaskContext): Promise<{ fs: ShellFs; namespaceFileCount: number }> {
  const fs = new ShellFs();
  let namespaceFileCount = 0;
  const nf = ctx.task.namespaceFiles as { enabled?: unknown; include?: unknown; exclude?: unknown; namespaces?: unknown } | undefined;
  if (nf && String(ctx.renderValue(nf.enabled ?? false)) !== 'false') {
    const store = ctx.services.namespaceFiles;
    const include = asList(ctx.renderValue(nf.include)).map((g) => globToRegExp(g.replace(/^\/+/, '')));
    const exclude = asList(ctx.renderValue(nf.exclude)).map((g) => globToRegExp(g.replace(/^\/+/, '')));
    const namespaces = nf.namespaces ? asList(ctx.renderValue(nf.namespaces)) : [ctx.execution.namespace];
    for (const ns of namespaces) {
      for (const path of store ? await store.list(ns) : []) {
        if (include.length && !include.some((r) => r.test(path))) continue;
        if (exclude.some((r) => r.test(path))) continue;
        const data = await store!.read(ns, path);
        if (!data) continue;
        fs.put(path, data);
        namespaceFileCount++;
      }
    }
  }
  let files = ctx.task.inputFiles as unknown;
  if (typeof files === 'string') files = JSON.parse(ctx.render(files));
  if (files && typeof files === 'object') {
    for (const [name, raw] of Object.entries(files as Record<string, unknown>)) {
      const value = ctx.render(String(raw));
      const data = /^kestra:\/\//.test(value.trim()) ? await ctx.readFile(value.trim()) : new TextEncoder().encode(value);
      fs.put(ctx.render(name), data);
    }
  }
  return { fs, namespaceFileCount };
}

/** outputFiles globs stored as kestra:// files, keyed by their path in the working directory. */
export async function storeOutputFiles(ctx: TaskContext, fs: ShellFs, patterns: unknown): Promise<Record<string, string>> {
  const globs = asList(ctx.renderValue(patterns)).map((p) => globToRegExp(p.replace(/^\.\//, '')));
  const out: Record<string, string> = {};
  if (!globs.length) return out;
  for (const path of fs.allFiles()) {
    if (!globs.some((r) => r.test(path))) continue;
    out[path] = await ctx.storeFile(path.split('/').pop()!, fs.read(path)!);
  }
  return out;
}
