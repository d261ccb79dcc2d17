import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFlowSource } from './runFlowFile';

test('pluginDefaults: matched by type prefix, merged under the task own properties, forced wins', async () => {
  const { execution } = await runFlowSource(`
id: defaults_demo
namespace: company.team
pluginDefaults:
  - type: io.kestra.plugin.core.log
    values:
      level: WARN
      message: from the package default
  - type: io.kestra.plugin.core.debug.Return
    forced: true
    values:
      format: forced value
  - type: io.kestra.plugin.core.flow
    values:
      level: ERROR
tasks:
  - id: uses_default
    type: io.kestra.plugin.core.log.Log
  - id: own_wins
    type: io.kestra.plugin.core.log.Log
    message: my own message
  - id: forced
    type: io.kestra.plugin.core.debug.Return
    format: ignored because the default is forced
`);
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(
    execution.logs.filter((l) => l.taskId !== 'forced').map((l) => [l.taskId, l.level, l.message]),
    [
      ['uses_default', 'WARN', 'from the package default'],
      ['own_wins', 'WARN', 'my own message'],
    ],
  );
  assert.deepEqual(execution.taskRunList.find((t) => t.taskId === 'forced')!.outputs, { value: 'forced value' });
});
