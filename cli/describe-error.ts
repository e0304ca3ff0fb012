import { ApiRequestError, InvalidResponseError } from '../lib/api/client';
import { AccessKeyFormatError, CryptoError, PinMismatchError } from '../lib/crypto/errors';
import { ServerUrlError } from '../lib/session/server-url';
import { AmbiguousReferenceError, UnknownReferenceError } from '../lib/vault/reference-resolver';
import { VaultKeyMissingError } from '../lib/vault/readable-vaults';
import { ReferenceSyntaxError } from '../lib/vault/secret-reference';
import { CliError, EXIT } from './exit-codes';

// Any error a command lets through, as one line and an exit code. Server messages are shown as the
// server wrote them; nothing here prints a token, a secret or a stack.

const SERVER_CODES: Partial<Record<string, CliError['code']>> = {
  invalidCredentials: EXIT.wrongCredentials,
  mfaInvalid: EXIT.wrongCredentials,
  masterKeyHashMismatch: EXIT.wrongCredentials,
  invalidAccessKey: EXIT.wrongCredentials,
  accessKeyRevoked: EXIT.keyRevokedOrExpired,
  accessKeyExpired: EXIT.keyRevokedOrExpired,
  unauthenticated: EXIT.notLoggedIn,
  accessTokenExpired: EXIT.notLoggedIn,
  refreshTokenInvalid: EXIT.notLoggedIn,
  forbidden: EXIT.noAccess,
  notFound: EXIT.unknownReference,
};

function isUnreachable(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed|ECONNREFUSED|ENOTFOUND|network/i.test(`${error.message} ${String((error as { cause?: unknown }).cause)}`);
}

/** `error` as the CliError keyhold reports. */
export function describeError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ServerUrlError) return new CliError(EXIT.usage, error.message);
  if (error instanceof ReferenceSyntaxError) return new CliError(EXIT.unknownReference, error.message);
  if (error instanceof UnknownReferenceError) return new CliError(error.noAccess ? EXIT.noAccess : EXIT.unknownReference, error.message);
  if (error instanceof AmbiguousReferenceError) return new CliError(EXIT.ambiguousReference, error.message);
  if (error instanceof VaultKeyMissingError) return new CliError(EXIT.noAccess, error.message);
  if (error instanceof AccessKeyFormatError) return new CliError(EXIT.wrongCredentials, 'Invalid access key.');
  if (error instanceof PinMismatchError) return new CliError(EXIT.verificationFailed, `${error.message} Stop and ask your administrator.`);
  if (error instanceof CryptoError) return new CliError(EXIT.verificationFailed, `Verification failed: ${error.message}`);
  if (error instanceof ApiRequestError) return new CliError(SERVER_CODES[error.code] ?? EXIT.failure, `The server refused: ${error.message}`);
  if (error instanceof InvalidResponseError) return new CliError(EXIT.serverUnreachable, error.message);
  if (isUnreachable(error)) return new CliError(EXIT.serverUnreachable, 'The server cannot be reached.');
  return new CliError(EXIT.failure, error instanceof Error ? error.message : String(error));
}
