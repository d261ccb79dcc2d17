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
 * in-memory one (shell Commands/Script share it); `cache` and
 * `namespaceFiles` are not run (validation warns).
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
    namespaceFiles: { kind: 'map', notRun: { en: "give namespaceFiles to the script tasks inside instead", 'zh-TW': '請改在裡面的腳本任務設定 namespaceFiles' } },
    cache: { kind: 'map', notRun: { en: 'the working directory starts empty on every run', 'zh-TW': '每次執行工作目錄都從空的開始' } },
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
