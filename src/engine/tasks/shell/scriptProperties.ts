import type { PropertySpec } from '../TaskDefinition';

/** Properties shared by the shell script tasks. */
export const SCRIPT_PROPERTIES: Record<string, PropertySpec> = {
  env: { kind: 'map' },
  outputFiles: { kind: 'string-or-list' },
  inputFiles: { kind: 'any' },
  namespaceFiles: { kind: 'any' },
  taskRunner: { kind: 'any' },
  containerImage: { kind: 'string' },
  beforeCommands: { kind: 'string-or-list' },
  interpreter: { kind: 'string-or-list' },
  failFast: { kind: 'any' },
  warningOnStdErr: { kind: 'any' },
  docker: { kind: 'any' },
  runner: { kind: 'string' },
  outputDirectory: { kind: 'any' },
  targetOS: { kind: 'string' },
};
