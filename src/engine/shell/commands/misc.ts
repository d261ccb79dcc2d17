import type { CommandContext } from '../CommandContext';

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export async function sleep(c: CommandContext): Promise<number> {
  let total = 0;
  for (const a of c.args) {
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      await c.error(`sleep: invalid time interval '${a}'`);
      return 1;
    }
    total += Number(m[1]) * UNITS[m[2]];
  }
  try {
    await c.sleep(total * 1000, c.signal);
  } catch {
    return 130;
  }
  return c.signal.aborted ? 130 : 0;
}

export const trueCommand = async () => 0;
export const falseCommand = async () => 1;

export async function pwd(c: CommandContext): Promise<number> {
  await c.print((c.env.PWD ?? '/tmp/kestra-wd') + '\n');
  return 0;
}
