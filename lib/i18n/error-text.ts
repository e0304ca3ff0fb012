import type { MessageKey, Translate } from './translate';
import type { ErrorCode, FillRefusal } from '../messages/protocol';
import type { BackgroundError } from '../messages/send';

// One message per code, so every screen explains a failure the same way. `null` means the code is a
// bug or the server's own words (`server`): the background's message, or a generic one, is shown.
const MESSAGES: Record<ErrorCode, MessageKey | null> = {
  malformed: null,
  forbiddenSender: null,
  serverNotHttps: 'firstRun.error.notHttps',
  serverUnreachable: 'error.serverUnreachable',
  notKeyhold: 'firstRun.error.notKeyhold',
  wrongPassword: 'signIn.error.wrongCredentials',
  wrongMasterPassword: 'unlock.error.wrongPassword',
  mfaRequired: 'signIn.totp.prompt',
  mfaInvalid: 'signIn.totp.error.invalid',
  rateLimited: 'error.rateLimited',
  organisationKeyChanged: 'unlock.error.organisationKeyChanged',
  invitationInvalid: 'join.link.invalid',
  setupTokenInvalid: 'register.error.setupTokenInvalid',
  alreadySetUp: 'register.error.alreadySetUp',
  passwordChoice: 'error.passwordChoice',
  locked: 'error.locked',
  signedOut: 'error.sessionExpired',
  notFound: 'error.notFound',
  tampered: 'error.tampered',
  conflict: 'error.conflict',
  accessPending: 'error.accessPending',
  shareStale: 'error.shareStale',
  accountSuspended: 'signIn.error.accountSuspended',
  mfaEnrolmentRequired: 'signIn.error.mfaEnrolmentRequired',
  notForThisSite: 'popup.fill.error.notForThisSite',
  insecurePage: 'popup.fill.insecure',
  fillRefused: 'popup.fill.error.unsafe',
  server: null,
  internal: null,
};

// Why a page was not filled, as the user can act on it: no form, a page that moved on, or a field
// the page hides or covers (docs/autofill.md, "Filling").
const FILL_REFUSALS: Record<FillRefusal, MessageKey> = {
  noLoginForm: 'popup.fill.error.noForm',
  wrongOrigin: 'popup.fill.error.navigated',
  sandboxed: 'popup.fill.error.sandboxed',
  detached: 'popup.fill.error.navigated',
  disabled: 'popup.fill.error.unsafe',
  hidden: 'popup.fill.error.unsafe',
  zeroSize: 'popup.fill.error.unsafe',
  transparent: 'popup.fill.error.unsafe',
  covered: 'popup.fill.error.unsafe',
};

/** Messages a screen words its own way, e.g. a wrong *current* master password when changing it. */
export type ErrorOverrides = Partial<Record<ErrorCode, MessageKey>>;

/** The sentence to show for `error` in the language of `t`. */
export function errorText(t: Translate, error: BackgroundError, overrides: ErrorOverrides = {}): string {
  const seconds = error.detail?.retryAfterSeconds;
  if (error.code === 'rateLimited' && seconds !== undefined) return t('unlock.error.tooManyAttempts', { seconds });
  if (error.code === 'fillRefused' && error.detail?.refusal) return t(FILL_REFUSALS[error.detail.refusal]);
  const key = overrides[error.code] ?? MESSAGES[error.code];
  if (key) return t(key);
  // The server words its own refusals in the popup's language (Accept-Language); anything else is a bug.
  return error.code === 'server' && error.message ? error.message : t('error.unexpected');
}
