import { normalizeGitUrl } from './normalizeGitUrl';

/** A repository's files at one branch: paths relative to the repository root, `/`-separated. */
export interface GitCheckout {
  url: string;
  branch: string;
  /** Where the files came from, for the log. */
  origin: 'shipped' | 'local' | 'fetched';
  /** A sentence for the log about where the files came from. */
  note: string;
  files: Map<string, Uint8Array>;
}

/**
 * How the git tasks get a repository's files: the course repository from the
 * copy the site ships (public/git/), a URL mapped to a local folder
 * (`--git-repo <url>=<dir>` on the command line), or a real download.
 */
export interface GitRepositories {
  checkout(url: string, branch: string, signal?: AbortSignal): Promise<GitCheckout>;
}

/** public/git/manifest.json: which repository URL, branch and folder each shipped folder stands for. */
export interface GitManifest {
  repositories: {
    url: string;
    branches: string[];
    /** Why this copy is shipped, and how it relates to the real repository. */
    note: string;
    mounts: { path: string; dir: string; files: string[] }[];
  }[];
}

export interface GitSourceOptions {
  /** The shipped repositories: their manifest, and a file under public/git/. */
  shipped?: { manifest(): Promise<GitManifest>; read(path: string): Promise<Uint8Array | null> };
  /** URL → a reader of a local folder (`--git-repo`). */
  local?: Map<string, () => Promise<Map<string, Uint8Array>>>;
  /** Downloads any other repository (github.com only: its tarball). */
  download?: (url: string, branch: string, signal?: AbortSignal) => Promise<Map<string, Uint8Array>>;
}

export function createGitRepositories(o: GitSourceOptions): GitRepositories {
  const local = new Map([...(o.local ?? new Map())].map(([k, v]) => [normalizeGitUrl(k), v]));
  return {
    async checkout(url, branch, signal) {
      const key = normalizeGitUrl(url);
      const dir = local.get(key);
      if (dir) return { url, branch, origin: 'local', note: `read from the local folder mapped to ${url} (--git-repo); the branch is not checked`, files: await dir() };
      if (o.shipped) {
        const manifest = await o.shipped.manifest();
        const repo = manifest.repositories.find((r) => normalizeGitUrl(r.url) === key);
        if (repo) {
          if (!repo.branches.includes(branch)) {
            throw new Error(`The playground ships ${repo.url} for the branch ${repo.branches.map((b) => `\`${b}\``).join(', ')} only, not \`${branch}\``);
          }
          const files = new Map<string, Uint8Array>();
          for (const m of repo.mounts) {
            for (const f of m.files) {
              const data = await o.shipped.read(`${m.dir}/${f}`);
              if (!data) throw new Error(`The site's copy of ${repo.url} is missing ${m.dir}/${f}`);
              files.set(`${m.path}/${f}`, data);
            }
          }
          return { url, branch, origin: 'shipped', note: repo.note, files };
        }
      }
      if (!o.download) throw new Error(`Cannot clone ${url}: this playground has no network access to Git servers`);
      return { url, branch, origin: 'fetched', note: `downloaded ${url} (branch ${branch})`, files: await o.download(url, branch, signal) };
    },
  };
}
