import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, toHex } from './bytes';
import { MalformedError } from './errors';
import { createLinkSecret, deriveLinkKeys, formatLinkFragment, parseLinkFragment } from './link-keys';
import { decryptString, deriveSymmetricKey, encryptString } from './symmetric';
import { hashAccessToken } from './token-hash';

// A further vector of this kind lives in docs/cryptography.md (checked by vectors.test.ts).
const VECTOR = {
  secret: Uint8Array.from({ length: 32 }, (_, i) => i),
  fragment: 'k=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  encryptionKey: 'ce69b6a432160dd29ba879745cf3c5071ff64a9421d9ac699941af6003b6df72',
  accessToken: 'BjWGjlKQlOHRyh3w5ugNRZhijrliYy1yrSd_iIQv7Yk',
  accessTokenHash: 'ace487a923b07180db5fe12290a9305942d108aa062e5d3730c1ab56d14d61e6',
};
const base64Url32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => toBase64Url(bytes));

describe('share-link keys', () => {
  it('reproduce the documented vector', async () => {
    const keys = await deriveLinkKeys(VECTOR.secret);
    expect(formatLinkFragment(VECTOR.secret)).toBe(VECTOR.fragment);
    expect(toHex(keys.encryptionKey)).toBe(VECTOR.encryptionKey);
    expect(keys.accessToken).toBe(VECTOR.accessToken);
    expect(await hashAccessToken(keys.accessToken)).toBe(VECTOR.accessTokenHash);
  });

  it('derive the same key and token from the same secret, and unrelated ones from another', async () => {
    const secret = createLinkSecret();
    const first = await deriveLinkKeys(secret);
    expect(await deriveLinkKeys(secret.slice())).toEqual(first);
    const other = await deriveLinkKeys(createLinkSecret());
    expect(other.accessToken).not.toBe(first.accessToken);
    expect(other.encryptionKey).not.toEqual(first.encryptionKey);
  });

  it('separate the encryption key from the token the server sees (different HKDF infos)', async () => {
    const { encryptionKey, accessToken } = await deriveLinkKeys(createLinkSecret());
    expect(encryptionKey).toHaveLength(32);
    expect(fromBase64Url(accessToken)).toHaveLength(32);
    expect(fromBase64Url(accessToken)).not.toEqual(encryptionKey);
  });

  it('let the recipient decrypt what the sharer encrypted, from the fragment alone', async () => {
    const secret = createLinkSecret();
    const key = await deriveSymmetricKey((await deriveLinkKeys(secret)).encryptionKey);
    const shared = await encryptString(key, 'link/link-1/data', 's3cret');
    const received = parseLinkFragment(`#${formatLinkFragment(secret)}`);
    const receivedKey = await deriveSymmetricKey((await deriveLinkKeys(received)).encryptionKey);
    expect(await decryptString(receivedKey, 'link/link-1/data', shared)).toBe('s3cret');
  });

  it.each([0, 16, 31, 33, 64])('refuse a %i-byte secret', async (length) => {
    await expect(deriveLinkKeys(new Uint8Array(length))).rejects.toThrow(RangeError);
    expect(() => formatLinkFragment(new Uint8Array(length))).toThrow(RangeError);
  });
});

describe('hashAccessToken', () => {
  it('is lowercase hex SHA-256 of the UTF-8 token (FIPS 180-2 "abc")', async () => {
    expect(await hashAccessToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('link fragments', () => {
  it('round-trip every secret, with or without "#"', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (bytes, hash) => {
        const secret = Uint8Array.from(bytes);
        expect(parseLinkFragment(`${hash ? '#' : ''}${formatLinkFragment(secret)}`)).toEqual(secret);
      }),
      { seed: 4242, numRuns: 100 },
    );
  });

  it('accept exactly one spelling per secret', () => {
    fc.assert(
      fc.property(base64Url32, (text) => {
        expect(formatLinkFragment(parseLinkFragment(`k=${text}`))).toBe(`k=${text}`);
      }),
      { seed: 4242, numRuns: 100 },
    );
  });

  const valid = VECTOR.fragment.slice(2);
  it.each([
    ['empty', ''],
    ['only "#"', '#'],
    ['empty value', 'k='],
    ['no "="', `k${valid}`],
    ['missing k', `secret=${valid}`],
    ['upper-case K', `K=${valid}`],
    ['two "#"', `##k=${valid}`],
    ['31 bytes', `k=${toBase64Url(new Uint8Array(31))}`],
    ['33 bytes', `k=${toBase64Url(new Uint8Array(33))}`],
    ['"+" (standard base64)', `k=+${valid.slice(1)}`],
    ['"/" (standard base64)', `k=/${valid.slice(1)}`],
    ['padding', `k=${valid}=`],
    ['non-zero trailing bits', `k=${valid.slice(0, -1)}9`],
    ['a percent-escape', `k=%41${valid.slice(1)}`],
    ['another parameter after', `k=${valid}&x=1`],
    ['another parameter before', `x=1&k=${valid}`],
    ['k twice', `k=${valid}&k=${valid}`],
    ['surrounding whitespace', ` k=${valid}\n`],
    ['not base64url', 'k=***'],
  ])('refuse a fragment with %s', (_case, fragment) => {
    expect(() => parseLinkFragment(fragment)).toThrow(MalformedError);
  });
});
