import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESS_KEY_PATTERN, ACCESS_KEY_PREFIX, accessKeyFromParts, createAccessKey, parseAccessKey } from './access-keys';
import { fromBase64Url, toHex } from './bytes';
import { AccessKeyFormatError } from './errors';
import { hashAccessToken } from './token-hash';

// A further vector of this kind lives in docs/cryptography.md (checked by vectors.test.ts).
const VECTOR = {
  id: Uint8Array.from({ length: 16 }, (_, i) => i),
  secret: Uint8Array.from({ length: 32 }, (_, i) => i),
  text: 'khak1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8.wk1qcQ',
  idText: 'AAECAwQFBgcICQoLDA0ODw',
  token: 'HR85uvDLnhV9khr_oI88BbtHVuuwbzndNhoDQ7ZdOcA',
  tokenHash: '2d9482e6c68b55813e63ae6dd29a5af616861a8d0ba806fc5c4cafbbc2acbb59',
  wrappingKey: '3e7343f331b2c477538dadc378fcf30635ba1b53d3ac5ead99ab7e3df1a411a9',
};
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const WHOLE = new RegExp(`^${ACCESS_KEY_PATTERN.source}$`);
const SECRET_START = ACCESS_KEY_PREFIX.length + 23;
const randomKey = fc
  .tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 32, maxLength: 32 }))
  .map(([id, secret]) => [Uint8Array.from(id), Uint8Array.from(secret)] as const);

function isCanonical(base64Url: string): boolean {
  try {
    fromBase64Url(base64Url);
    return true;
  } catch {
    return false;
  }
}

/** The reason parseAccessKey gives, or 'valid'. */
async function verdict(text: string): Promise<string> {
  try {
    await parseAccessKey(text);
    return 'valid';
  } catch (error) {
    if (error instanceof AccessKeyFormatError) return error.reason;
    throw error;
  }
}

describe('machine access keys', () => {
  it('reproduce the documented vector', async () => {
    const made = await accessKeyFromParts(VECTOR.id, VECTOR.secret);
    expect([made.text, made.id, made.token, toHex(made.wrappingKey)]).toEqual([VECTOR.text, VECTOR.idText, VECTOR.token, VECTOR.wrappingKey]);
    expect(await hashAccessToken(made.token)).toBe(VECTOR.tokenHash);
    expect(await parseAccessKey(VECTOR.text)).toEqual({ id: VECTOR.idText, token: VECTOR.token, wrappingKey: made.wrappingKey });
  });

  it('parse back to the id, token and wrapping key they were created with', async () => {
    const key = await createAccessKey();
    expect(key.text).toMatch(WHOLE);
    expect(await parseAccessKey(key.text)).toEqual({ id: key.id, token: key.token, wrappingKey: key.wrappingKey });
  });

  it('derive a token and a wrapping key that differ from each other and between keys', async () => {
    const [key, other] = [await createAccessKey(), await createAccessKey()];
    expect(other.token).not.toBe(key.token);
    expect(other.wrappingKey).not.toEqual(key.wrappingKey);
    expect(fromBase64Url(key.token)).not.toEqual(key.wrappingKey);
  });

  it('bind the token and wrapping key to the id (same secret, other id: unrelated outputs)', async () => {
    const other = await accessKeyFromParts(new Uint8Array(16).fill(0xff), VECTOR.secret);
    expect(other.token).not.toBe(VECTOR.token);
    expect(toHex(other.wrappingKey)).not.toBe(VECTOR.wrappingKey);
  });

  it.each([
    [15, 32],
    [17, 32],
    [16, 31],
    [16, 33],
  ])('refuse to build from a %i-byte id and a %i-byte secret', async (idLength, secretLength) => {
    await expect(accessKeyFromParts(new Uint8Array(idLength), new Uint8Array(secretLength))).rejects.toThrow(RangeError);
  });

  it.each([
    ['spaces', `  ${VECTOR.text}  `],
    ['a trailing newline', `${VECTOR.text}\n`],
    ['CRLF and tabs', `\t${VECTOR.text}\r\n`],
    ['a byte-order mark', `\uFEFF${VECTOR.text}`],
  ])('ignore surrounding %s, as env files leave them', async (_case, text) => {
    expect((await parseAccessKey(text)).token).toBe(VECTOR.token);
  });
});

