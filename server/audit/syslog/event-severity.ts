/** RFC 5424 severities Keyhold uses (section 6.2.1). */
export const SEVERITY = { warning: 4, notice: 5, informational: 6 } as const;

// Signs of an attack in progress: a SIEM should alert on these.
const WARNING = new Set(['login.failed', 'login.suspended', 'session.tokenReuse']);

// Normal but significant: someone lost access or a protection was loosened or reset.
const NOTICE = new Set([
  'user.suspended',
  'user.deleted',
  'user.mfaReset',
  'user.loginPasswordReset',
  'user.promoted',
  'user.roleChanged',
  'user.recoveryStarted',
  'user.recovered',
  'mfa.disabled',
  'role.created',
  'role.updated',
  'role.deleted',
  'vault.deleted',
]);

/** The syslog severity of an event type: warning for attacks, notice for significant changes, else informational. */
export function syslogSeverity(type: string): number {
  if (WARNING.has(type) || type.endsWith('.failed') || type.endsWith('.denied')) return SEVERITY.warning;
  if (NOTICE.has(type) || type.startsWith('settings.') || type.startsWith('audit.')) return SEVERITY.notice;
  return SEVERITY.informational;
}

/** CEF's 0–10 scale for the same judgement: warning is high (7), notice medium (5), the rest low (3). */
export function cefSeverity(syslog: number): number {
  if (syslog <= SEVERITY.warning) return 7;
  if (syslog === SEVERITY.notice) return 5;
  return 3;
}
