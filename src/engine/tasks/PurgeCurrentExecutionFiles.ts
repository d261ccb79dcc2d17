import { executionPrefix } from '../storage/storageUri';
import type { TaskDefinition } from './TaskDefinition';

/**
 * io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles: deletes every
 * internal-storage file of this execution; output `uris` lists them. Later
 * reads of those URIs fail with a clear message.
 */
export const PurgeCurrentExecutionFiles: TaskDefinition = {
  type: 'io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles',
  aliases: ['io.kestra.core.tasks.storages.PurgeExecution', 'io.kestra.plugin.core.storage.PurgeExecution'],
  strictProperties: true,
  properties: {},
  async run(ctx) {
    const { storage } = ctx.services;
    const uris = await storage.list(executionPrefix(ctx.execution.namespace, ctx.execution.flowId, ctx.execution.id));
    for (const uri of uris) await storage.delete(uri);
    return { uris };
  },
};
