export interface OptionSpec {
  /** Short letters that take no value, e.g. "qsL". */
  flags: string;
  /** Short letters that take a value, e.g. "On". */
  values: string;
  /** Long names: `--quiet` → "q", `--output-document` → "O" (value given with = or as the next word). */
  long?: Record<string, string>;
}

export interface ParsedOptions {
  opts: Map<string, string | true>;
  operands: string[];
}

/** getopt-style parsing: clustered short options (`-qO-`), `--long[=value]`, `--` ends options. */
export function parseOptions(command: string, args: string[], spec: OptionSpec): ParsedOptions {
  const opts = new Map<string, string | true>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const key = spec.long?.[name];
      if (!key) throw new Error(`${command}: unrecognized option '--${name}'`);
      if (spec.values.includes(key)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new Error(`${command}: option '--${name}' requires an argument`);
        opts.set(key, v);
      } else opts.set(key, true);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (spec.values.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) throw new Error(`${command}: option requires an argument -- '${c}'`);
          opts.set(c, v);
          break;
        }
        if (spec.flags.includes(c)) opts.set(c, true);
        else throw new Error(`${command}: invalid option -- '${c}'`);
      }
      continue;
    }
    operands.push(a);
  }
  return { opts, operands };
}
