export interface CliArgs {
  command?: string;
  file?: string;
  inputs: Record<string, string>;
  secrets: Record<string, string>;
  json: boolean;
  help: boolean;
  db?: string;
  dataset?: 'sample' | 'full';
}

/** Parses `run|validate <file> [--input k=v]... [--json] [--db dir] [--dataset sample|full]`. */
export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { inputs: {}, secrets: {}, json: false, help: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (a === '--input' || a === '-i') {
      const kv = argv[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq > 0) out.inputs[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a.startsWith('--input=')) {
      const kv = a.slice(8);
      const eq = kv.indexOf('=');
      if (eq > 0) out.inputs[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--secret') {
      const kv = argv[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq > 0) out.secrets[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--db') out.db = argv[++i];
    else if (a === '--dataset') out.dataset = argv[++i] === 'full' ? 'full' : 'sample';
    else positional.push(a);
  }
  [out.command, out.file] = positional;
  return out;
}
