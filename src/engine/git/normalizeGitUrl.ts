/**
 * One spelling for a repository URL, so that `https://github.com/A/B`,
 * `https://github.com/a/b.git/`, `http://www.github.com/A/B` and
 * `git@github.com:A/B.git` name the same repository (hosts and GitHub
 * owner/name compare case-insensitively, as GitHub does).
 */
export function normalizeGitUrl(url: string): string {
  let u = url.trim();
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+)$/.exec(u);
  if (ssh) u = `https://${ssh[1]}/${ssh[2]}`;
  u = u.replace(/^git\+/, '').replace(/^http:\/\//i, 'https://').replace(/^https:\/\/www\./i, 'https://');
  u = u.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  const m = /^https:\/\/([^/]+)(\/.*)?$/i.exec(u);
  if (!m) return u;
  const host = m[1].toLowerCase();
  const path = m[2] ?? '';
  return `https://${host}${host === 'github.com' ? path.toLowerCase() : path}`;
}

/** owner and repository of a github.com URL, or null. */
export function githubRepo(url: string): { owner: string; repo: string } | null {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/.exec(normalizeGitUrl(url));
  return m ? { owner: m[1], repo: m[2] } : null;
}
