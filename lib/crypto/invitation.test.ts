import { describe, expect, it } from 'vitest';
import { toBase64Url } from './bytes';
import { AuthenticationError, MalformedError } from './errors';
import { createInvitationSecret, formatInvitationFragment, macInvitationKeys, parseInvitationFragment, verifyInvitationKeys, type InvitationKeys } from './invitation';

const secret = createInvitationSecret();
const fingerprint = 'ab'.repeat(32);
const keys: InvitationKeys = {
  invitationId: 'inv-1',
  login: 'newcomer@acme.test',
  encryptionKey: { alg: 'rsa-oaep-2048-sha256', spki: 'AAAA' },
  signingKey: { alg: 'ecdsa-p256-sha256', spki: 'BBBB' },
};

describe('invitation links', () => {
  it('carry the organisation fingerprint and the secret in the fragment', () => {
    const fragment = formatInvitationFragment(fingerprint.toUpperCase(), secret);
    expect(parseInvitationFragment(`#${fragment}`)).toEqual({ organisationFingerprint: fingerprint, secret });
  });

  it.each([
    [''],
    ['org=abcd&secret=' + toBase64Url(new Uint8Array(32))],
    [`org=${'ab'.repeat(32)}`],
    [`org=${'ab'.repeat(32)}&secret=${toBase64Url(new Uint8Array(16))}`],
    [`org=${'zz'.repeat(32)}&secret=${toBase64Url(new Uint8Array(32))}`],
    [`org=${'ab'.repeat(32)}&secret=***`],
  ])('refuse fragment %j', (fragment) => {
    expect(() => parseInvitationFragment(fragment)).toThrow(MalformedError);
  });

  it('let an administrator check the newcomer’s keys came from the link holder', async () => {
    const mac = await macInvitationKeys(secret, keys);
    await expect(verifyInvitationKeys(secret, keys, mac)).resolves.toBeUndefined();
  });

  it.each<[string, Partial<InvitationKeys>]>([
    ['swaps the encryption key', { encryptionKey: { alg: 'rsa-oaep-2048-sha256', spki: 'CCCC' } }],
    ['swaps the signing key', { signingKey: { alg: 'ecdsa-p256-sha256', spki: 'CCCC' } }],
    ['changes the login', { login: 'mallory@acme.test' }],
    ['replays it for another invitation', { invitationId: 'inv-2' }],
  ])('fail when the server %s', async (_what, change) => {
    const mac = await macInvitationKeys(secret, keys);
    await expect(verifyInvitationKeys(secret, { ...keys, ...change }, mac)).rejects.toThrow(AuthenticationError);
  });

  it('fail with another secret', async () => {
    const mac = await macInvitationKeys(createInvitationSecret(), keys);
    await expect(verifyInvitationKeys(secret, keys, mac)).rejects.toThrow(AuthenticationError);
  });
});
