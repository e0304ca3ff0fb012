import type { Generated } from 'kysely';

/** `settings`: small JSON values by key (application settings, setup state). */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

/** `events`: what happened, in order (`seq`), for the audit log. */
export interface EventsTable {
  seq: Generated<number>;
  occurred_at: number;
  type: string;
  actor_type: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  vault_id: string | null;
  ip: string | null;
  browser_mode: number | null;
  details: string;
}

/** `organisation`: the one organisation this server holds. */
export interface OrganisationTable {
  id: string;
  name: string;
  /** JSON PublicKeyRecord of the organisation signing key. */
  signing_key: string;
  fingerprint: string;
  /** Server-sealed client ciphertext of the organisation private key (under its KEK). */
  sealed_private_key: string;
  created_at: number;
}

/** `users`: accounts, their public keys and their (client-encrypted, server-sealed) private keys. */
export interface UsersTable {
  id: string;
  login: string;
  role: string;
  status: string;
  login_password_hash: string;
  /** JSON KdfParams. */
  kdf: string;
  /** HMAC-SHA-256 of the master key hash under the server key: never the hash itself. */
  master_key_hash_mac: string;
  encryption_key: string;
  signing_key: string;
  sealed_private_keys: string;
  certificate: string | null;
  created_at: number;
  updated_at: number;
  /** The invitation the user registered with, and their MAC over their public keys under its secret. */
  invitation_id: string | null;
  keys_mac: string | null;
  /** Sealed base32 TOTP secret once the second factor is on; the pending one during enrolment. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  /** The last TOTP step accepted: a code from that step or earlier is a replay. */
  totp_last_step: number | null;
}

/** `recovery_codes`: one-time codes for a lost authenticator, stored as server-keyed MACs. */
export interface RecoveryCodesTable {
  user_id: string;
  code_mac: string;
  used_at: number | null;
}

/** `invitations`: the secret itself is only in the link; this holds it encrypted under the organisation KEK. */
export interface InvitationsTable {
  id: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  /** Server-sealed client ciphertext of the invitation secret. */
  encrypted_secret: string;
  accepted_by: string | null;
  accepted_at: number | null;
}

/** `key_wraps`: signed wraps of a key to one member (JSON KeyWrap, server-sealed). */
export interface KeyWrapsTable {
  kind: string;
  subject_id: string;
  recipient_id: string;
  key_version: number;
  wrap: string;
  created_at: number;
}

/** `sessions`: one per login; tokens are stored only as hashes. */
export interface SessionsTable {
  id: string;
  user_id: string;
  access_hash: string;
  refresh_hash: string;
  previous_refresh_hash: string | null;
  previous_valid_until: number | null;
  /** Sealed JSON of the pair issued by the last rotation, returned again within the grace window. */
  grace_pair: string | null;
  access_expires_at: number;
  refresh_expires_at: number;
  browser_mode: number;
  user_agent: string | null;
  ip: string | null;
  created_at: number;
  last_used_at: number;
  revoked_at: number | null;
}

/** `login_throttle`: failed logins by `user:<id>` or `ip:<address>`. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: number;
  blocked_until: number;
}

/** `spent_refresh_tokens`: refresh tokens rotated away; presenting one again ends its session. */
export interface SpentRefreshTokensTable {
  hash: string;
  session_id: string;
  spent_at: number;
}

/** The whole schema as Kysely sees it; each migration that adds a table adds it here. */
export interface Tables {
  settings: SettingsTable;
  events: EventsTable;
  organisation: OrganisationTable;
  users: UsersTable;
  key_wraps: KeyWrapsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  invitations: InvitationsTable;
  recovery_codes: RecoveryCodesTable;
  spent_refresh_tokens: SpentRefreshTokensTable;
}
