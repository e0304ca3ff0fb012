import type { PasswordPolicy } from '../../lib/contract/app-settings';
import type { MessageKey } from '../../lib/i18n/translate';
import { checkPassword, tooSimilar } from '../../lib/vault/password-policy';

/** New passwords as typed: a login password (sign-up, joining) and a master password with its confirmation. */
export interface PasswordChoice {
  loginPassword?: string;
  masterPassword: string;
  confirmation: string;
}

/**
 * Why the choice cannot be sent, as a message key, or null when it can. Checked before sending so
 * the user fixes it in place; the background checks the same rules again (passwordChoice).
 */
export function passwordChoiceProblem(policy: PasswordPolicy | null, choice: PasswordChoice): MessageKey | null {
  const { loginPassword, masterPassword, confirmation } = choice;
  if (policy && loginPassword !== undefined && checkPassword(policy.loginPassword, loginPassword).length > 0) return 'error.passwordChoice';
  if (policy && checkPassword(policy.masterPassword, masterPassword).length > 0) return 'error.passwordChoice';
  // The login password reaches the server; one close to the master password would hand it most of the vault.
  if (loginPassword !== undefined && tooSimilar(loginPassword, masterPassword)) return 'credentials.error.tooSimilar';
  if (masterPassword !== confirmation) return 'credentials.error.mismatch';
  return null;
}
