import { DEFAULT_KESTRA_VERSION } from '../../KestraVersion';
import { ionValue } from '../../postgres/ionText';
import { namespaceFilePath } from '../../storage/NamespaceFiles';
import type { TaskDefinition } from '../TaskDefinition';
import { checkoutRepository } from './checkoutRepository';
import { GIT_PROPERTIES } from './gitProperties';

/** One row of the diff file (plugin-git's SyncResult: gitPath, syncState, kestraPath). */
interface SyncRow {
  gitPath: string | null;
  syncState: 'ADDED' | 'OVERWRITTEN' | 'DELETED';
  kestraPath: string;
}

/**
 * io.kestra.plugin.git.SyncNamespaceFiles: the files under `gitDirectory`
 * of the repository's branch become namespace files (paths relative to that
 * folder), as plugin-git does: files of the namespace that Git does not have
 * stay unless `delete: true`; `dryRun` only reports. The output `files` is
 * the diff, one Ion row per file and folder.
 */
export const SyncNamespaceFiles: TaskDefinition = {
  type: 'io.kestra.plugin.git.SyncNamespaceFiles',
  strictProperties: true,
  properties: {
    ...GIT_PROPERTIES,
    namespace: { kind: 'string' },
    gitDirectory: { kind: 'string' },
    delete: { kind: 'boolean' },
    dryRun: { kind: 'boolean' },
  },
  async run(ctx) {
    const version = ctx.services.kestraVersion ?? DEFAULT_KESTRA_VERSION;
    // plugin-git 0.20 defaults the branch to `kestra`, 1.x to `main`
    const branch = ctx.task.branch !== undefined ? ctx.render(String(ctx.task.branch)) : version === '0.20' ? 'kestra' : 'main';
    const namespace = ctx.task.namespace !== undefined ? ctx.render(String(ctx.task.namespace)) : ctx.execution.namespace;
    const gitDirectory = (ctx.task.gitDirectory !== undefined ? ctx.render(String(ctx.task.gitDirectory)) : '_files').replace(/^\.?\/+/, '').replace(/\/+$/, '');
    const flag = (v: unknown) => v !== undefined && String(ctx.renderValue(v)) === 'true';
    const dryRun = flag(ctx.task.dryRun);
    const del = flag(ctx.task.delete);
    const store = ctx.services.namespaceFiles;
    if (!store) throw new Error('This playground has no namespace files store here');

    const checkout = await checkoutRepository(ctx, branch);
    const prefix = gitDirectory ? `${gitDirectory}/` : '';
    const files = [...checkout.files].filter(([p]) => p.startsWith(prefix) && !p.split('/').includes('.git'));
    if (!files.length) {
      const top = [...new Set([...checkout.files.keys()].map((p) => p.split('/').slice(0, 2).join('/')))].slice(0, 8);
      throw new Error(`The directory \`${gitDirectory}\` does not exist in ${checkout.url} (branch ${branch})${top.length ? `; it has ${top.join(', ')}` : ''}`);
    }
    const before = new Set(await store.list(namespace));
    const rows: SyncRow[] = [];
    const dirs = new Map<string, boolean>();
    for (const [gitPath, data] of files) {
      const rel = namespaceFilePath(gitPath.slice(prefix.length));
      const parts = rel.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!dirs.has(dir)) dirs.set(dir, [...before].some((p) => p.startsWith(dir + '/')));
      }
      rows.push({ gitPath, syncState: before.has(rel) ? 'OVERWRITTEN' : 'ADDED', kestraPath: `/${rel}` });
      if (!dryRun) await store.write(namespace, rel, data);
    }
    for (const [dir, existed] of dirs) rows.push({ gitPath: `${prefix}${dir}/`, syncState: existed ? 'OVERWRITTEN' : 'ADDED', kestraPath: `/${dir}/` });
    const synced = new Set(rows.map((r) => r.kestraPath.slice(1)));
    const deleted: SyncRow[] = [];
    if (del) {
      for (const p of before) {
        if (synced.has(p)) continue;
        if (!dryRun) await store.delete(namespace, p);
        deleted.push({ gitPath: null, syncState: 'DELETED', kestraPath: `/${p}` });
      }
    }
    // plugin-git sorts the rows by gitPath, deleted ones (no gitPath) first
    rows.sort((a, b) => (a.gitPath! < b.gitPath! ? -1 : a.gitPath! > b.gitPath! ? 1 : 0));
    const all = [...deleted, ...rows];
    for (const r of all) ctx.log('DEBUG', ionValue(r));
    const added = rows.filter((r) => r.syncState === 'ADDED' && !r.kestraPath.endsWith('/')).length;
    const overwritten = rows.filter((r) => r.syncState === 'OVERWRITTEN' && !r.kestraPath.endsWith('/')).length;
    ctx.log(
      'INFO',
      `${dryRun ? 'Dry run: would sync' : 'Synced'} ${files.length} file(s) of ${gitDirectory || 'the repository'} into the namespace files of ${namespace}: ${added} added, ${overwritten} overwritten${del ? `, ${deleted.length} deleted` : ''}`,
    );
    const diff = all.map((r) => ionValue(r)).join('\n') + (all.length ? '\n' : '');
    return { files: await ctx.storeFile('sync-diff.ion', new TextEncoder().encode(diff)) };
  },
};
