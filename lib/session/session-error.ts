import { ApiRequestError, InvalidResponseError } from '../api/client';
import { CacheError } from '../cache/errors';
import { CryptoError, PinMismatchError } from '../crypto/errors';
import type { ErrorCode, ReplyError } from '../messages/protocol';
import { StaleShareError } from '../vault/entry-shares';
import { PasswordChoiceError } from '../vault/owner-setup';
import { InvitationLinkError } from './invitation-link';
import { ServerUrlError } from './server-url';

/** A failure the worker explains to the user with one of the protocol's codes. */
export class SessionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: ReplyError['detail'],
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

const SERVER_CODES: Partial<Record<string, ErrorCode>> = {
  invalidCredentials: 'wrongPassword',
  mfaRequired: 'mfaRequired',
  mfaInvalid: 'mfaInvalid',
  rateLimited: 'rateLimited',
  masterKeyHashMismatch: 'wrongMasterPassword',
  setupTokenInvalid: 'setupTokenInvalid',
  alreadySetUp: 'alreadySetUp',
  unauthenticated: 'signedOut',
  accessTokenExpired: 'signedOut',
  weakPassword: 'passwordChoice',
  accountSuspended: 'accountSuspended',
  mfaEnrolmentRequired: 'mfaEnrolmentRequired',
};

/** The offline cache's failures, as the popup explains them. */
const CACHE_CODES: Partial<Record<string, ErrorCode>> = {
  syncRollback: 'tampered',
  cacheCorrupt: 'tampered',
  cacheClosed: 'locked',
  notCached: 'notFound',
  vaultKeyPending: 'accessPending',
  totpFieldInvalid: 'notFound',
};

/** True when `error` means the server could not be reached at all (as opposed to answering "no"). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && error.name === 'AbortError');
}

/** Any error from a session operation, as the reply the popup shows. */
export function toReplyError(error: unknown): ReplyError {
  if (error instanceof SessionError) return { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
  if (error instanceof ApiRequestError) return { code: SERVER_CODES[error.code] ?? 'server', message: error.message };
  if (error instanceof InvalidResponseError) return { code: 'notKeyhold', message: error.message };
  if (error instanceof PasswordChoiceError) return { code: 'passwordChoice', message: error.message, detail: { which: error.which, violations: error.violations } };
  if (error instanceof ServerUrlError) return { code: error.reason === 'notHttps' ? 'serverNotHttps' : 'malformed', message: error.message };
  if (error instanceof InvitationLinkError) return { code: 'invitationInvalid', message: error.message };
  if (error instanceof CacheError) return { code: CACHE_CODES[error.code] ?? 'internal', message: error.message };
  if (error instanceof PinMismatchError) return { code: 'organisationKeyChanged', message: error.message };
  if (error instanceof StaleShareError) return { code: 'shareStale', message: error.message };
  if (error instanceof CryptoError) return { code: 'tampered', message: error.message };
  if (isUnreachable(error)) return { code: 'serverUnreachable', message: 'The server cannot be reached.' };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
