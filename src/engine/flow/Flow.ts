/** A task as written in the flow (properties are task-specific). */
export interface TaskSpec {
  id: string;
  type: string;
  description?: string;
  disabled?: boolean;
  runIf?: string;
  allowFailure?: boolean;
  allowWarning?: boolean;
  timeout?: string;
  retry?: Record<string, unknown>;
  [property: string]: unknown;
}

export interface InputSpec {
  id: string;
  type: string;
  defaults?: unknown;
  required?: boolean;
  displayName?: string;
  description?: string;
  [property: string]: unknown;
}

export interface PluginDefault {
  type: string;
  values: Record<string, unknown>;
  forced?: boolean;
}

/** A Kestra flow as plain data (the parsed YAML). */
export interface Flow {
  id: string;
  namespace: string;
  description?: string;
  labels?: Record<string, string> | { key: string; value: string }[];
  inputs?: InputSpec[];
  variables?: Record<string, unknown>;
  tasks: TaskSpec[];
  errors?: TaskSpec[];
  finally?: TaskSpec[];
  pluginDefaults?: PluginDefault[];
  concurrency?: { limit: number; behavior?: 'QUEUE' | 'CANCEL' | 'FAIL' };
  triggers?: Record<string, unknown>[];
  [property: string]: unknown;
}
