import type { QueryResult, SqlError } from '../EngineApi';

/** A result as the panel keeps it: a window of rows starting at `offset`. */
export interface HeldResult {
  sql: string;
  result: QueryResult;
  offset: number;
  readOnly: boolean;
}

export interface PanelState {
  sql: string;
  held: HeldResult | null;
  error: { error: SqlError; sql: string } | null;
  page: number;
}

/**
 * What the database panel was showing, per database, kept for this page's
 * lifetime so switching tabs (which unmounts the panel) loses nothing.
 */
export const panelMemory = new Map<string, PanelState>();
