import type { TaskSpec } from '../flow/Flow';
import { ShellFs } from '../shell/ShellFs';
import { readInputFiles, renderedList, storeOutputFiles } from './scripts/workingDirFiles';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/**
 * io.kestra.plugin.core.flow.WorkingDirectory: runs `tasks` in order in one
 * working directory they share (a file one script writes, the next reads),
 * with `inputFiles` written first and `outputFiles` stored at the end
 * (output `outputFiles`). Difference: the directory is the built-in shell's
 * in-memory one (shell Commands/Script share it); `cache` is not used.
 */
export const WorkingDirectory: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.WorkingDirectory',
  aliases: ['io.kestra.core.tasks.flows.WorkingDirectory'],
  flowable: true,
  strictProperties: true,
  properties: {
    tasks: { kind: 'tasks', required: true },
    inputFiles: { kind: 'any' },
    outputFiles: { kind: 'string-or-list' },
    namespaceFiles: { kind: 'map' },
    cache: { kind: 'map' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  async run(ctx) {
    const fs = new ShellFs(ctx.limits.workingDirBytes);
    for (const [path, data] of await readInputFiles(ctx)) fs.put(path, data);
    const state = await ctx.runChildren(ctx.task.tasks as TaskSpec[], { workingDirectory: fs });
    if (state === 'FAILED' || state === 'KILLED') return;
    const patterns = renderedList(ctx, ctx.task.outputFiles);
    if (!patterns.length) return;
    return { outputFiles: await storeOutputFiles(ctx, patterns, [...fs.allFiles()].map((p) => [p, fs.read(p)!] as [string, Uint8Array])) };
  },
};
