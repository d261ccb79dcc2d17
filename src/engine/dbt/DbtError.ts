/**
 * An error dbt reports, in dbt's words: "Compilation Error in model x
 * (models/x.sql)", "Database Error in model x", "Parsing Error", "Runtime Error".
 */
export type DbtErrorKind = 'Compilation' | 'Database' | 'Parsing' | 'Runtime' | 'Dependency';

export class DbtError extends Error {
  constructor(
    readonly kind: DbtErrorKind,
    readonly detail: string,
    /** `model x (models/x.sql)` when the error belongs to a node. */
    readonly where?: string,
  ) {
    super(`${kind} Error${where ? ` in ${where}` : ''}\n  ${detail.split('\n').join('\n  ')}`);
    this.name = 'DbtError';
  }
}
