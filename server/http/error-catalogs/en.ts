import type { ErrorCode } from '../../../lib/contract/errors';

/** English error messages, by code. */
export const en: Record<ErrorCode, string> = {
  validationFailed: 'The request is not valid.',
  malformedJson: 'The request body is not valid JSON.',
  weakPassword: 'The password does not meet the password policy.',
  invalidKeys: 'The keys, certificate and signatures sent do not belong together.',
  unauthenticated: 'Sign in to continue.',
  invalidCredentials: 'Wrong login or password.',
  mfaRequired: 'Enter the code from your authenticator app.',
  mfaInvalid: 'That code is wrong, expired or already used.',
  accessTokenExpired: 'Your session has expired. Refresh it or sign in again.',
  forbidden: 'You do not have permission to do this.',
  accountSuspended: 'This account is suspended. Ask an administrator.',
  mfaEnrolmentRequired: 'Your organisation requires two-step sign-in: turn on an authenticator app to continue.',
  setupTokenInvalid: 'The setup token is wrong or has already been used.',
  masterKeyHashMismatch: 'This device is unlocked with a different master password. Unlock again.',
  notFound: 'Not found, or not visible to you.',
  methodNotAllowed: 'This method is not allowed here.',
  conflict: 'This conflicts with the current state. Reload and try again.',
  alreadySetUp: 'This server is already set up. Sign in instead.',
  payloadTooLarge: 'The request is too large.',
  unsupportedMediaType: 'Send JSON (Content-Type: application/json).',
  rateLimited: 'Too many attempts. Wait a moment and try again.',
  internal: 'Something went wrong on the server.',
  serviceUnavailable: 'The server is not available right now. Try again shortly.',
};
