import { execFileSync } from 'node:child_process';

/** Rebuilds dist/ (server and CLI bundles, under a second) so tests never run a stale bundle. */
export default function setup(): void {
  if (process.env.KEYHOLD_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
