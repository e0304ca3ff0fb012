import type { NewAccessKey } from '../contract/machines';
import { createAccessKey } from '../crypto/access-keys';
import { toBase64Url } from '../crypto/bytes';
import { issueCertificate, verifyCertificate, type MemberCertificate } from '../crypto/certificates';
import { CertificateError } from '../crypto/errors';
import { openMachineKeysForAdministrators, sealMachineKeysForAccessKey, sealMachineKeysForAdministrators, type MachinePrivateKeys, type SealedMachineKeys } from '../crypto/machine-keys';
import { hashAccessToken } from '../crypto/token-hash';
import { ENCRYPTION_ALG, generateUserKeys, SIGNING_ALG } from '../crypto/user-keys';
import type { AdministratorKeys } from './invitation-flow';
import { newId } from './owner-setup';

// An administrator's client makes everything a machine account holds (docs/access-control.md
// "Machine accounts"): its key pairs, their certificate under the organisation key, the
// administrators' copy of its private keys under the organisation KEK, and each access key with its
// own copy. The access key's text is returned once, to show; the server gets only its token's hash.

/** An access key for the request body, and its text to show once. */
export interface PreparedAccessKey {
  body: NewAccessKey;
  text: string;
}

async function accessKeyFor(admin: AdministratorKeys, machineId: string, keys: MachinePrivateKeys, input: { name: string; expiresAt: number | null }): Promise<PreparedAccessKey> {
  const accessKey = await createAccessKey();
  const sealedKeys = await sealMachineKeysForAccessKey(accessKey, machineId, keys, admin.organisationKey.fingerprint);
  return { body: { id: accessKey.id, name: input.name, tokenHash: await hashAccessToken(accessKey.token), expiresAt: input.expiresAt, sealedKeys }, text: accessKey.text };
}

/** The body of POST /machines and the first access key's text. */
export async function prepareMachine(admin: AdministratorKeys, input: { name: string; accessKeyName: string; expiresAt: number | null }, now = Date.now()) {
  const id = newId();
  const name = input.name.trim().toLowerCase();
  const keys = await generateUserKeys();
  const certificate = await issueCertificate(admin.organisationKey.privateKey, {
    version: 1,
    organisationId: admin.organisationId,
    userId: id,
    login: name,
    role: 'member',
    encryptionKey: { alg: ENCRYPTION_ALG, spki: toBase64Url(keys.encryption.spki) },
    signingKey: { alg: SIGNING_ALG, spki: toBase64Url(keys.signing.spki) },
    issuedAt: Math.floor(now / 1000),
  });
  const administratorKeys = await sealMachineKeysForAdministrators(admin.keyEncryptionKey, id, keys);
  const accessKey = await accessKeyFor(admin, id, keys, { name: input.accessKeyName, expiresAt: input.expiresAt });
  return { body: { id, name, certificate, administratorKeys, accessKey: accessKey.body }, accessKeyText: accessKey.text };
}

/**
 * A further access key for a machine, from GET /machines/{id}/keys. The certificate is checked
 * against the organisation key and the sealed keys against it, so a server cannot have an
 * administrator seal keys of its own choosing for a machine.
 */
export async function prepareAccessKey(admin: AdministratorKeys, machineId: string, served: { certificate: MemberCertificate; administratorKeys: SealedMachineKeys }, input: { name: string; expiresAt: number | null }): Promise<PreparedAccessKey> {
  const { body } = served.certificate;
  await verifyCertificate(served.certificate, admin.organisationKey.publicKey, { organisationId: admin.organisationId, userId: machineId });
  if (served.administratorKeys.encryptionKey.spki !== body.encryptionKey.spki || served.administratorKeys.signingKey.spki !== body.signingKey.spki) {
    throw new CertificateError('The server sent private keys that are not the ones this machine’s certificate names.');
  }
  const keys = await openMachineKeysForAdministrators(admin.keyEncryptionKey, machineId, served.administratorKeys);
  return accessKeyFor(admin, machineId, keys, input);
}
