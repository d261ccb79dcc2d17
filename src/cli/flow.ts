import { readFile } from 'node:fs/promises';
import { parseArgs } from './parseArgs';
import { runFlowCommand, validateFlowCommand } from './commands';

const USAGE = `Usage:
  npm run --silent flow -- run <flow.yaml> [--input id=value]... [--json] [--dataset sample|full] [--db <dir>] [--secret KEY=value]...
  npm run --silent flow -- validate <flow.yaml>

  --input id=value   an input value (a path for a FILE input); repeat for each input
  --json             print only the final execution as one JSON document
  --dataset          which copy of the course's NYC taxi files to load (default: sample)
  --db <dir>         keep the Postgres databases in this directory (default: in memory)
  --secret KEY=value a value for secret('KEY'); repeat for each secret`;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.command || !args.file || args.help) {
    process.stderr.write(USAGE + '\n');
    return args.help ? 0 : 2;
  }
  let source: string;
  try {
    source = await readFile(args.file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.command === 'validate') return validateFlowCommand(args.file, source);
  if (args.command === 'run') return runFlowCommand(args.file, source, args);
  process.stderr.write(`unknown command \`${args.command}\`\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
