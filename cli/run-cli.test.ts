import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('runCli', () => {
  it('prints the usage with no arguments', async () => {
    const { output, out } = capture();
    expect(await runCli([], output)).toBe(0);
    expect(out.join('\n')).toContain('Usage: keyhold <command>');
  });

  it('exits 2 on an unknown command, writing only to stderr', async () => {
    const { output, out, err } = capture();
    expect(await runCli(['nope'], output)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('unknown command "nope"');
  });
});
