import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { StorageFileNotFound } from '../../src/engine/storage/InternalStorage';
import { executionPrefix, taskFileUri } from '../../src/engine/storage/storageUri';
import { runFixture, taskRun } from './executionHarness';

test('task files get kestra:///<namespace>/<flow>/executions/<id>/tasks/<task>/<taskrun>/<name> URIs', () => {
  assert.equal(
    taskFileUri({ namespace: 'zoomcamp', flowId: '02_postgres_taxi', executionId: 'E1', taskId: 'extract', taskRunId: 'T1', name: 'yellow.csv' }),
    'kestra:///zoomcamp/02-postgres-taxi/executions/E1/tasks/extract/T1/yellow.csv',
  );
  assert.equal(executionPrefix('company.team', 'my_flow', 'E1'), 'kestra:///company/team/my-flow/executions/E1/');
});

test('PurgeCurrentExecutionFiles deletes this execution\'s files only; later reads fail clearly', async () => {
  const storage = new MemoryStorage();
  const mine = taskFileUri({ namespace: 'zoomcamp.tests', flowId: 'purge_files', executionId: 'E1', taskId: 'extract', taskRunId: 'T1', name: 'data.csv' });
  const other = taskFileUri({ namespace: 'zoomcamp.tests', flowId: 'purge_files', executionId: 'E2', taskId: 'extract', taskRunId: 'T9', name: 'data.csv' });
  await storage.put(mine, new TextEncoder().encode('a,b\n1,2\n'));
  await storage.put(other, new TextEncoder().encode('x'));
  const { execution } = await runFixture('purge_files', { executionId: 'E1', services: { storage } });
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(taskRun(execution, 'purge').outputs, { uris: [mine] });
  await assert.rejects(storage.get(mine), (e: unknown) => e instanceof StorageFileNotFound && /purged/.test((e as Error).message) && (e as Error).message.includes(mine));
  assert.equal((await storage.get(other)).byteLength, 1);
});
