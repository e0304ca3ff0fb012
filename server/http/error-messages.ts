import type { ErrorCode } from '../../lib/contract/errors';

// Messages people read, by error code and language. English only for now; a language is added by
// adding a catalog here, and the convention test checks every catalog covers every code.

const en: Record<ErrorCode, string> = {
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

/** Every catalog, by language tag. */
export const ERROR_MESSAGES: Record<string, Record<ErrorCode, string>> = { en };

/** The best language of `acceptLanguage` that has a catalog; English otherwise. */
export function negotiateLanguage(acceptLanguage: string | undefined): string {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of wanted) {
    const base = tag.split('-')[0]!;
    if (ERROR_MESSAGES[tag]) return tag;
    if (ERROR_MESSAGES[base]) return base;
  }
  return 'en';
}

/** The message for `code` in the caller's language. */
export function errorMessage(code: ErrorCode, acceptLanguage: string | undefined): string {
  return ERROR_MESSAGES[negotiateLanguage(acceptLanguage)]![code];
}
