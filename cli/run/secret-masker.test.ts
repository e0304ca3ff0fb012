import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, SecretMasker } from './secret-masker';

const M = MASK.toString();

/** Feeds `chunks` one push each and returns everything that came out. */
function mask(secrets: string[], chunks: (string | Buffer)[]): string {
  const masker = new SecretMasker(secrets);
  const out = chunks.map((chunk) => masker.push(Buffer.from(chunk)));
  return Buffer.concat([...out, masker.end()]).toString();
}

function bytewise(text: string): Buffer[] {
  return [...Buffer.from(text)].map((byte) => Buffer.from([byte]));
}

describe('SecretMasker', () => {
  it.each([
    [['hunter2'], ['my password is hunter2!'], `my password is ${M}!`],
    [['hunter2'], ['hun', 'ter', '2 and hunter2'], `${M} and ${M}`],
    [['hunter2'], ['hunter'], 'hunter'],
    [['abc', 'abcdef'], ['abc', 'def'], M],
    [['abc', 'abcdef'], ['abcde', 'x'], `${M}dex`],
    [['aab'], ['aaab'], `a${M}`],
    [['ab'], ['ab'], 'ab'],
    [['ünï'], ['xünïy'], `x${M}y`],
  ])('%j in %j', (secrets, chunks, expected) => {
    expect(mask(secrets, chunks)).toBe(expected);
  });

  it('masks a secret written one byte per write, holding back nothing once decided', () => {
    const masker = new SecretMasker(['s3cr3t-value']);
    const out: string[] = [];
    for (const byte of bytewise('xs3cr3t-valuey')) out.push(masker.push(byte).toString());
    expect(out.join('')).toBe(`x${M}y`);
    // The "x" went out at once; "y" too, as soon as it could not start a secret.
    expect(out[0]).toBe('x');
    expect(out.at(-1)).toBe('y');
  });

  it('masks a secret cut across a 64 KiB boundary', () => {
    const secret = 'café-secret-✓';
    const bytes = Buffer.from(secret);
    for (const cut of [1, 5, bytes.length - 1]) {
      const first = Buffer.concat([Buffer.alloc(65536 - cut, 'x'), bytes.subarray(0, cut)]);
      expect(mask([secret], [first, bytes.subarray(cut)])).toBe(`${'x'.repeat(65536 - cut)}${M}`);
    }
  });

  it('never lets a secret through, however the output is split (property)', () => {
    const secrets = ['p4ssw0rd', 'p4ss', 'tok_ABCDEF'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom('p4ssw0rd', 'p4ss', 'tok_ABCDEF', 'p4', 'x', ' ', 'tok_'), { maxLength: 12 }), fc.array(fc.nat(40), { maxLength: 8 }), (pieces, cuts) => {
        const text = Buffer.from(pieces.join(''));
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, text.length].slice(1).map((end, index, ends) => text.subarray(index === 0 ? 0 : ends[index - 1]!, end));
        const out = mask(secrets, chunks);
        expect(out).toBe(mask(secrets, [text]));
        for (const secret of secrets) expect(out).not.toContain(secret);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('does not mask values shorter than three characters', () => {
    expect(mask(['ab', ''], ['abc ab'])).toBe('abc ab');
  });
});
