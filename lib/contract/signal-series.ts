// The activity signals' series and bucket sizes apart from the zod route (security-signals.ts), so
// the vault page's chart can name them without loading the API contract into the page.

/** The event types counted, by the series they feed; clients report the first four (lib/contract/client-events.ts). */
export const SIGNAL_EVENT_TYPES = {
  views: 'password.viewed',
  copies: 'password.copied',
  fills: 'password.filled',
  totpCopies: 'totp.copied',
  failedLogins: 'login.failed',
  tokenReuse: 'session.tokenReuse',
} as const;
export type SignalSeries = keyof typeof SIGNAL_EVENT_TYPES;
export const SIGNAL_SERIES = Object.keys(SIGNAL_EVENT_TYPES) as SignalSeries[];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
