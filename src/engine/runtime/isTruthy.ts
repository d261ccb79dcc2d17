/**
 * Kestra's TruthUtils: a rendered condition is false only when it is empty,
 * "false", "0" or "-0" (so "False", "no" and " " are all true).
 */
export function isTruthy(rendered: string | null | undefined): boolean {
  if (rendered === null || rendered === undefined) return false;
  return !['', 'false', '0', '-0'].includes(rendered);
}
