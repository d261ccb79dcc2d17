export type FlowPath = (string | number)[];

/** A problem in a flow, located in its YAML source (1-based line and column). */
export interface FlowError {
  /**
   * A stable kind, so the UI can translate it with `formatFlowError`: yaml,
   * required, type, enum, unknown-task, unknown-property, duplicate-id,
   * id-pattern, ... (every code is listed in errorMessages.ts).
   */
  code: string;
  /** The values the message template is filled with (ids, types, values...). */
  params: Record<string, string>;
  /** The English message (what the command line prints). */
  message: string;
  line: number;
  column: number;
  /** Where in the flow, written like `tasks[2].then[0].sql`. */
  path: string;
  /**
   * `warning`: Kestra accepts the flow as it is, but something will fail or
   * differ at run time (an expression that cannot render, a property this
   * engine does not run, what a newer Kestra rejects). Warnings never stop
   * a run; everything else is an error.
   */
  severity?: 'warning';
}

export function formatPath(path: FlowPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
