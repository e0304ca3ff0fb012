import { describe, expect, it } from 'vitest';
import { createLinkSecret } from '../crypto/link-keys';
import { AuthenticationError, MalformedError } from '../crypto/errors';
import { checkLinkPayload, openLinkPayload, sealLinkPayload, type LinkPayload } from './link-payload';

const PAYLOAD: LinkPayload = { version: 1, name: 'Router', login: 'admin', urls: ['https://192.0.2.1'], fields: [{ type: 'password', label: 'Password', value: 'hunter2 ✓' }, { type: 'totp', label: '', value: 'JBSWY3DPEHPK3PXP' }] };

describe('link payloads', () => {
  it('open under the secret and link id they were sealed for', async () => {
    const secret = createLinkSecret();
    const { ciphertext, accessToken } = await sealLinkPayload(secret, 'link-0001', PAYLOAD);
    expect(accessToken).toMatch(/^[\w-]{43}$/);
    expect(ciphertext).not.toContain('hunter2');
    expect(await openLinkPayload(secret, 'link-0001', ciphertext)).toEqual(PAYLOAD);
  });

  it('do not open under another secret, nor as another link’s data (a server swapping ciphertexts)', async () => {
    const secret = createLinkSecret();
    const { ciphertext } = await sealLinkPayload(secret, 'link-0001', PAYLOAD);
    await expect(openLinkPayload(createLinkSecret(), 'link-0001', ciphertext)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(openLinkPayload(secret, 'link-0002', ciphertext)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it.each([
    ['not an object', 'text'],
    ['another version', { ...PAYLOAD, version: 2 }],
    ['a URL that is no string', { ...PAYLOAD, urls: [1] }],
    ['a field of an unknown type', { ...PAYLOAD, fields: [{ type: 'html', label: '', value: '<b>' }] }],
    ['a field without a value', { ...PAYLOAD, fields: [{ type: 'password', label: '' }] }],
  ])('refuse %s', (_why, value) => {
    expect(() => checkLinkPayload(value)).toThrow(MalformedError);
  });

  it('keep only the fields they know', () => {
    const extra = { ...PAYLOAD, script: 'alert(1)', fields: [{ ...PAYLOAD.fields[0], html: '<b>' }] };
    expect(checkLinkPayload(extra)).toEqual({ ...PAYLOAD, fields: [PAYLOAD.fields[0]] });
  });
});
