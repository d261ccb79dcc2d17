/** One piece of a shell word: literal text, or a `$NAME` / `${NAME}` expansion. */
export type WordPart = { kind: 'text'; text: string; quoted: boolean } | { kind: 'var'; name: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export type RedirectOp = '>' | '>>' | '<' | '2>' | '2>>' | '2>&1' | '&>' | '>&2';

export interface Redirect {
  op: RedirectOp;
  target: Word | null;
}

export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  negate: boolean;
  commands: SimpleCommand[];
}

/** `a && b || c`: the first pipeline, then each operator with the pipeline after it. */
export interface AndOrList {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** A script: and-or lists separated by `;` or newlines. */
export type Script = AndOrList[];
