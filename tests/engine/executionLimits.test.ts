import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { DEFAULT_EXECUTION_LIMITS } from '../../src/engine/runtime/ExecutionLimits';
import { messages, states, taskRun } from './executionHarness';
import { runKestra } from './kestraHarness';

const KiB = 1024;

test('a shell loop doubling a file stops at the working directory limit with a clear error', async () => {
  const { execution } = await runKestra('limits_doubling', {}, { services: { limits: { workingDirBytes: 256 * KiB } } });
  assert.equal(execution.state.current, 'FAILED');
  assert.match(messages(execution, 'grow').join('\n'), /No space left on device: the task's working directory would hold [\d.]+ MiB, over its limit of 0\.3 MiB/);
  // the engine's own default is sized for a browser tab
  assert.ok(DEFAULT_EXECUTION_LIMITS.workingDirBytes < 512 * 1024 * KiB);
});

test('an execution writing more than its internal storage limit fails the task that wrote', async () => {
  const source = `id: big_files
namespace: test.limits
tasks:
  - id: write
    type: io.kestra.plugin.scripts.shell.Commands
    taskRunner:
      type: io.kestra.plugin.core.runner.Process
    outputFiles: ["*.txt"]
    commands:
      - echo 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde > a.txt
${Array.from({ length: 12 }, () => '      - cat a.txt a.txt > b.tmp && mv b.tmp a.txt').join('\n')}
`;
  const { runFlowSource } = await import('./runFlowFile');
  const { execution } = await runFlowSource(source, {}, { services: { limits: { storageBytes: 100 * KiB } } });
  assert.equal(execution.state.current, 'FAILED');
  assert.match(messages(execution, 'write').join('\n'), /internal storage, over its limit of 102400 bytes/);
});

test('log caps: a long line is cut and kept as a file; stdout past the line cap is kept as a file; oversized outputs fail', async () => {
  const storage = new MemoryStorage();
  const { execution } = await runKestra('limits_logs', {}, { services: { storage, limits: { logLineChars: 1000, taskLogLines: 100, outputBytes: 20 * KiB } } });
  const [line] = messages(execution, 'long_line');
  assert.equal(line.indexOf('…'), 1000);
  const uri = /full line in the file (\S+)$/.exec(line)![1];
  assert.equal(new TextDecoder().decode(await storage.get(uri)).length, 20_000);

  const many = messages(execution, 'many_lines');
  assert.equal(many.filter((m) => /^line \d+$/.test(m)).length, 100);
  const note = many.find((m) => m.startsWith('… truncated'))!;
  assert.match(note, /600 lines on stdout, the first 100 are logged, full output in the file kestra:\/\/\//);
  const file = (taskRun(execution, 'many_lines').outputs as { logFiles: { stdout: string } }).logFiles.stdout;
  assert.ok(note.endsWith(file));
  const full = new TextDecoder().decode(await storage.get(file)).trim().split('\n');
  assert.equal(full.length, 600);
  assert.equal(full.at(-1), 'line 600');

  assert.equal(states(execution).big_output, 'FAILED');
  assert.match(messages(execution, 'big_output').at(-1)!, /outputs of this task take .* over the limit of 20480 bytes/);
});
