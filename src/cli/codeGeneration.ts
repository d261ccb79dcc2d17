import { spawnSync } from 'node:child_process';

export const NO_CODEGEN_FLAG = '--disallow-code-generation-from-strings';

/** True when this process cannot turn a string into code (`eval`, `new Function`). */
export function codeGenerationDisabled(): boolean {
  try {
    // deliberately: this must fail under --disallow-code-generation-from-strings
    new Function('return 1');
    return false;
  } catch {
    return true;
  }
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
