import { execFileSync } from 'node:child_process';

/** Builds the Chrome, Edge and Firefox extensions into .output/ unless `npm test` just did. */
export default function setup(): void {
  if (process.env.KEYHOLD_SKIP_BUILD === '1') return;
  const wxt = ['node_modules/wxt/bin/wxt.mjs'];
  for (const target of [['-b', 'chrome'], ['-b', 'edge'], ['-b', 'firefox', '--mv3']]) {
    execFileSync(process.execPath, [...wxt, 'build', ...target], { stdio: 'ignore' });
  }
}
