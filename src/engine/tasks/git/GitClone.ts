import type { TaskDefinition } from '../TaskDefinition';
import { checkoutRepository } from './checkoutRepository';
import { GIT_PROPERTIES } from './gitProperties';

/**
 * io.kestra.plugin.git.Clone: clones a repository into the task's working
 * directory. Kestra keeps that directory for the next tasks only inside a
 * WorkingDirectory task, which this playground does not run: here the clone
 * is checked and counted, and `directory` is reported; to use the files in
 * later tasks, sync them with git.SyncNamespaceFiles and read them as
 * namespace files.
 */
export const GitClone: TaskDefinition = {
  type: 'io.kestra.plugin.git.Clone',
  strictProperties: true,
  properties: { ...GIT_PROPERTIES, directory: { kind: 'string' }, depth: { kind: 'number' } },
  async run(ctx) {
    const branch = ctx.task.branch !== undefined ? ctx.render(String(ctx.task.branch)) : 'main';
    const url = ctx.render(String(ctx.task.url));
    ctx.log('INFO', `Start cloning from '${url}'`);
    const checkout = await checkoutRepository(ctx, branch);
    const dir = ctx.task.directory !== undefined ? ctx.render(String(ctx.task.directory)).replace(/^\.?\/+/, '') : '';
    ctx.log(
      'INFO',
      `${checkout.files.size} file(s) cloned into ${dir || 'the working directory'}; this playground keeps a task's working directory only while the task runs (Kestra shares it inside a WorkingDirectory task, which is not run here): sync the files as namespace files (git.SyncNamespaceFiles) to use them in other tasks`,
    );
    return { directory: `/tmp/kestra-wd/${dir}`.replace(/\/$/, '') };
  },
};
