import { createApiClient, type ApiClient } from '../api/client';
import { machineSignInRoute } from '../contract/machines';
import { refreshRoute, type TokenPair } from '../contract/sessions';
import { parseAccessKey } from '../crypto/access-keys';
import { verifyCertificate, type CertifiedMember } from '../crypto/certificates';
import { CertificateError } from '../crypto/errors';
import { openMachineKeysWithAccessKey } from '../crypto/machine-keys';
import { pinnedOrganisationKey } from '../crypto/organisation';
import type { OpenedKeys } from '../session/opened-vault';

// A machine's way onto a server (the CLI with KEYHOLD_ACCESS_KEY): sign in with the access key's id
// and token, open the private keys with its wrapping key, pin the organisation key from the
// fingerprint the administrator sealed with them, and verify the machine's certificate against it.
// The server is hostile: it cannot forge the sealed keys or the pin without the wrapping key, so a
// key or certificate of its own is caught here, before anything is unwrapped to it.

/** A signed-in machine: what a person's unlocked session gives, for the same vault code. */
export interface MachineSession {
  userId: string;
  api: ApiClient;
  keys: OpenedKeys;
  /** The machine's own certificate as it verified. */
  certified: CertifiedMember;
  /** The organisation the certificate was verified for. */
  organisationId: string;
  tokens(): TokenPair;
}

/** Signs in with `accessKeyText`; throws AccessKeyFormatError (malformed), ApiRequestError (`invalidAccessKey`, `accessKeyRevoked`, `accessKeyExpired`) or a CryptoError (tampering). */
export async function openMachineSession(serverUrl: string, accessKeyText: string, options: { fetch?: typeof fetch; language?: string } = {}): Promise<MachineSession> {
  const accessKey = await parseAccessKey(accessKeyText);
  const base = { baseUrl: serverUrl, browserMode: false, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.language ? { language: options.language } : {}) };
  const signedIn = await createApiClient(base).call(machineSignInRoute, { body: { accessKeyId: accessKey.id, token: accessKey.token } });
  const { userKeys, organisationFingerprint } = await openMachineKeysWithAccessKey(accessKey, signedIn.machineId, signedIn.sealedKeys);
  const organisationKey = await pinnedOrganisationKey(signedIn.organisationKey, organisationFingerprint);
  const certified = await verifyCertificate(signedIn.certificate, organisationKey, { organisationId: signedIn.organisationId, userId: signedIn.machineId });
  const { body } = signedIn.certificate;
  if (body.encryptionKey.spki !== signedIn.sealedKeys.encryptionKey.spki || body.signingKey.spki !== signedIn.sealedKeys.signingKey.spki) {
    throw new CertificateError('The server sent a certificate for keys that are not this machine’s.');
  }
  let tokens: TokenPair = { accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken, accessTokenExpiredAt: signedIn.accessTokenExpiredAt, refreshTokenExpiredAt: signedIn.refreshTokenExpiredAt };
  const refresh = async () => {
    tokens = await createApiClient(base).call(refreshRoute, { body: { refreshToken: tokens.refreshToken } });
    return true;
  };
  const api = createApiClient({ ...base, session: { accessToken: () => tokens.accessToken, refresh } });
  return { userId: signedIn.machineId, api, keys: { userKeys, organisationKey }, certified, organisationId: signedIn.organisationId, tokens: () => tokens };
}
