import { auditRetentionSchema, kdfTargetSchema, passwordPolicySchema, type AppSettings, type PasswordPolicy } from '../../lib/contract/app-settings';
import { KDF_DEFAULT_ITERATIONS } from '../../lib/crypto/kdf';
import { REQUIRE_MFA_KEY } from '../sessions/sessions.repository';
import { DEFAULT_PASSWORD_POLICY } from './default-policy';
import type { SettingsRepository } from './settings.repository';

const POLICY_KEY = 'passwordPolicy';
const ORGANISATION_KEY = 'organisation';
const KDF_TARGET_KEY = 'kdfIterations';
const AUDIT_RETENTION_KEY = 'auditRetentionDays';

/** The public application settings, the password policy and the KDF target. */
export function appSettingsService(settings: SettingsRepository) {
  async function passwordPolicy(): Promise<PasswordPolicy> {
    // A stored policy that no longer parses (hand-edited database) falls back to the defaults
    // rather than failing every sign-up.
    const parsed = passwordPolicySchema.safeParse(await settings.get(POLICY_KEY));
    return parsed.success ? parsed.data : DEFAULT_PASSWORD_POLICY;
  }

  return {
    passwordPolicy,
    /** Replaces the password policy; existing passwords stay valid until changed. */
    async setPasswordPolicy(policy: PasswordPolicy): Promise<void> {
      await settings.put(POLICY_KEY, policy);
    },
    /** What GET /api/v1/app/settings returns. */
    async publicSettings(): Promise<AppSettings> {
      return { passwordPolicy: await passwordPolicy(), initialized: (await settings.get(ORGANISATION_KEY)) !== undefined };
    },
    /** The PBKDF2 iterations master keys should be derived with; the client default until an administrator sets one. */
    async kdfTarget(): Promise<number> {
      const parsed = kdfTargetSchema.shape.iterations.safeParse(await settings.get(KDF_TARGET_KEY));
      return parsed.success ? parsed.data : KDF_DEFAULT_ITERATIONS;
    },
    /** Whether every account must sign in with a second factor (off until an administrator turns it on). */
    async requireMfa(): Promise<boolean> {
      return (await settings.get(REQUIRE_MFA_KEY)) === true;
    },
    async setRequireMfa(required: boolean): Promise<void> {
      await settings.put(REQUIRE_MFA_KEY, required);
    },
    /** Days audit events are kept, or null: forever (the default, and for a stored value that no longer parses). */
    async auditRetentionDays(): Promise<number | null> {
      const parsed = auditRetentionSchema.shape.days.safeParse(await settings.get(AUDIT_RETENTION_KEY));
      return parsed.success ? parsed.data : null;
    },
    async setAuditRetentionDays(days: number | null): Promise<void> {
      await settings.put(AUDIT_RETENTION_KEY, days);
    },
    /** Replaces the KDF target; weaker records are upgraded by their clients at the next unlock. */
    async setKdfTarget(iterations: number): Promise<void> {
      await settings.put(KDF_TARGET_KEY, iterations);
    },
  };
}

export type AppSettingsService = ReturnType<typeof appSettingsService>;
