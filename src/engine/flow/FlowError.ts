export type FlowPath = (string | number)[];

/** A problem in a flow, located in its YAML source (1-based line and column). */
export interface FlowError {
  /** A stable kind, so the UI can translate: yaml, required, type, unknown-task, duplicate-id, id-pattern, ... */
  code: string;
  message: string;
  line: number;
  column: number;
  /** Where in the flow, written like `tasks[2].then[0].sql`. */
  path: string;
}

export function formatPath(path: FlowPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
