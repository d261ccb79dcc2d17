import type { TaskDefinition } from './TaskDefinition';

const uriOf = (ctx: Parameters<TaskDefinition['run']>[0], v: unknown) => ctx.render(String(v)).trim();

/** io.kestra.plugin.core.storage.Size: output `size`, the bytes of the file at `uri`. */
export const StorageSize: TaskDefinition = {
  type: 'io.kestra.plugin.core.storage.Size',
  aliases: ['io.kestra.core.tasks.storages.Size'],
  strictProperties: true,
  properties: { uri: { kind: 'string', required: true } },
  async run(ctx) {
    return { size: (await ctx.readFile(uriOf(ctx, ctx.task.uri))).byteLength };
  },
};

/** io.kestra.plugin.core.storage.Delete: deletes the file at `uri` (output `uri`, `deleted`); a missing file fails with `errorOnMissing`. */
export const StorageDelete: TaskDefinition = {
  type: 'io.kestra.plugin.core.storage.Delete',
  aliases: ['io.kestra.core.tasks.storages.Delete'],
  strictProperties: true,
  properties: { uri: { kind: 'string', required: true }, errorOnMissing: { kind: 'boolean' } },
  async run(ctx) {
    const uri = uriOf(ctx, ctx.task.uri).replace(/^kestra:\/\/(?!\/)/, 'kestra:///');
    const deleted = await ctx.services.storage.delete(uri);
    if (!deleted && String(ctx.renderValue(ctx.task.errorOnMissing ?? false)) === 'true') throw new Error(`Unable to find file '${uri}'`);
    return { uri, deleted };
  },
};

/** io.kestra.plugin.core.storage.Concat: one file of `files` (a list of URIs, or a JSON list) joined, `separator` between them; output `uri`. */
export const StorageConcat: TaskDefinition = {
  type: 'io.kestra.plugin.core.storage.Concat',
  aliases: ['io.kestra.core.tasks.storages.Concat'],
  strictProperties: true,
  properties: { files: { kind: 'any', required: true }, separator: { kind: 'string' }, extension: { kind: 'string' } },
  async run(ctx) {
    let files = ctx.renderValue(ctx.task.files) as unknown;
    if (typeof files === 'string') files = JSON.parse(files);
    if (!Array.isArray(files)) throw new Error('Concat: `files` must be a list of kestra:// URIs');
    const separator = ctx.task.separator === undefined ? new Uint8Array() : new TextEncoder().encode(ctx.render(String(ctx.task.separator)));
    const parts: Uint8Array[] = [];
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && separator.byteLength) parts.push(separator);
      parts.push(await ctx.readFile(String(files[i]).trim()));
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    const ext = ctx.task.extension ? ctx.render(String(ctx.task.extension)) : '.tmp';
    return { uri: await ctx.storeFile(`concat${ext}`, out) };
  },
};
