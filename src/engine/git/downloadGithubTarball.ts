import { parseTarGzip } from 'nanotar';
import { githubRepo } from './normalizeGitUrl';

const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Downloads a GitHub repository's branch as the tarball GitHub serves
 * (codeload), without git: the files, paths relative to the repository root.
 * Other hosts are refused with a clear message (there is no git client here).
 */
export function githubTarballDownloader(fetcher: (url: string, signal?: AbortSignal) => Promise<Response>, hint: string) {
  return async (url: string, branch: string, signal?: AbortSignal): Promise<Map<string, Uint8Array>> => {
    const gh = githubRepo(url);
    if (!gh) throw new Error(`Cannot clone ${url}: only github.com repositories can be downloaded here (as a tarball; there is no git client). ${hint}`);
    const tarball = `https://codeload.github.com/${gh.owner}/${gh.repo}/tar.gz/refs/heads/${encodeURIComponent(branch)}`;
    let res: Response;
    try {
      res = await fetcher(tarball, signal);
    } catch (e) {
      throw new Error(`Could not download ${url} (branch ${branch}): ${(e as Error).message || String(e)}. ${hint}`);
    }
    if (!res.ok) throw new Error(`Could not download ${url} (branch ${branch}): HTTP ${res.status}${res.status === 404 ? ' (no such repository or branch, or a private repository)' : ''}. ${hint}`);
    const data = new Uint8Array(await res.arrayBuffer());
    if (data.byteLength > MAX_BYTES) throw new Error(`${url} is larger than ${MAX_BYTES / 1024 / 1024} MB compressed: too large to clone here`);
    const files = new Map<string, Uint8Array>();
    for (const item of await parseTarGzip(data)) {
      if (item.type && item.type !== 'file') continue;
      // the tarball's paths start with "<repo>-<branch>/"
      const rel = item.name.split('/').slice(1).join('/');
      if (rel && item.data) files.set(rel, item.data);
    }
    return files;
  };
}
