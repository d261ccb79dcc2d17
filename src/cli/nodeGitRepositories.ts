import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { createGitRepositories, type GitManifest, type GitRepositories } from '../engine/git/GitRepositories';
import { githubTarballDownloader } from '../engine/git/downloadGithubTarball';

/** Every file of a local folder (not .git), paths relative to it. */
function readFolder(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join('/'), new Uint8Array(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

/**
 * The git tasks' repositories on the command line: the course repository
 * from public/git/, `--git-repo <url>=<dir>` mappings from local folders,
 * and any other github.com repository downloaded as a tarball.
 */
export function nodeGitRepositories(o: { gitDir: string; mappings: string[]; fetch: (url: string, signal?: AbortSignal) => Promise<Response> }): GitRepositories {
  const local = new Map<string, () => Promise<Map<string, Uint8Array>>>();
  for (const m of o.mappings) {
    const eq = m.lastIndexOf('=');
    if (eq <= 0) throw new Error(`--git-repo expects <url>=<folder>, got \`${m}\``);
    const url = m.slice(0, eq);
    const dir = resolve(m.slice(eq + 1));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`--git-repo ${url}: ${dir} is not a folder`);
    local.set(url, async () => readFolder(dir));
  }
  let manifest: GitManifest | null = null;
  return createGitRepositories({
    shipped: {
      manifest: async () => (manifest ??= JSON.parse(await readFile(join(o.gitDir, 'manifest.json'), 'utf8')) as GitManifest),
      read: async (path) => {
        try {
          return new Uint8Array(await readFile(join(o.gitDir, path)));
        } catch {
          return null;
        }
      },
    },
    local,
    download: githubTarballDownloader(o.fetch, 'On the command line, `--git-repo <url>=<folder>` reads a repository from a local folder instead.'),
  });
}
