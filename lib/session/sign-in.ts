import { ApiRequestError, createApiClient } from '../api/client';
import { getAppSettingsRoute, type PasswordPolicy } from '../contract/app-settings';
import { acceptInvitationRoute, invitationInfoRoute } from '../contract/invitations';
import { loginRoute, type TokenPair } from '../contract/sessions';
import { setupRoute } from '../contract/setup';
import type { KdfParams, MasterKey } from '../crypto/kdf';
import { parseInvitationFragment, recoveryAcceptToken } from '../crypto/invitation';
import { prepareRegistration } from '../vault/invitation-flow';
import { prepareOwnerSetup } from '../vault/owner-setup';
import { acceptRecoveryRoute, recoveryInfoRoute } from '../contract/recovery';
import { parseInvitationLink, parseRecoveryLink } from './invitation-link';
import { SessionError } from './session-error';

// The three ways onto a server: the owner's setup, a newcomer's invitation, and a plain sign-in.
// Setup and invitation make every key on this device and end signed in and unlocked.

export interface ClientContext {
  fetch?: typeof fetch;
  language?: string;
  /** PBKDF2 iterations for new accounts; the production default unless a test needs speed. */
  iterations?: number;
  /** `Passwork-BrowserMode`: true (the default) from the extension, false from the CLI. */
  browserMode?: boolean;
}

/** A new account, signed in, with its master key still in hand. */
export interface NewAccount {
  serverUrl: string;
  userId: string;
  login: string;
  tokens: TokenPair;
  masterKey: MasterKey;
  /** The KDF record the master key was derived with (what the server must hand back at unlock). */
  kdf: KdfParams;
  organisationFingerprint: string;
  /** The organisation requires a second factor: the new session may only enrol one before anything else. */
  mfaEnrolmentRequired: boolean;
}

function anonymousClient(serverUrl: string, context: ClientContext) {
  return createApiClient({ baseUrl: serverUrl, browserMode: context.browserMode ?? true, ...(context.fetch ? { fetch: context.fetch } : {}), ...(context.language ? { language: context.language } : {}) });
}

/** The organisation's password rules and whether an owner has set the server up. */
export async function readAppSettings(serverUrl: string, context: ClientContext): Promise<{ policy: PasswordPolicy; initialized: boolean }> {
  const settings = await anonymousClient(serverUrl, context).call(getAppSettingsRoute);
  return { policy: settings.passwordPolicy, initialized: settings.initialized };
}

/** Signs in with the login password (and the authenticator code when the account has one). */
/** A sign-in's tokens, and whether the organisation makes this session enrol a second factor first. */
export type SignedIn = TokenPair & { mfaEnrolmentRequired?: boolean | undefined };

export async function signIn(serverUrl: string, input: { login: string; password: string; totp?: string }, context: ClientContext): Promise<SignedIn> {
  const body = { login: input.login.trim().toLowerCase(), password: input.password, ...(input.totp ? { totp: input.totp } : {}) };
  try {
    return await anonymousClient(serverUrl, context).call(loginRoute, { body });
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'mfaRequired') throw new SessionError('mfaRequired', error.message);
    throw error;
  }
}

/** The owner's first registration with the setup token the server printed. */
export async function setUpOwner(
  serverUrl: string,
  input: { setupToken: string; organisationName: string; login: string; loginPassword: string; masterPassword: string },
  context: ClientContext,
): Promise<NewAccount> {
  const { policy, initialized } = await readAppSettings(serverUrl, context);
  if (initialized) throw new SessionError('alreadySetUp', 'This server is already set up. Sign in instead.');
  const prepared = await prepareOwnerSetup({ ...input, setupToken: input.setupToken.trim(), policy, ...(context.iterations ? { iterations: context.iterations } : {}) });
  const created = await anonymousClient(serverUrl, context).call(setupRoute, { body: prepared.request });
  const login = prepared.request.owner.login;
  const { mfaEnrolmentRequired, ...tokens } = await signIn(serverUrl, { login, password: input.loginPassword }, context);
  return { serverUrl, userId: created.userId, login, tokens, masterKey: prepared.masterKey, kdf: prepared.request.owner.kdf, organisationFingerprint: prepared.organisationFingerprint, mfaEnrolmentRequired: mfaEnrolmentRequired === true };
}

