import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFlowSource } from './runFlowFile';

test('the Overview gets the variables rendered at the end of the run; vars stay raw inside the run', async () => {
  const { execution } = await runFlowSource(
    `
id: vars_demo
namespace: zoomcamp
inputs:
  - id: taxi
    type: SELECT
    values: [yellow, green]
    defaults: green
variables:
  file: "{{inputs.taxi}}_tripdata_2020-04.csv"
  answer: "{{ outputs.ret.value }}"
  broken: "{{ trigger.date }}"
tasks:
  - id: raw
    type: io.kestra.plugin.core.log.Log
    message: "{{ vars.file }}"
  - id: ret
    type: io.kestra.plugin.core.debug.Return
    format: "{{ render(vars.file) }}"
`,
  );
  assert.equal(execution.state.current, 'SUCCESS');
  // inside the run, vars.file is the raw template (Kestra does not render variables by itself)
  assert.equal(execution.logs.find((l) => l.taskId === 'raw')!.message, '{{inputs.taxi}}_tripdata_2020-04.csv');
  assert.equal(execution.renderedVariables!.file, 'green_tripdata_2020-04.csv');
  assert.equal(execution.renderedVariables!.answer, 'green_tripdata_2020-04.csv');
  assert.match(execution.renderedVariables!.broken, /^⚠ Unable to find `trigger`/);
});
