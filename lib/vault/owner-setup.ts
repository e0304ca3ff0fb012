import type { PasswordPolicy } from '../contract/app-settings';
import type { SetupRequest } from '../contract/setup';
import { randomBytes, toBase64Url } from '../crypto/bytes';
import { issueCertificate, verifyCertificate } from '../crypto/certificates';
import { deriveMasterKey, newKdfParams, type MasterKey } from '../crypto/kdf';
import { createOrganisationKey } from '../crypto/organisation';
import { generateUserKeys, sealUserKeys } from '../crypto/user-keys';
import { wrapKey } from '../crypto/wraps';
import { checkPassword, tooSimilar, type PolicyViolation } from './password-policy';

/** What the owner types on the setup screen. */
export interface OwnerSetupInput {
  setupToken: string;
  organisationName: string;
  login: string;
  loginPassword: string;
  masterPassword: string;
  /** The policy from GET /app/settings; both passwords are checked against it first. */
  policy: PasswordPolicy;
  /** PBKDF2 iterations; the default (600,000) unless a test needs speed. */
  iterations?: number;
  now?: number;
}

/** The passwords chosen do not meet the policy, or the login password gives away the master password. */
export class PasswordChoiceError extends Error {
  constructor(
    readonly which: 'loginPassword' | 'masterPassword',
    readonly violations: (PolicyViolation | 'tooSimilar')[],
  ) {
    super(`The ${which === 'loginPassword' ? 'login' : 'master'} password does not meet the policy: ${violations.join(', ')}.`);
    this.name = 'PasswordChoiceError';
  }
}

/**
 * Checks both passwords on the client before anything is made: the master password against its
 * policy (only clients ever see it), the login password against its own, and that the two are not
 * alike — the login password reaches the server, the master password must not be guessable from it.
 */
export function checkPasswordChoice(policy: PasswordPolicy, loginPassword: string, masterPassword: string): void {
  const master = checkPassword(policy.masterPassword, masterPassword);
  if (master.length > 0) throw new PasswordChoiceError('masterPassword', master);
  const login = checkPassword(policy.loginPassword, loginPassword);
  if (login.length > 0) throw new PasswordChoiceError('loginPassword', login);
  if (tooSimilar(loginPassword, masterPassword)) throw new PasswordChoiceError('loginPassword', ['tooSimilar']);
}

/** A new random id for users, organisations and other client-created records. */
export function newId(): string {
  return toBase64Url(randomBytes(16));
}

/**
 * Everything the owner's client makes at setup, entirely on the device: the organisation key, the
 * owner's keys sealed under the master key, the owner's certificate, and the organisation KEK
 * wrapped to the owner. Returns the request for POST /api/v1/app/setup and what to keep unlocked.
 */
export async function prepareOwnerSetup(input: OwnerSetupInput): Promise<{ request: SetupRequest; masterKey: MasterKey; organisationFingerprint: string }> {
  checkPasswordChoice(input.policy, input.loginPassword, input.masterPassword);
  const organisationId = newId();
  const ownerId = newId();
  const login = input.login.trim().toLowerCase();
  const organisation = await createOrganisationKey(organisationId);
  const kdf = newKdfParams(input.iterations);
  const [masterKey, generated] = await Promise.all([deriveMasterKey(input.masterPassword, kdf), generateUserKeys()]);
  const sealed = await sealUserKeys(masterKey.key, ownerId, generated);
  const certificate = await issueCertificate(organisation.key.privateKey, {
    version: 1,
    organisationId,
    userId: ownerId,
    login,
    role: 'administrator',
    encryptionKey: { alg: sealed.encryption.alg, spki: sealed.encryption.spki },
    signingKey: { alg: sealed.signing.alg, spki: sealed.signing.spki },
    issuedAt: Math.floor((input.now ?? Date.now()) / 1000),
  });
  const owner = await verifyCertificate(certificate, organisation.key.publicKey, { organisationId, userId: ownerId });
  const organisationKeyWrap = await wrapKey({ kind: 'organisation', subjectId: organisationId, keyVersion: 1 }, organisation.keyEncryptionKey, owner, {
    userId: ownerId,
    signingKey: generated.signing.privateKey,
  });
  return {
    request: {
      setupToken: input.setupToken,
      organisation: { id: organisationId, name: input.organisationName, signingKey: organisation.key.record, encryptedPrivateKey: organisation.sealed.encryptedPkcs8 },
      owner: { id: ownerId, login, loginPassword: input.loginPassword, kdf, masterKeyHash: masterKey.hash, encryptionKey: sealed.encryption, signingKey: sealed.signing, certificate },
      organisationKeyWrap,
    },
    masterKey,
    organisationFingerprint: organisation.key.fingerprint,
  };
}
