/** A failed SQL statement, with what Postgres said about it. */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly sqlState: string | null,
    readonly statement: string,
    readonly position: number | null,
  ) {
    super(message);
    this.name = 'SqlError';
  }
}
