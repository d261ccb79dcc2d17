import type { CommandContext } from '../CommandContext';
import { concatBytes, fromReadableStream } from '../streams';
import { parseOptions } from './parseOptions';

const basename = (url: string) => {
  const path = url.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'index.html';
};

/** The playground's own explanation of a failed download (set by the host's fetch), printed even when quiet. */
const note = (res: Response) => res.headers.get('x-playground-note');

async function request(c: CommandContext, url: string): Promise<Response | string> {
  try {
    return await c.fetch(url, c.signal);
  } catch (e) {
    return (e as Error).message || String(e);
  }
}

async function writeBody(c: CommandContext, res: Response, target: string | null): Promise<number> {
  let bytes = 0;
  const chunks: Uint8Array[] = [];
  if (res.body) {
    for await (const chunk of fromReadableStream(res.body)) {
      bytes += chunk.byteLength;
      if (target === null) await c.stdout.write(chunk);
      else chunks.push(chunk);
    }
  }
  if (target !== null) {
    c.fs.write(target, concatBytes(chunks));
  }
  return bytes;
}

/** wget: -q, -O FILE / -O- (stdout), -qO-, -nv, -c, --no-check-certificate. */
export async function wget(c: CommandContext): Promise<number> {
  const { opts, operands } = parseOptions('wget', c.args, {
    flags: 'qcvnN',
    values: 'OPUt',
    long: { quiet: 'q', 'output-document': 'O', 'no-verbose': 'n', continue: 'c', 'no-check-certificate': 'N', 'directory-prefix': 'P', 'user-agent': 'U', tries: 't' },
  });
  const quiet = opts.has('q');
  if (!operands.length) {
    await c.error('wget: missing URL\nUsage: wget [OPTION]... [URL]...');
    return 1;
  }
  let status = 0;
  for (const url of operands) {
    const out = opts.get('O');
    const target = out === '-' ? null : typeof out === 'string' ? out : `${typeof opts.get('P') === 'string' ? opts.get('P') + '/' : ''}${basename(url)}`;
    if (!quiet) await c.error(`--${new Date().toISOString().slice(0, 19).replace('T', ' ')}--  ${url}`);
    const res = await request(c, url);
    if (typeof res === 'string') {
      await c.error(`wget: unable to download ${url}: ${res}`);
      status = 4;
      continue;
    }
    if (!res.ok) {
      if (note(res)) await c.error(`wget: ${note(res)}`);
      if (!quiet) await c.error(`HTTP request sent, awaiting response... ${res.status} ${res.statusText}\n${new Date().toISOString().slice(0, 19).replace('T', ' ')} ERROR ${res.status}: ${res.statusText}.`);
      status = 8;
      continue;
    }
    if (!quiet) await c.error(`HTTP request sent, awaiting response... ${res.status} OK\nSaving to: '${target ?? 'STDOUT'}'`);
    const n = await writeBody(c, res, target);
    if (!quiet) await c.error(`'${target ?? '-'}' saved [${n}]`);
  }
  return status;
}

/** curl: -s, -S, -L, -f, -o FILE, -O (remote name). Without -L a redirect is not followed. */
export async function curl(c: CommandContext): Promise<number> {
  const { opts, operands } = parseOptions('curl', c.args, {
    flags: 'sSLfOkv#',
    values: 'oHAXdu',
    long: { silent: 's', 'show-error': 'S', location: 'L', fail: 'f', output: 'o', 'remote-name': 'O', insecure: 'k', header: 'H', 'user-agent': 'A', request: 'X', verbose: 'v' },
  });
  if (!operands.length) {
    await c.error("curl: no URL specified!\ncurl: try 'curl --help' for more information");
    return 2;
  }
  const silent = opts.has('s') && !opts.has('S');
  let status = 0;
  for (const url of operands) {
    const o = opts.get('o');
    const target = typeof o === 'string' && o !== '-' ? o : opts.has('O') ? basename(url) : null;
    const res = await request(c, url);
    if (typeof res === 'string') {
      if (!silent) await c.error(`curl: (6) Could not download ${url}: ${res}`);
      status = 6;
      continue;
    }
    if (note(res) && !res.ok) await c.error(`curl: ${note(res)}`);
    if (!opts.has('L') && res.headers.get('x-playground-redirect') === '1') {
      // the course's GitHub release URLs answer with a redirect; curl only follows it with -L
      if (target !== null) c.fs.write(target, new Uint8Array());
      continue;
    }
    if (!res.ok && opts.has('f')) {
      if (!silent) await c.error(`curl: (22) The requested URL returned error: ${res.status}`);
      status = 22;
      continue;
    }
    await writeBody(c, res, target);
  }
  return status;
}
