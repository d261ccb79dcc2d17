/** Kestra's Slugify: lowercase, underscores and other separators become hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The URI Kestra gives a file a task run produced:
 * kestra:///<namespace with dots as slashes>/<flow slug>/executions/<execution>/tasks/<task slug>/<taskrun>/<name>
 */
export function taskFileUri(p: { namespace: string; flowId: string; executionId: string; taskId: string; taskRunId: string; name: string }): string {
  return `kestra:///${p.namespace.split('.').join('/')}/${slugify(p.flowId)}/executions/${p.executionId}/tasks/${slugify(p.taskId)}/${p.taskRunId}/${p.name}`;
}

/** Prefix under which all of one execution's files live. */
export function executionPrefix(namespace: string, flowId: string, executionId: string): string {
  return `kestra:///${namespace.split('.').join('/')}/${slugify(flowId)}/executions/${executionId}/`;
}