/** Registers through an invitation link; the account waits for an administrator's certificate. */
export async function joinOrganisation(input: { invitationLink: string; login: string; loginPassword: string; masterPassword: string }, context: ClientContext): Promise<NewAccount> {
  const link = parseInvitationLink(input.invitationLink);
  const api = anonymousClient(link.serverUrl, context);
  let info;
  try {
    info = await api.call(invitationInfoRoute, { params: { id: link.invitationId } });
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) throw new SessionError('invitationInvalid', 'This invitation has expired or was already used.');
    throw error;
  }
  const { policy } = await readAppSettings(link.serverUrl, context);
  const registration = await prepareRegistration({
    invitationId: info.id,
    fragment: link.fragment,
    organisationKey: info.organisationKey,
    login: input.login,
    loginPassword: input.loginPassword,
    masterPassword: input.masterPassword,
    policy,
    ...(context.iterations ? { iterations: context.iterations } : {}),
  });
  await api.call(acceptInvitationRoute, { params: { id: info.id }, body: registration.body });
  const { mfaEnrolmentRequired, ...tokens } = await signIn(link.serverUrl, { login: registration.body.login, password: input.loginPassword }, context);
  return {
    serverUrl: link.serverUrl,
    userId: registration.body.userId,
    login: registration.body.login,
    tokens,
    masterKey: registration.masterKey,
    kdf: registration.body.kdf,
    organisationFingerprint: registration.organisationFingerprint,
    mfaEnrolmentRequired: mfaEnrolmentRequired === true,
  };
}

/**
 * New keys for an account whose master password is forgotten, through an administrator's recovery
 * link: the same login, a new login password and master password; the account then waits for an
 * administrator's certificate, and only what is shared with it comes back (docs/access-control.md).
 */
export async function recoverAccount(input: { recoveryLink: string; login: string; loginPassword: string; masterPassword: string }, context: ClientContext): Promise<NewAccount> {
  const link = parseRecoveryLink(input.recoveryLink);
  const api = anonymousClient(link.serverUrl, context);
  let info;
  try {
    info = await api.call(recoveryInfoRoute, { params: { id: link.invitationId } });
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) throw new SessionError('invitationInvalid', 'This recovery link has expired or was already used.');
    throw error;
  }
  if (input.login.trim().toLowerCase() !== info.login) throw new SessionError('invitationInvalid', `This recovery link is for another account (${info.login}).`);
  const { policy } = await readAppSettings(link.serverUrl, context);
  const prepared = await prepareRegistration({
    invitationId: info.id,
    fragment: link.fragment,
    organisationKey: info.organisationKey,
    userId: info.userId,
    login: info.login,
    loginPassword: input.loginPassword,
    masterPassword: input.masterPassword,
    policy,
    ...(context.iterations ? { iterations: context.iterations } : {}),
  });
  const { userId: _id, ...body } = prepared.body;
  const acceptToken = await recoveryAcceptToken(parseInvitationFragment(link.fragment).secret);
  await api.call(acceptRecoveryRoute, { params: { id: info.id }, body: { ...body, acceptToken } });
  const { mfaEnrolmentRequired, ...tokens } = await signIn(link.serverUrl, { login: info.login, password: input.loginPassword }, context);
  return {
    serverUrl: link.serverUrl,
    userId: info.userId,
    login: info.login,
    tokens,
    masterKey: prepared.masterKey,
    kdf: prepared.body.kdf,
    organisationFingerprint: prepared.organisationFingerprint,
    mfaEnrolmentRequired: mfaEnrolmentRequired === true,
  };
}
