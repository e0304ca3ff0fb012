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
  /** The audit chain's link (server/audit/chain.ts); null only while 0012 had not yet run. */
  hash: string | null;
}

/** `audit_heads`: the chain head at `seq`, signed by the audit signing key (docs/audit.md). */
export interface AuditHeadsTable {
  seq: number;
  hash: string;
  signed_at: number;
  key_id: string;
  /** Base64 Ed25519 signature over server/audit/head-signature.ts's message. */
  signature: string;
}

/** `audit_cursors`: how far an outside consumer of the log (syslog forwarding) has got. */
export interface AuditCursorsTable {
  name: string;
  seq: number;
  updated_at: number;
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
  /** The role of delegated administration: a built-in id (owner, administrator, manager, user) or a custom role's (`roles`). */
  role_id: string;
  /** 'person', or 'machine': no login password, no master key; signs in with an access key (`access_keys`). */
  kind: string;
}

/** `access_keys`: a machine account's access keys; the token only as a hash, the private keys sealed for this key's holder. */
export interface AccessKeysTable {
  /** The access key's public id (base64url of 16 bytes), as in the key text. */
  id: string;
  machine_id: string;
  name: string;
  /** hex SHA-256 of the token (docs/cryptography.md "Machine access keys"). */
  token_hash: string;
  /** Server-sealed JSON: the machine's private keys and the organisation fingerprint, sealed under this key's wrapping key; null once revoked. */
  sealed_keys: string | null;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
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
  /** 'join' (a newcomer) or 'recovery' (new keys for the existing account `user_id`). */
  purpose: string;
  user_id: string | null;
  /** Recoveries: the server-keyed MAC of the accept token derived from the link's secret. */
  token_mac: string | null;
}

/** `retired_certificates`: certificates a recovery replaced; wraps their keys signed before stay verifiable. */
export interface RetiredCertificatesTable {
  user_id: string;
  certificate: string;
  retired_at: number;
}

