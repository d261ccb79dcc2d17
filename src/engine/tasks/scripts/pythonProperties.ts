import type { PropertySpec } from '../TaskDefinition';
import { SCRIPT_PROPERTIES } from '../shell/scriptProperties';

/** Properties of the io.kestra.plugin.scripts.python tasks (K plugin-script-python AbstractPythonExecScript). */
export const PYTHON_PROPERTIES: Record<string, PropertySpec> = {
  ...SCRIPT_PROPERTIES,
  /** Packages to install before the run (Kestra installs them with uv); here, Pyodide packages. */
  dependencies: { kind: 'string-or-list' },
  pythonVersion: { kind: 'string' },
  dependencyCacheEnabled: { kind: 'any' },
  packageManager: { kind: 'string' },
  uvAutoInstallEnabled: { kind: 'any' },
};