describe('access-key checksum', () => {
  it('catches every single-character substitution in the secret', async () => {
    await fc.assert(
      fc.asyncProperty(randomKey, fc.integer({ min: 0, max: 42 }), fc.constantFrom(...ALPHABET), async ([id, secret], offset, replacement) => {
        const { text } = await accessKeyFromParts(id, secret);
        const index = SECRET_START + offset;
        fc.pre(text[index] !== replacement);
        const typo = text.slice(0, index) + replacement + text.slice(index + 1);
        // A typo in the last character may set trailing bits, which the shape check catches first.
        expect(await verdict(typo)).toBe(isCanonical(typo.slice(SECRET_START, SECRET_START + 43)) ? 'checksum' : 'shape');
      }),
      { seed: 4242, numRuns: 100 },
    );
  });

  it('flags every single-character substitution anywhere in the vector key', async () => {
    const accepted: string[] = [];
    for (let index = 0; index < VECTOR.text.length; index++) {
      for (const replacement of `${ALPHABET}.`) {
        if (VECTOR.text[index] === replacement) continue;
        const typo = VECTOR.text.slice(0, index) + replacement + VECTOR.text.slice(index + 1);
        if ((await verdict(typo)) === 'valid') accepted.push(typo);
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe('ACCESS_KEY_PATTERN', () => {
  it('finds keys in a log line so they can be redacted', async () => {
    const key = await createAccessKey();
    const line = `export KEYHOLD_ACCESS_KEY=${key.text} # ci, and again: "${VECTOR.text}".`;
    expect(line.match(new RegExp(ACCESS_KEY_PATTERN, 'g'))).toEqual([key.text, VECTOR.text]);
    expect(line.replace(new RegExp(ACCESS_KEY_PATTERN, 'g'), '[redacted]')).not.toMatch(/khak1\./);
  });

  it('matches a whole string exactly when parseAccessKey accepts its shape', async () => {
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('substitute', 'insert', 'delete'), char: fc.constantFrom(...`${ALPHABET}.+/=`) });
    await fc.assert(
      fc.asyncProperty(randomKey, edit, async ([id, secret], { at, kind, char }) => {
        const { text } = await accessKeyFromParts(id, secret);
        const i = at % text.length;
        const edited = text.slice(0, i) + (kind === 'delete' ? '' : char) + text.slice(kind === 'insert' ? i : i + 1);
        const shapeValid = ['valid', 'checksum'].includes(await verdict(edited));
        expect(WHOLE.test(edited)).toBe(shapeValid);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

describe('parseAccessKey refuses', () => {
  const [id, secret, checksum] = VECTOR.text.slice(ACCESS_KEY_PREFIX.length).split('.') as [string, string, string];
  it.each([
    ['nothing', '', 'prefix'],
    ['only whitespace', '  \n', 'prefix'],
    ['another vendor', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'prefix'],
    ['version 2', VECTOR.text.replace('khak1.', 'khak2.'), 'prefix'],
    ['an upper-case prefix', VECTOR.text.replace('khak1.', 'KHAK1.'), 'prefix'],
    ['the prefix alone', 'khak1.', 'shape'],
    ['a missing checksum', `khak1.${id}.${secret}`, 'shape'],
    ['a missing id', `khak1.${secret}.${checksum}`, 'shape'],
    ['an extra field', `${VECTOR.text}.extra`, 'shape'],
    ['an empty field', `khak1.${id}..${secret}.${checksum}`, 'shape'],
    ['a short id', `khak1.${id.slice(1)}.${secret}.${checksum}`, 'shape'],
    ['a long id', `khak1.${id}A.${secret}.${checksum}`, 'shape'],
    ['a short secret', `khak1.${id}.${secret.slice(1)}.${checksum}`, 'shape'],
    ['a long secret', `khak1.${id}.${secret}A.${checksum}`, 'shape'],
    ['a short checksum', `khak1.${id}.${secret}.${checksum.slice(1)}`, 'shape'],
    ['a long checksum', `khak1.${id}.${secret}.${checksum}A`, 'shape'],
    ['"+"', `khak1.+${id.slice(1)}.${secret}.${checksum}`, 'shape'],
    ['"/"', `khak1.${id}./${secret.slice(1)}.${checksum}`, 'shape'],
    ['"=" padding', `khak1.${id}.${secret}=.${checksum}`, 'shape'],
    ['an inner space', `khak1.${id}. ${secret.slice(1)}.${checksum}`, 'shape'],
    ['non-zero trailing bits in the id', `khak1.${id.slice(0, -1)}x.${secret}.${checksum}`, 'shape'],
    ['non-zero trailing bits in the secret', `khak1.${id}.${secret.slice(0, -1)}9.${checksum}`, 'shape'],
    ['non-zero trailing bits in the checksum', `khak1.${id}.${secret}.${checksum.slice(0, -1)}R`, 'shape'],
    ['a wrong checksum', `khak1.${id}.${secret}.AAAAAA`, 'checksum'],
    ['two swapped characters', `khak1.${id}.${secret.replace('AAEC', 'AACE')}.${checksum}`, 'checksum'],
  ])('%s', async (_case, text, reason) => {
    expect(await verdict(text)).toBe(reason);
    // The scanner pattern agrees: only a checksum failure still has a valid shape.
    expect(WHOLE.test(text)).toBe(reason === 'checksum');
  });
});
