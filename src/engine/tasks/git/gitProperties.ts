import type { PropertySpec } from '../TaskDefinition';

/** Properties every git task takes (AbstractGitTask, AbstractCloningTask in plugin-git). */
export const GIT_PROPERTIES: Record<string, PropertySpec> = {
  url: { kind: 'string', required: true },
  username: { kind: 'string' },
  password: { kind: 'string' },
  privateKey: { kind: 'string' },
  passphrase: { kind: 'string' },
  branch: { kind: 'string' },
  cloneSubmodules: { kind: 'boolean' },
  gitConfig: { kind: 'map' },
  trustedCaPemPath: { kind: 'string' },
  connectTimeout: { kind: 'any' },
};
