import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../tests/helpers/paths';
import { round } from '../report';

// extension.zip_kb_<browser> (issue #7): the store package `wxt zip` makes for each browser, in
// kilobytes. Run before any browser loads a build: zipping rebuilds `.output/<browser>-mv3`.

const TARGETS: readonly { name: 'chrome' | 'edge' | 'firefox'; args: string[] }[] = [
  { name: 'chrome', args: ['-b', 'chrome'] },
  { name: 'edge', args: ['-b', 'edge'] },
  { name: 'firefox', args: ['-b', 'firefox', '--mv3'] },
];

/** The newest `.zip` in `.output` whose name ends with `-<browser>.zip` (Firefox's sources archive ends otherwise). */
function packageOf(browser: string): string {
  const output = join(ROOT, '.output');
  const found = readdirSync(output)
    .filter((file) => file.endsWith(`-${browser}.zip`))
    .map((file) => join(output, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!found) throw new Error(`wxt zip made no package for ${browser} in ${output}`);
  return found;
}

/** Zips the extension for each browser and resolves to each package's size in KB. */
export function measureZipSizes(log: (line: string) => void): { name: string; value: number; unit: string }[] {
  return TARGETS.map(({ name, args }) => {
    execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['zip', ...args], { cwd: ROOT, stdio: 'ignore' });
    const kb = statSync(packageOf(name)).size / 1024;
    log(`    ${name}: ${round(kb)} KB (target < 1,500)`);
    return { name: `zip_kb_${name}`, value: kb, unit: 'KB' };
  });
}
