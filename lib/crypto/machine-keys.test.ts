import { describe, expect, it } from 'vitest';
import { createAccessKey } from './access-keys';
import { randomBytes } from './bytes';
import { AuthenticationError } from './errors';
import { openMachineKeysForAdministrators, openMachineKeysWithAccessKey, sealMachineKeysForAccessKey, sealMachineKeysForAdministrators } from './machine-keys';
import { generateUserKeys } from './user-keys';

const FINGERPRINT = 'ab'.repeat(32);

describe('machine private keys', async () => {
  const keys = await generateUserKeys();
  const accessKey = await createAccessKey();
  const sealed = await sealMachineKeysForAccessKey(accessKey, 'machine-1', keys, FINGERPRINT);

  it('open with the access key they were sealed for, with the pinned fingerprint', async () => {
    const opened = await openMachineKeysWithAccessKey(accessKey, 'machine-1', sealed);
    expect(opened.organisationFingerprint).toBe(FINGERPRINT);
    const data = new TextEncoder().encode('vault key');
    const ciphertext = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, keys.encryption.publicKey, data);
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, opened.userKeys.encryption.privateKey, ciphertext))).toEqual(data);
  });

  it('refuse another access key, another machine, or a copy moved between slots', async () => {
    const other = await createAccessKey();
    await expect(openMachineKeysWithAccessKey(other, 'machine-1', sealed)).rejects.toThrow(AuthenticationError);
    await expect(openMachineKeysWithAccessKey({ id: other.id, wrappingKey: accessKey.wrappingKey }, 'machine-1', sealed)).rejects.toThrow(AuthenticationError);
    await expect(openMachineKeysWithAccessKey(accessKey, 'machine-2', sealed)).rejects.toThrow(AuthenticationError);
    const swapped = { ...sealed, organisationFingerprint: sealed.encryptionKey.encryptedPkcs8 };
    await expect(openMachineKeysWithAccessKey(accessKey, 'machine-1', swapped)).rejects.toThrow(AuthenticationError);
  });

  it('reach a new access key through the administrators’ copy under the organisation KEK', async () => {
    const kek = randomBytes(32);
    const forAdministrators = await sealMachineKeysForAdministrators(kek, 'machine-1', keys);
    await expect(openMachineKeysForAdministrators(randomBytes(32), 'machine-1', forAdministrators)).rejects.toThrow(AuthenticationError);
    await expect(openMachineKeysForAdministrators(kek, 'machine-2', forAdministrators)).rejects.toThrow(AuthenticationError);
    const reopened = await openMachineKeysForAdministrators(kek, 'machine-1', forAdministrators);
    const next = await createAccessKey();
    const opened = await openMachineKeysWithAccessKey(next, 'machine-1', await sealMachineKeysForAccessKey(next, 'machine-1', reopened, FINGERPRINT));
    expect(opened.userKeys.signing.spki).toEqual(keys.signing.spki);
  });
});