/** `key_wraps`: signed wraps of a key to one member (JSON KeyWrap, server-sealed). */
export interface KeyWrapsTable {
  kind: string;
  subject_id: string;
  recipient_id: string;
  key_version: number;
  wrap: string;
  created_at: number;
  /** When the wrap was stored (sync serves wraps changed after a cursor); 0 for organisation wraps. */
  change_seq: Generated<number>;
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
  /** A machine's session: the access key it signed in with (revoking the key ends the session). */
  access_key_id: string | null;
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

/** `change_counter`: the one change sequence (name 'change'); every write that sync serves takes the next value. */
export interface ChangeCounterTable {
  name: string;
  value: number;
}

/** `vaults`: company and private vaults; the key itself is only in members' wraps. */
export interface VaultsTable {
  id: string;
  kind: string;
  name: string;
  key_version: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  change_seq: number;
}

/**
 * `vault_access`: who may do what in a vault (docs/access-control.md). Principal a user or a group;
 * folder '' for the vault root; level one of the six levels, or 'reset' on a user row.
 */
export interface VaultAccessTable {
  vault_id: string;
  principal_type: string;
  principal_id: string;
  folder_id: string;
  level: string;
  granted_by: string;
  created_at: number;
  change_seq: number;
}

/** `folders`: nested folders inside one vault; `deleted_at` while in the trash. */
export interface FoldersTable {
  id: string;
  vault_id: string;
  parent_id: string | null;
  name: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  change_seq: number;
}

/** `items`: clear metadata in columns (searched), the encrypted fields and entry-key wrap server-sealed in `secrets`. */
export interface ItemsTable {
  id: string;
  vault_id: string;
  folder_id: string | null;
  revision: number;
  name: string;
  login: string;
  /** JSON array of {url, match}. */
  urls: string;
  /** JSON array of strings. */
  tags: string;
  colour: string | null;
  description: string;
  favourite: number;
  metadata_mac: string;
  /** What search matches: name, login, URLs, tags and description, lowercased by the server (any script). */
  search_text: string;
  /** The tags, lowercased, one per line between newlines, for exact tag filters. */
  tag_text: string;
  /** Sealed JSON {fields, entryKey}. */
  secrets: string;
  created_at: number;
  updated_at: number;
  updated_by: string;
  deleted_at: number | null;
  change_seq: number;
}

/** `item_revisions`: every earlier revision of an item, the whole record server-sealed. */
export interface ItemRevisionsTable {
  item_id: string;
  revision: number;
  vault_id: string;
  record: string;
  created_at: number;
  created_by: string;
}

/** `sync_removals`: what sync must tell clients to drop (purged, moved away, access taken). */
export interface SyncRemovalsTable {
  change_seq: number;
  kind: string;
  object_id: string;
  /** Who may see the removal: members of this vault… */
  vault_id: string | null;
  /** …or this one user. */
  user_id: string | null;
}

/** `roles`: custom roles of delegated administration; the built-in ones live in code (lib/contract/permissions.ts). */
export interface RolesTable {
  id: string;
  name: string;
  /** JSON array of permission ids. */
  permissions: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** `groups`: named sets of users that hold rights as one principal. */
export interface GroupsTable {
  id: string;
  name: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** `group_members`: who is in which group. */
export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  added_by: string;
  added_at: number;
  change_seq: number;
}

/** `item_shortcuts`: an entry placed in a folder of another vault, its entry key wrapped by that vault's key (sealed JSON). */
export interface ItemShortcutsTable {
  id: string;
  item_id: string;
  /** Where the shortcut is placed: the target vault and folder (null: its root). */
  vault_id: string;
  folder_id: string | null;
  key_version: number;
  wrap: string;
  created_by: string;
  created_at: number;
  change_seq: number;
}

/** `inbox_shares`: an entry sent to one member, its entry key wrapped to their certified key (sealed JSON KeyWrap). */
export interface InboxSharesTable {
  id: string;
  item_id: string;
  recipient_id: string;
  sender_id: string;
  wrap: string;
  created_at: number;
}

/** `share_links`: an entry's data under a link's key (sealed), the SHA-256 of its access token, and its limits. */
export interface ShareLinksTable {
  id: string;
  item_id: string;
  vault_id: string;
  created_by: string;
  token_hash: string;
  ciphertext: string;
  created_at: number;
  expires_at: number | null;
  max_views: number | null;
  views: number;
  last_viewed_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** The whole schema as Kysely sees it; each migration that adds a table adds it here. */
/** `attachments`: a file on an entry; its name and type (client ciphertext) and its file key wrapped by the entry key, both sealed. */
export interface AttachmentsTable {
  id: string;
  item_id: string;
  metadata: string;
  wrapped_key: string;
  /** The exact size of the encrypted blob, declared at creation and checked at completion. */
  encrypted_size: number;
  /** Parts 0 … received_parts − 1 are stored. */
  received_parts: number;
  /** Null while the upload is in progress. */
  completed_at: number | null;
  /** The entry revision that was current when the file was added, and when it was removed (null: still on the entry). */
  added_revision: number;
  removed_revision: number | null;
  created_by: string;
  created_at: number;
}

/** `attachment_chunks`: the blob, one client segment per row (row 0 also holds the header), sealed by the server. */
export interface AttachmentChunksTable {
  attachment_id: string;
  idx: number;
  data: string;
}

export interface Tables {
  settings: SettingsTable;
  events: EventsTable;
  audit_heads: AuditHeadsTable;
  audit_cursors: AuditCursorsTable;
  organisation: OrganisationTable;
  users: UsersTable;
  access_keys: AccessKeysTable;
  key_wraps: KeyWrapsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  invitations: InvitationsTable;
  recovery_codes: RecoveryCodesTable;
  spent_refresh_tokens: SpentRefreshTokensTable;
  change_counter: ChangeCounterTable;
  vaults: VaultsTable;
  vault_access: VaultAccessTable;
  folders: FoldersTable;
  items: ItemsTable;
  item_revisions: ItemRevisionsTable;
  sync_removals: SyncRemovalsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  roles: RolesTable;
  retired_certificates: RetiredCertificatesTable;
  item_shortcuts: ItemShortcutsTable;
  inbox_shares: InboxSharesTable;
  share_links: ShareLinksTable;
  attachments: AttachmentsTable;
  attachment_chunks: AttachmentChunksTable;
}
