import { readFile } from 'node:fs/promises';
import { CliUsageError, parseArgs, type CliArgs } from './parseArgs';
import { validateFlowCommand } from './commands';
import { runFlowInThread } from './runFlowInThread';
import { backfillCommand } from './backfillCommand';
import { triggerTickCommand } from './triggerTickCommand';
import { codeGenerationDisabled, rerunWithoutCodeGeneration } from './codeGeneration';

const USAGE = `Usage:
  npm run --silent flow -- run <flow.yaml> [--input id=value]... [--json] [--dataset sample|full] [--db <dir>] [--secret KEY=value]...
  npm run --silent flow -- run <flow.yaml> --trigger <id> --date <ISO> [--input id=value]... [--json] ...
  npm run --silent flow -- backfill <flow.yaml> --trigger <id> --start <ISO> [--end <ISO>] [--input id=value]... [--label key=value]... [--json] [--dataset sample|full] [--db <dir>]
  npm run --silent flow -- validate <flow.yaml>
  npm run --silent flow -- doctor
  npm run --silent flow -- help

  --input id=value   an input value (a path for a FILE input); repeat for each input
  --json             print only the final execution as one JSON document
  --dataset          which copy of the course's NYC taxi files to load (default: sample)
  --db <dir>         keep the Postgres databases in this directory (default: in memory)
  --secret KEY=value a value for secret('KEY'); repeat for each secret
  --offline          downloads of sample APIs (https://dummyjson.com/products) use the copy in public/data/samples
  --flows <dir>      the flows a Subflow may start (every *.yaml in the directory)
  --trigger <id>     a Schedule trigger of the flow: run the execution it creates at --date, or backfill it
  --date <ISO>       the tick to run (2020-03-01T09:00:00Z; a local time is read in the trigger's zone)
  --start, --end     the backfill's range, both ends included (default end: now); one execution per tick,
                     one at a time; --input overrides the trigger's inputs, --label adds labels
  --kestra-version   0.20 or 1.1 (default): behave like Kestra 0.20 (2025 cohort) or 1.1 (2026 cohort)
                     where they differ (stderr in script tasks, dbt warnings, the backfill form's inputs)`;

function doctor(): number {
  const disabled = codeGenerationDisabled();
  process.stdout.write(`node ${process.version}\ncode generation from strings: ${disabled ? 'disabled' : 'ALLOWED'}\n`);
  return disabled ? 0 : 1;
}

async function withFile(args: CliArgs, work: (file: string, source: string) => Promise<number> | number): Promise<number> {
  if (!args.file) {
    process.stderr.write(`${args.command} needs a flow file\n${USAGE}\n`);
    return 2;
  }
  let source: string;
  try {
    source = await readFile(args.file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  return work(args.file, source);
}

async function main(argv: string[]): Promise<number> {
  const again = rerunWithoutCodeGeneration();
  if (again !== null) return again;
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  switch (args.command) {
    case 'run':
      // a plain run goes to the engine thread, so Ctrl-C is heard even while a template loops
      return withFile(args, (file, source) => (args.options.trigger !== undefined ? triggerTickCommand(file, source, args) : runFlowInThread(argv)));
    case 'backfill':
      return withFile(args, (file, source) => backfillCommand(file, source, args));
    case 'validate':
      return withFile(args, (file, source) => validateFlowCommand(file, source));
    case 'doctor':
      return doctor();
    case 'help':
    case undefined:
      process.stdout.write(USAGE + '\n');
      return args.command === 'help' || args.help ? 0 : 2;
    default:
      process.stderr.write(`unknown command \`${args.command}\`\n${USAGE}\n`);
      return 2;
  }
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
