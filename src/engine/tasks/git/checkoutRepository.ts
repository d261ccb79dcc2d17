import type { TaskContext } from '../../runtime/TaskContext';
import type { GitCheckout } from '../../git/GitRepositories';

/** The repository a git task names, through the host's git service (the site's copy, a local folder, a download). */
export async function checkoutRepository(ctx: TaskContext, branch: string): Promise<GitCheckout> {
  const url = ctx.render(String(ctx.task.url));
  const repos = ctx.services.gitRepositories;
  if (!repos) throw new Error(`Cannot clone ${url}: this playground has no git service here`);
  if (ctx.task.password !== undefined || ctx.task.privateKey !== undefined) {
    ctx.log('WARN', 'The credentials (password / privateKey) are not used here: the playground reads public repositories only');
  }
  const checkout = await repos.checkout(url, branch, ctx.signal);
  ctx.log('INFO', `Cloned ${url} (branch ${branch}): ${checkout.note}`);
  return checkout;
}
