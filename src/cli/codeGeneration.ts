import { spawnSync } from 'node:child_process';

export const NO_CODEGEN_FLAG = '--disallow-code-generation-from-strings';

/**
 * True when this process runs with code generation from strings disallowed:
 * the flag is on its command line or in NODE_OPTIONS (worker threads inherit
 * both). Read from the flag rather than probed by compiling a string, so no
 * source file of the project generates code, not even to test for it.
 */
export function codeGenerationDisabled(): boolean {
  const options = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return options.split(/\s+/).includes(NO_CODEGEN_FLAG);
}

/**
 * The command line never runs with code generation from strings allowed:
 * started without the flag (e.g. `npx tsx src/cli/flow.ts`), it starts itself
 * again with it and returns that run's exit code.
 */
export function rerunWithoutCodeGeneration(): number | null {
  if (codeGenerationDisabled()) return null;
  const result = spawnSync(process.execPath, [NO_CODEGEN_FLAG, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  return result.status ?? 1;
}
