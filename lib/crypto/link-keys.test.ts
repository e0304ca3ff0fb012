import { describe, expect, it } from 'vitest';
import { toBase64Url } from './bytes';
import { MalformedError } from './errors';
import { createLinkSecret, deriveLinkKeys, formatLinkFragment, parseLinkFragment } from './link-keys';
import { decryptString, deriveSymmetricKey, encryptString } from './symmetric';
import { hashAccessToken } from './token-hash';

describe('share-link keys', () => {
  it('derive the same key and token from the same secret, and unrelated ones from another', async () => {
    const secret = createLinkSecret();
    const again = await deriveLinkKeys(secret.slice());
    const first = await deriveLinkKeys(secret);
    expect(again).toEqual(first);
    const other = await deriveLinkKeys(createLinkSecret());
    expect(other.accessToken).not.toBe(first.accessToken);
    expect(toBase64Url(first.encryptionKey)).not.toBe(first.accessToken);
  });

  it('let the recipient decrypt what the sharer encrypted, from the fragment alone', async () => {
    const secret = createLinkSecret();
    const key = await deriveSymmetricKey((await deriveLinkKeys(secret)).encryptionKey);
    const shared = await encryptString(key, 'link/link-1/data', 's3cret');
    const received = parseLinkFragment(`#${formatLinkFragment(secret)}`);
    expect(await decryptString(await deriveSymmetricKey((await deriveLinkKeys(received)).encryptionKey), 'link/link-1/data', shared)).toBe('s3cret');
  });

  it('give the server a token hash it can check but not reverse into the key', async () => {
    const { accessToken } = await deriveLinkKeys(createLinkSecret());
    expect(await hashAccessToken(accessToken)).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashAccessToken(accessToken)).not.toContain(accessToken);
  });

  it('refuse a secret of the wrong size', async () => {
    await expect(deriveLinkKeys(new Uint8Array(16))).rejects.toThrow(RangeError);
  });

  it.each([[''], ['#'], ['k='], [`k=${toBase64Url(new Uint8Array(31))}`], [`k=${toBase64Url(new Uint8Array(33))}`], ['k=***'], [`secret=${toBase64Url(new Uint8Array(32))}`]])(
    'refuse the fragment %j',
    (fragment) => {
      expect(() => parseLinkFragment(fragment)).toThrow(MalformedError);
    },
  );
});
