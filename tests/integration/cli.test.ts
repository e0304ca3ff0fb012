import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { ROOT } from '../helpers/paths';

// The CLI as a user runs it: the `bin` script of package.json, on the bundle in dist/.
function keyhold(...args: string[]) {
  return spawnSync(process.execPath, ['bin/keyhold.js', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('keyhold CLI', () => {
  it.each(['--version', '-v', 'version'])('%s prints the package version', (flag) => {
    const result = keyhold(flag);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(packageJson.version);
  });

  it('--help lists every command', () => {
    const result = keyhold('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: keyhold <command>/);
    expect(result.stdout).toMatch(/^ {2}version +print the version/m);
    expect(result.stdout).toMatch(/^ {2}help +show this help/m);
  });

  it('an unknown command exits 2 and says what to do', () => {
    const result = keyhold('fetch-everything');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown command "fetch-everything"');
    expect(result.stderr).toContain('keyhold --help');
  });
});
