/**
 * Splits one command line of a DbtCLI task into the commands `&&` and `;`
 * join (outside quotes), so `dbt deps && dbt build` runs both; a line with
 * a pipe or a redirection around `dbt` is refused, since dbt's output goes to
 * the task's log here.
 */
export function splitCommandLine(line: string): { op: '&&' | ';' | null; command: string }[] {
  const out: { op: '&&' | ';' | null; command: string }[] = [];
  let cur = '';
  let quote: string | null = null;
  let op: '&&' | ';' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += c + line[++i];
    } else if (c === '&' && line[i + 1] === '&') {
      out.push({ op, command: cur.trim() });
      op = '&&';
      cur = '';
      i++;
    } else if (c === ';' || c === '\n') {
      out.push({ op, command: cur.trim() });
      op = ';';
      cur = '';
    } else cur += c;
  }
  out.push({ op, command: cur.trim() });
  return out.filter((c) => c.command);
}

/** True when a command is dbt itself (`dbt build`, `dbt --version`). */
export const isDbtCommand = (command: string) => /^dbt(\s|$)/.test(command.trim());

/** Why a dbt command cannot run as written (a pipe, a redirection, background), or null. */
export function unsupportedDbtShape(command: string): string | null {
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '|' || c === '>' || c === '<' || c === '&' || c === '`' || (c === '$' && command[i + 1] === '(')) {
      return `\`${command}\`: dbt's output goes to the task's log here; a dbt command cannot be piped, redirected or run in the background`;
    }
  }
  return null;
}
