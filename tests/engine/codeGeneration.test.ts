import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './runFlowFile';

test('the engine tests run with code generation from strings disabled', () => {
  // deliberately: both must fail under --disallow-code-generation-from-strings
  assert.throws(() => new Function(''), EvalError);
  assert.throws(() => (0, eval)('1'), EvalError);
});

test('the command line runs with code generation from strings disabled, however it is started', () => {
  for (const cmd of [
    ['npm', ['run', '--silent', 'flow', '--', 'doctor']],
    ['npx', ['tsx', 'src/cli/flow.ts', 'doctor']],
  ] as const) {
    const r = spawnSync(cmd[0], cmd[1], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /code generation from strings: disabled/);
  }
});

test("issue 9's payload, run from the command line, prints text and writes no file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'rce-'));
  try {
    const r = spawnSync('node', ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/flow.ts'), 'run', join(ROOT, 'tests/fixtures/hostile/rce_cli.yaml'), '--json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(existsSync(join(dir, 'pwned.txt')), false, 'no file in the working directory');
    assert.equal(existsSync(join(ROOT, 'pwned.txt')), false, 'no file in the repository');
    const exec = JSON.parse(r.stdout) as { state: { current: string }; logs: { message: string }[] };
    // Kestra's VariableRenderer swaps the first one-line raw block for a placeholder, Pebble reads the
    // rest as one string literal, and the final raw pass strips the outer raw tags: the Log prints text
    assert.equal(exec.state.current, 'SUCCESS');
    assert.equal(
      exec.logs[0].message,
      "{% raw %}{% endraw %}{{ x['\\\\\", (process.getBuiltinModule(`fs`).writeFileSync(`pwned.txt`, `pwned`)), context, [])), env.opts.autoescape); //']() }}",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every source file of the engine, the worker, the command line and the components. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [path] : [];
  });
}

test('no source file can turn text into code: no eval, no new Function, no template compiler', () => {
  const offenders: string[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    const rel = relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    if (/\bnew Function\b|(^|[^.\w])eval\s*\(|\bnunjucks\b|\.renderString\(|\bcompile\(\s*\w*[Tt]emplate/m.test(text)) offenders.push(rel);
  }
  assert.deepEqual(offenders, []);
});
