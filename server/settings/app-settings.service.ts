import { passwordPolicySchema, type AppSettings, type PasswordPolicy } from '../../lib/contract/app-settings';
import { DEFAULT_PASSWORD_POLICY } from './default-policy';
import type { SettingsRepository } from './settings.repository';

const POLICY_KEY = 'passwordPolicy';
const ORGANISATION_KEY = 'organisation';

/** The public application settings and the password policy. */
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
  };
}

export type AppSettingsService = ReturnType<typeof appSettingsService>;
