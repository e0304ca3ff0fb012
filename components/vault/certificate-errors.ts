import type { ErrorOverrides } from '../../lib/i18n/error-text';

// On the vault page's vault and sharing actions, a refusal the worker calls tampering is about a
// member's certificate or key (one that does not verify, or not the fingerprint shown), not an entry.
export const CERTIFICATE_ERRORS: ErrorOverrides = { tampered: 'error.certificate' };
