import { describe, expect, it } from 'vitest';
import { CliError } from '../exit-codes';
import { parseEnvFile } from './env-file';

describe('parseEnvFile', () => {
  it('reads plain, exported, quoted and commented lines', () => {
    const text = ['# comment', '', 'A=1', 'export B=keyhold://V/I/f', "C='literal $x \\n'", 'D="line\\nnext \\"q\\""', 'E=value # note', 'F='].join('\n');
    expect(Object.fromEntries(parseEnvFile(text, '.env'))).toEqual({ A: '1', B: 'keyhold://V/I/f', C: 'literal $x \\n', D: 'line\nnext "q"', E: 'value', F: '' });
  });

  it.each(['no equals sign', '1A=x', 'A="open', "A='open"])('refuses %j, naming the line', (line) => {
    expect(() => parseEnvFile(`OK=1\n${line}`, 'app.env')).toThrow(CliError);
    expect(() => parseEnvFile(`OK=1\n${line}`, 'app.env')).toThrow(/^app\.env:2: /);
  });
});
