import { z } from 'zod/mini';
import type { VaultTree } from '../cache/vault-tree';
import type { PasswordPolicy } from '../contract/app-settings';
import { PERMISSIONS, type Permission } from '../contract/permission-set';
import { isClipboardClearSeconds } from '../settings/clipboard-clear';
import { MAX_GROUP_DOMAINS, MAX_OWN_GROUPS } from '../vault/matching/domain-group-limits';
import type { RevisionChange } from '../vault/revision-diff';
import type { PasswordHealthReport } from '../vault/password-health';
import type { SecuritySignals } from '../contract/security-signals';
import type { ShareLink } from '../contract/share-links';
import type { ImportTargetReply } from '../session/vault-transfer';
import type { ExportedVault } from '../vault/export/exported-vault';
import { FIELD_TYPES, URL_MATCHES } from '../contract/item-kinds';
import { MAX_BULK_ITEMS } from '../contract/bulk-limit';
import { ACCESS_LEVELS, GRANT_LEVELS, type AccessLevel, type GrantLevel } from '../contract/access-levels';

// Every message that crosses a context boundary (page ↔ worker ↔ content script) is defined here and
// parsed on arrival: a content script runs beside hostile page code, so nothing it sends is trusted
// until it has the exact shape we expect. Extension pages (popup, vault page) are trusted callers,
// but their messages are still parsed so a bug cannot reach the worker as an odd shape.

const text = (max: number) => z.string().check(z.maxLength(max));
const secret = text(4096);
const itemId = text(64);
const totpCode = z.string().check(z.regex(/^\d{6}$/));
const searchLimit = z.int().check(z.positive(), z.maximum(500));
// pageOrigin: the origin of the tab the popup was opened over, which the popup read from the tabs
// API (an extension page is a trusted caller); that site's entries rank first.
const pageOrigin = text(2048);
// The audit log's filters, as GET /api/v1/audit/events takes them (the server checks them again).
const auditFilters = z.object({
  actor: z.optional(text(254)),
  type: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*\.?$/), z.maxLength(100))),
  vaultId: z.optional(itemId),
  from: z.optional(z.int().check(z.nonnegative())),
  to: z.optional(z.int().check(z.nonnegative())),
});
const passwordRules = z.object({ minLength: z.int().check(z.minimum(8), z.maximum(128)), requireUppercase: z.boolean(), requireDigits: z.boolean(), requireSpecial: z.boolean() });

/** Messages extension pages (popup, vault page) send to the background. */
export const pageRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status') }),
  z.object({ type: z.literal('tab.probe'), tabId: z.int().check(z.nonnegative()) }),
  z.object({ type: z.literal('server.set'), url: text(2048) }),
  z.object({
    type: z.literal('account.setup'),
    setupToken: text(256),
    organisationName: text(200),
    login: text(200),
    loginPassword: secret,
    masterPassword: secret,
  }),
  z.object({ type: z.literal('account.join'), invitationLink: text(4096), login: text(200), loginPassword: secret, masterPassword: secret }),
  z.object({ type: z.literal('session.login'), login: text(200), password: secret, totp: z.optional(totpCode) }),
  // firstEntries: the list the popup shows next comes back with the unlock, one round trip sooner.
  z.object({ type: z.literal('session.unlock'), masterPassword: secret, firstEntries: z.optional(z.object({ pageOrigin: z.optional(pageOrigin), limit: z.optional(searchLimit) })) }),
  z.object({ type: z.literal('session.lock') }),
  z.object({ type: z.literal('session.signOut') }),
  z.object({ type: z.literal('sync.now') }),
  z.object({ type: z.literal('entries.search'), query: text(500), pageOrigin: z.optional(pageOrigin), limit: z.optional(searchLimit) }),
  // The vault page: its navigation, and one window of its entry list (lib/cache/entry-listing.ts).
  z.object({ type: z.literal('vault.tree') }),
  z.object({
    type: z.literal('entries.list'),
    query: text(500),
    vaultId: z.optional(itemId),
    folderId: z.optional(z.nullable(itemId)),
    tag: z.optional(text(200)),
    colour: z.optional(text(32)),
    favourite: z.optional(z.boolean()),
    trash: z.optional(z.boolean()),
    sort: z.enum(['name', 'updated']),
    offset: z.int().check(z.nonnegative()),
    limit: searchLimit,
  }),
  z.object({ type: z.literal('entry.reveal'), itemId, field: z.enum(['login', 'password']) }),
  // The vault page: one entry with every field named (text fields with their values), and any
  // field's value shown on demand, which the worker reports to the server as a reveal.
  z.object({ type: z.literal('entry.read'), itemId }),
  z.object({ type: z.literal('entry.revealField'), itemId, fieldId: text(64) }),
  // The vault page's changes, sealed by the worker with the entry's keys and sent to the server.
  z.object({
    type: z.literal('entry.save'),
    /** Absent for a new entry. */
    itemId: z.optional(itemId),
    /** The revision the edit was made from: a save over a newer one is refused (someone saved first). */
    revision: z.optional(z.int().check(z.positive())),
    vaultId: itemId,
    folderId: z.nullable(itemId),
    name: text(200),
    login: text(200),
    urls: z.array(z.object({ url: text(2048), match: z.enum(URL_MATCHES) })).check(z.maxLength(20)),
    /** A field's value null: unchanged (the page never held it). */
    fields: z.array(z.object({ id: text(64), type: z.enum(FIELD_TYPES), label: text(200), value: z.nullable(text(100_000)) })).check(z.maxLength(64)),
    tags: z.array(text(64)).check(z.maxLength(50)),
    colour: z.nullable(text(32)),
    description: text(10_000),
    favourite: z.boolean(),
  }),
  // Folders: names are clear metadata, so the worker only relays these to the server, then syncs.
  z.object({ type: z.literal('folder.create'), vaultId: itemId, parentId: z.nullable(itemId), name: text(200) }),
  z.object({ type: z.literal('folder.rename'), folderId: itemId, name: text(200) }),
  z.object({ type: z.literal('folder.trash'), folderId: itemId }),
  z.object({ type: z.literal('folder.restore'), folderId: itemId }),
  z.object({ type: z.literal('vault.create'), name: text(200), kind: z.enum(['company', 'private']) }),
  z.object({ type: z.literal('vault.rename'), vaultId: itemId, name: text(200) }),
  z.object({ type: z.literal('vault.delete'), vaultId: itemId }),
  z.object({ type: z.literal('vault.members'), vaultId: itemId }),
  z.object({ type: z.literal('members.directory') }),
  z.object({ type: z.literal('account.fingerprint') }),
  z.object({ type: z.literal('vault.setAccess'), vaultId: itemId, userId: itemId, level: z.enum(ACCESS_LEVELS), fingerprint: z.nullable(z.string().check(z.regex(/^[0-9a-f]{64}$/))) }),
  z.object({ type: z.literal('vault.removeMember'), vaultId: itemId, userId: itemId }),
  z.object({ type: z.literal('vault.access'), vaultId: itemId, folderId: z.nullable(itemId) }),
  z.object({ type: z.literal('vault.grant'), vaultId: itemId, principalType: z.enum(['user', 'group']), principalId: itemId, folderId: z.nullable(itemId), level: z.enum([...GRANT_LEVELS, 'reset']) }),
  z.object({ type: z.literal('vault.revoke'), vaultId: itemId, principalType: z.enum(['user', 'group']), principalId: itemId, folderId: z.nullable(itemId) }),
  z.object({ type: z.literal('vault.rotateKey'), vaultId: itemId }),
  z.object({ type: z.literal('vault.rekey'), vaultId: itemId }),
  z.object({ type: z.literal('groups.list') }),
  z.object({ type: z.literal('groups.create'), name: text(200) }),
  z.object({ type: z.literal('groups.rename'), groupId: itemId, name: text(200) }),
  z.object({ type: z.literal('groups.delete'), groupId: itemId }),
  z.object({ type: z.literal('groups.addMember'), groupId: itemId, userId: itemId }),
  z.object({ type: z.literal('groups.removeMember'), groupId: itemId, userId: itemId }),
  z.object({ type: z.literal('sessions.list') }),
  z.object({ type: z.literal('sessions.revoke'), sessionId: itemId }),
  z.object({ type: z.literal('mfa.status') }),
  z.object({ type: z.literal('mfa.start') }),
  z.object({ type: z.literal('mfa.confirm'), code: totpCode }),
  z.object({ type: z.literal('mfa.disable'), code: totpCode }),
  z.object({ type: z.literal('entry.history'), itemId }),
  z.object({ type: z.literal('entry.restoreRevision'), itemId, revision: z.int().check(z.positive()) }),
  z.object({ type: z.literal('entry.trash'), itemId }),
  z.object({ type: z.literal('entry.restore'), itemId }),
  z.object({ type: z.literal('entry.purge'), itemId }),
  z.object({ type: z.literal('entry.totp'), itemId }),
  // Attachments (lib/session/attachment-transfers.ts): chunks as base64url, one in flight each way.
  z.object({ type: z.literal('attachments.list'), itemId, revision: z.optional(z.int().check(z.positive())) }),
  z.object({ type: z.literal('attachments.uploadStart'), itemId, name: z.string().check(z.minLength(1), z.maxLength(1000)), mediaType: text(255), size: z.int().check(z.nonnegative()) }),
  z.object({ type: z.literal('attachments.uploadChunk'), uploadId: itemId, data: text(1_400_000) }),
  z.object({ type: z.literal('attachments.uploadFinish'), uploadId: itemId, itemId }),
  z.object({ type: z.literal('attachments.uploadCancel'), uploadId: itemId }),
  z.object({ type: z.literal('attachments.downloadStart'), itemId, attachmentId: itemId, revision: z.optional(z.int().check(z.positive())) }),
  z.object({ type: z.literal('attachments.downloadChunk'), downloadId: itemId }),
  z.object({ type: z.literal('attachments.remove'), itemId, attachmentId: itemId }),
  z.object({ type: z.literal('clipboard.copied'), itemId, field: z.enum(['login', 'password', 'totp']) }),
  // The inline menu (an extension page framed in the page): its frame's parent is the page it serves.
  z.object({ type: z.literal('menu.entries') }),
  z.object({ type: z.literal('menu.fill'), itemId }),
  z.object({ type: z.literal('menu.close') }),
  // The menu of a new-password box: a password made for the site's rules, and its use.
  z.object({ type: z.literal('menu.suggestion') }),
  z.object({ type: z.literal('menu.useSuggestion') }),
  // The save bar (an extension page framed in the tab's top frame): what it offers, and the user's answer.
  z.object({ type: z.literal('bar.offer') }),
  z.object({ type: z.literal('bar.save'), name: text(200), vaultId: itemId, folderId: z.nullable(itemId) }),
  z.object({ type: z.literal('bar.update') }),
  z.object({ type: z.literal('bar.never') }),
  z.object({ type: z.literal('bar.dismiss') }),
  // The popup's Fill: the worker takes the page's URL from the tab itself, never from the request.
  z.object({ type: z.literal('autofill.fill'), tabId: z.int().check(z.nonnegative()), itemId, allowInsecure: z.optional(z.boolean()) }),
  z.object({
    type: z.literal('settings.set'),
    language: z.optional(z.enum(['auto', 'en', 'es', 'fr', 'de', 'zh'])),
    autoLockMinutes: z.optional(z.int().check(z.minimum(1), z.maximum(24 * 60))),
    clipboardClearSeconds: z.optional(z.int().check(z.refine(isClipboardClearSeconds))),
    // Checked again by the worker: each group must be the registrable domains parseDomainGroup gives.
    domainGroups: z.optional(z.array(z.array(text(253)).check(z.maxLength(MAX_GROUP_DOMAINS))).check(z.maxLength(MAX_OWN_GROUPS))),
    // The sites the save bar never asks about again ("Never for this site"); the settings page removes them.
    neverSave: z.optional(z.array(text(253)).check(z.maxLength(1000))),
  }),
  z.object({ type: z.literal('masterPassword.change'), current: secret, next: secret }),
  // The admin console (organisation administrators; the server refuses anyone else).
  z.object({ type: z.literal('admin.users') }),
  z.object({ type: z.literal('admin.suspend'), userId: itemId }),
  z.object({ type: z.literal('admin.reactivate'), userId: itemId }),
  z.object({ type: z.literal('admin.deleteUser'), userId: itemId }),
  z.object({ type: z.literal('admin.resetLoginPassword'), userId: itemId, password: secret }),
  z.object({ type: z.literal('admin.resetMfa'), userId: itemId }),
  z.object({ type: z.literal('admin.invite'), role: z.enum(['administrator', 'member']) }),
  z.object({ type: z.literal('admin.invitations') }),
  z.object({ type: z.literal('admin.pending') }),
  // `fingerprint`: the one the administrator was shown and compared; the worker certifies only those keys.
  z.object({ type: z.literal('admin.certify'), userId: itemId, fingerprint: z.string().check(z.regex(/^[0-9a-f]{64}$/)) }),
  z.object({ type: z.literal('admin.mfaRule') }),
  // Machine accounts (manageUsers; making one or a key needs the organisation key, so an administrator).
  z.object({ type: z.literal('admin.machines') }),
  z.object({ type: z.literal('admin.createMachine'), name: text(254), accessKeyName: text(100), expiresAt: z.nullable(z.int()) }),
  z.object({ type: z.literal('admin.createAccessKey'), machineId: itemId, name: text(100), expiresAt: z.nullable(z.int()) }),
  z.object({ type: z.literal('admin.revokeAccessKey'), machineId: itemId, keyId: text(22) }),
  z.object({ type: z.literal('admin.requireMfa'), on: z.boolean() }),
  // Roles of delegated administration and the password policy (the server checks every permission again).
  z.object({ type: z.literal('admin.permissions') }),
  z.object({ type: z.literal('admin.roles') }),
  z.object({ type: z.literal('admin.createRole'), name: text(100), permissions: z.array(z.enum(PERMISSIONS)).check(z.maxLength(PERMISSIONS.length)) }),
  z.object({ type: z.literal('admin.updateRole'), roleId: itemId, name: text(100), permissions: z.array(z.enum(PERMISSIONS)).check(z.maxLength(PERMISSIONS.length)) }),
  z.object({ type: z.literal('admin.deleteRole'), roleId: itemId }),
  z.object({ type: z.literal('admin.setRole'), userId: itemId, roleId: itemId }),
  z.object({ type: z.literal('admin.passwordPolicy') }),
  z.object({ type: z.literal('admin.setPasswordPolicy'), policy: z.object({ loginPassword: passwordRules, masterPassword: passwordRules }) }),
  // Account recovery (docs/access-control.md): an administrator makes the link; its user makes new keys with it.
  z.object({ type: z.literal('admin.recover'), userId: itemId }),
  z.object({ type: z.literal('account.recover'), recoveryLink: text(4096), login: text(200), loginPassword: secret, masterPassword: secret }),
  // Sharing one entry (docs/access-control.md, "Sharing one entry"): shortcuts in other vaults, and inboxes.
  z.object({ type: z.literal('entry.shares'), itemId }),
  z.object({ type: z.literal('entry.placeShortcut'), itemId, vaultId: itemId, folderId: z.nullable(itemId) }),
  z.object({ type: z.literal('shortcut.remove'), shortcutId: itemId }),
  z.object({ type: z.literal('shortcuts.list'), vaultId: itemId, folderId: z.nullable(itemId) }),
  z.object({ type: z.literal('shortcut.read'), shortcutId: itemId }),
  z.object({ type: z.literal('shortcut.revealField'), shortcutId: itemId, fieldId: text(64) }),
  // `fingerprint`: the recipient's key as the user was shown it; the worker wraps only to that key.
  z.object({ type: z.literal('entry.sendToInbox'), itemId, userId: itemId, fingerprint: z.string().check(z.regex(/^[0-9a-f]{64}$/)) }),
  z.object({ type: z.literal('inbox.list') }),
  z.object({ type: z.literal('inbox.read'), shareId: itemId }),
  z.object({ type: z.literal('inbox.revealField'), shareId: itemId, fieldId: text(64) }),
  z.object({ type: z.literal('inbox.remove'), shareId: itemId }),
  // Share links (docs/sharing.md): the worker re-encrypts the entry under a fresh link key it never keeps.
  z.object({ type: z.literal('entry.links'), itemId }),
  z.object({
    type: z.literal('entry.createLink'),
    itemId,
    expiresInSeconds: z.nullable(z.int().check(z.minimum(3600), z.maximum(30 * 24 * 3600))),
    maxViews: z.nullable(z.int().check(z.minimum(1), z.maximum(1000))),
  }),
  z.object({ type: z.literal('link.revoke'), linkId: itemId }),
  z.object({ type: z.literal('links.mine') }),
  // The security dashboard: the worker's password report (findings only), and the server's activity signals (viewAuditLog).
  z.object({ type: z.literal('security.report'), oldAfterDays: z.int().check(z.minimum(1), z.maximum(3650)), restart: z.optional(z.boolean()) }),
  z.object({ type: z.literal('security.signals'), from: z.int().check(z.nonnegative()), to: z.int().check(z.nonnegative()), bucket: z.enum(['hour', 'day']) }),
  // The audit log (viewAuditLog; docs/audit.md "Viewer and exports"): pages of events, and exports
  // the worker streams from the server and hands to the page a piece at a time as it asks.
  z.object({ type: z.literal('audit.events'), filters: auditFilters, before: z.optional(z.int().check(z.positive())), limit: z.optional(z.int().check(z.positive(), z.maximum(500))) }),
  z.object({ type: z.literal('audit.exportStart'), format: z.enum(['csv', 'json']), filters: auditFilters }),
  z.object({ type: z.literal('audit.exportNext'), exportId: itemId }),
  z.object({ type: z.literal('audit.exportCancel'), exportId: itemId }),
  // Import and export (docs/import.md): the page parses and formats files, the worker seals and decrypts.
  z.object({ type: z.literal('import.target'), vaultId: itemId }),
  z.object({
    type: z.literal('import.store'),
    vaultId: itemId,
    items: z
      .array(
        z.object({
          folderId: z.nullable(itemId),
          name: text(500),
          login: text(500),
          urls: z.array(z.object({ url: text(2048), match: z.enum(URL_MATCHES) })).check(z.maxLength(32)),
          fields: z.array(z.object({ id: text(64), type: z.enum(FIELD_TYPES), label: text(200), value: text(200_000) })).check(z.maxLength(64)),
          tags: z.array(text(64)).check(z.maxLength(32)),
          colour: z.nullable(text(32)),
          description: text(10_000),
          favourite: z.boolean(),
        }),
      )
      .check(z.minLength(1), z.maxLength(MAX_BULK_ITEMS)),
  }),
  z.object({ type: z.literal('import.finish'), vaultId: itemId, format: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)), imported: z.int().check(z.nonnegative()), skipped: z.int().check(z.nonnegative()) }),
  // A plain (csv, json) export needs the master password typed again; the worker checks it as the unlock does.
  z.object({ type: z.literal('export.read'), vaultIds: z.array(itemId).check(z.minLength(1), z.maxLength(500)), format: z.enum(['keyhold-archive', 'csv', 'json']), masterPassword: z.optional(secret) }),
]);
export type PageRequest = z.infer<typeof pageRequest>;

/** Messages the background sends to a content script. */
export const contentRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('content.probe') }),
  // Sent by the worker to one frame after it verified the entry, matched it to the frame's URL and a
  // user asked for the fill; the frame fills only if it is still at `origin`.
  // `via: 'menu'`: asked from the inline menu, so the frame fills only while its own menu is open and seen.
  z.object({ type: z.literal('content.fill'), origin: text(2048), login: z.nullable(secret), password: z.nullable(secret), totp: z.nullable(z.string().check(z.regex(/^\d{4,10}$/))), via: z.optional(z.literal('menu')) }),
  z.object({ type: z.literal('content.menuClose') }),
  // The suggested password for the new-password boxes of the form the menu was opened on (and its current one, when known), from the open menu only.
  z.object({ type: z.literal('content.fillNewPassword'), origin: text(2048), password: secret, current: z.nullable(secret) }),
  // The top frame draws the save bar (an extension page) with `token` in its URL; the worker serves only that bar.
  z.object({ type: z.literal('content.saveBar'), token: z.string().check(z.regex(/^[A-Za-z0-9_-]{22,64}$/)) }),
  z.object({ type: z.literal('content.saveBarClose') }),
]);

/**
 * Messages a content script sends to the worker. A content script runs beside the page, so it may
 * only ask about its own frame, whose URL the worker takes from the browser's sender record.
 */
export const contentScriptRequest = z.discriminatedUnion('type', [
  // `newPassword`: the field is a sign-up or change-password form's, where the menu suggests a password.
  z.object({ type: z.literal('autofill.pageState'), newPassword: z.optional(z.boolean()) }),
  // The frame opened (or closed) its inline menu: the menu will serve this frame, as the browser names it.
  // `token`: put in the menu frame's URL, so the worker serves that frame only — not a copy the page framed itself.
  z.object({
    type: z.literal('autofill.menuOpened'),
    token: z.string().check(z.regex(/^[A-Za-z0-9_-]{22,64}$/)),
    // Opened on a new-password box: the field's passwordrules, and whether the form asks for the current password too.
    newPassword: z.optional(z.object({ rules: z.nullable(text(1000)), hasCurrent: z.boolean() })),
  }),
  z.object({ type: z.literal('autofill.menuClosed') }),
  // Saving (docs/autofill.md, "Saving"): a login form of this frame was sent with these values
  // (`password` null for a username step, `newPassword` set on a sign-up or change-password form).
  z.object({ type: z.literal('save.captured'), login: z.nullable(text(500)), password: z.nullable(secret), newPassword: z.nullable(secret) }),
  // The form this frame sent is gone without a page load (a single-page app or a fetch login signed in).
  z.object({ type: z.literal('save.succeeded') }),
  // A top frame loaded; `loginForm`: it shows a login form again (the sign-in failed, or this is its
  // next step) — looked for (a walk of the whole page) only once the worker said a login is waiting.
  z.object({ type: z.literal('save.pageLoaded'), loginForm: z.optional(z.boolean()) }),
]);
export type ContentScriptRequest = z.infer<typeof contentScriptRequest>;

/** The worker's answers to content scripts: whether to show the field's icon, nothing more. */
export interface ContentScriptReplies {
  /** `language`: the user's, for the icon's name (the page cannot read it). */
  /** The icon's accessible label comes translated: the content script carries no catalogs. */
  'autofill.pageState': { showIcon: boolean; iconLabel: string };
  'autofill.menuOpened': { opened: true };
  'autofill.menuClosed': { closed: true };
  'save.captured': { kept: boolean };
  'save.succeeded': { offered: boolean };
  /** `barToken`: draw the save bar with it (a top frame that loaded after a sign-in with something to save). */
  /** `waiting`: a login waits for this tab, so the page should say whether it shows a login form. */
  'save.pageLoaded': { barToken: string | null; waiting?: boolean };
}

/** What the save bar offers for a login the user sent: saving it, or a new password for the entry that has it. */
export type SaveOffer = { kind: 'save'; site: string; login: string } | { kind: 'update'; site: string; itemId: string; name: string; login: string };

/** One line of the inline menu: a verified entry's name and login, and its saved site when it is an equivalent domain's. */
export interface MenuEntry {
  itemId: string;
  name: string;
  login: string;
  /** The saved site's host, shown when the entry is another domain's that shares logins with this one. */
  equivalentSite: string | null;
}
export type ContentRequest = z.infer<typeof contentRequest>;

/** Where the worker's session stands, which decides the screen the popup shows. */
export type SessionState = 'needsServer' | 'signedOut' | 'locked' | 'unlocked';

/** What the background knows about itself and the session, for the popup. */
export interface StatusReply {
  version: string;
  serverUrl: string | null;
  state: SessionState;
  /** The signed-in login, when there is one (locked or unlocked). */
  login: string | null;
  /** The last server call failed to connect: what is shown comes from this device's copy. */
  offline: boolean;
  syncing: boolean;
  lastSyncAt: number | null;
  language: 'auto' | 'en' | 'es' | 'fr' | 'de' | 'zh';
  autoLockMinutes: number;
  /** Seconds before a copied value is cleared from the clipboard. */
  clipboardClearSeconds: number;
  /** The user's own groups of domains that share logins. */
  domainGroups: string[][];
  /** Sites (registrable domain, or host for IPs and single-label hosts) the save bar never asks about. */
  neverSave: string[];
  /** The organisation's password rules, for the generator and the sign-up forms (null before a server answers). */
  policy: PasswordPolicy | null;
  /** Signed up through an invitation and not yet certified by an administrator: nothing to sync yet. */
  pendingConfirmation: boolean;
  /** Signed in, but the organisation requires a second factor this account lacks: it must enrol one (mfa.start, mfa.confirm) before unlocking. */
  mfaEnrolment: boolean;
}

/** One row of the popup's entry list: what the list shows, nothing secret. */
export interface EntryRow {
  id: string;
  vaultId: string;
  name: string;
  login: string;
  /** The first URL's host, to show where the entry belongs. */
  host: string | null;
  hasPassword: boolean;
  hasTotp: boolean;
  favourite: boolean;
  /** True for entries that match the tab the popup was opened on. */
  currentSite: boolean;
}

export interface EntriesReply {
  rows: EntryRow[];
  /** How many entries the search matched in all (rows holds the first `limit`). */
  total: number;
}

/** One row of the vault page's entry list: the entry's clear metadata, nothing secret. */
export interface ListRow {
  id: string;
  vaultId: string;
  folderId: string | null;
  name: string;
  login: string;
  /** The first URL's host. */
  host: string | null;
  tags: string[];
  colour: string | null;
  favourite: boolean;
  hasPassword: boolean;
  hasTotp: boolean;
  updatedAt: number;
  /** When it went to the trash; null for a live entry. */
  deletedAt: number | null;
}

/** One window of the vault page's list, and how many entries the whole list holds. */
export interface ListReply {
  rows: ListRow[];
  total: number;
}

/** One field of an entry as the vault page shows it: a text field's value, the others only on demand. */
export interface EntryViewField {
  id: string;
  type: 'password' | 'text' | 'totp' | 'notes';
  label: string;
  /** The value of a text field; null for password, one-time code and notes fields, revealed on demand. */
  value: string | null;
}

/** One entry, its metadata verified by its MAC, as the vault page shows it. */
export interface EntryView {
  id: string;
  vaultId: string;
  folderId: string | null;
  revision: number;
  name: string;
  login: string;
  urls: { url: string; match: (typeof URL_MATCHES)[number] }[];
  tags: string[];
  colour: string | null;
  description: string;
  favourite: boolean;
  updatedAt: number;
  deletedAt: number | null;
  fields: EntryViewField[];
}

/** One of the user's signed-in sessions (this device's is `current`). */
export interface SessionRow {
  id: string;
  current: boolean;
  /** Signed in from the browser extension (else the CLI or another client). */
  browserMode: boolean;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastUsedAt: number;
}

/** A member of the organisation whose certificate verified: whom a vault can be shared with. */
export interface DirectoryMember {
  userId: string;
  login: string;
  /** As the organisation signed it. */
  role: 'administrator' | 'member';
  /** Their encryption key's fingerprint (lowercase hex SHA-256), shown to compare before sharing. */
  fingerprint: string;
}

/** Someone who may open a vault, as the vault page lists them. */
export interface VaultMemberRow {
  userId: string;
  /** The signed-in user's own row. */
  me: boolean;
  login: string;
  level: AccessLevel;
  /** False while nobody has wrapped the vault's key to them: "access pending" to them, "needs confirmation" to whoever may share. */
  hasKey: boolean;
  /** Their verified encryption key's fingerprint; null when their certificate does not verify (never wrapped to). */
  fingerprint: string | null;
  /** The login of whoever granted the access, as the server records it (not signed), when that member's certificate verifies. */
  grantedBy: string | null;
}

/** Where a person's effective right comes from (docs/access-control.md): their own entry, their groups, or nobody. folderId null: the vault root. */
export type RightSourceView = { kind: 'user'; folderId: string | null } | { kind: 'groups'; groups: { groupId: string; name: string; folderId: string | null }[]; resetAt?: string | null | undefined } | { kind: 'none'; resetAt?: string | null | undefined };

/** A vault's access list as the vault page shows it: every entry, and each person's effective right at the vault or a folder. */
export interface VaultAccessView {
  grants: { principalType: 'user' | 'group'; principalId: string; name: string; folderId: string | null; level: GrantLevel | 'reset'; grantedBy: string; createdAt: number }[];
  people: { userId: string; login: string; level: GrantLevel | null; source: RightSourceView; hasKey: boolean }[];
}

/** A group as the vault page lists it. */
export interface GroupRow {
  id: string;
  name: string;
  memberIds: string[];
}

/** A file of an entry as a page shows it (its name and type verified under the entry key in the worker). */
export interface AttachmentRow {
  id: string;
  name: string;
  type: string;
  size: number;
  createdAt: number;
  /** Set when it was removed from the entry and is kept for earlier revisions. */
  removedRevision: number | null;
}

/** One revision of an entry in its history: when, by whom, and what it changed (never values). */
export interface RevisionInfo {
  revision: number;
  /** When this revision was saved. */
  at: number;
  /** Saved by the signed-in user (else by another member). */
  byMe: boolean;
  /** The entry as it is now. */
  current: boolean;
  /** What this revision changed from the one before; null for the first revision shown when the one before it is not (kept or listed). */
  changes: RevisionChange[] | null;
}

/** The audit log's filters, each optional: who (login or id), what (a type, or a family ending in "."), which vault, when (ms). */
export type AuditFilterValues = z.infer<typeof auditFilters>;

/** One event as the audit log viewer shows it; logins and vault names as the server resolved them (null: gone). */
export interface AuditEventRow {
  seq: number;
  occurredAt: number;
  type: string;
  actor: { type: string; id: string | null; login: string | null };
  target: { type: string; id: string; name: string | null } | null;
  vault: { id: string; name: string | null } | null;
  ip: string | null;
  browserMode: boolean | null;
  details: Record<string, unknown>;
  hash: string | null;
}

/** A page of the audit log, newest first; `nextBefore` asks for the next (null: none left). */
export interface AuditPage {
  events: AuditEventRow[];
  nextBefore: number | null;
}

/** One account as the admin console lists it. */
export interface AdminUserRow {
  id: string;
  login: string;
  role: 'owner' | 'administrator' | 'member' | 'pending';
  /** The role of delegated administration (a built-in id or a custom role's); `role` is the certificate's. */
  roleId: string;
  status: 'pending' | 'active' | 'suspended';
  mfa: boolean;
  certificatePending: boolean;
  createdAt: number;
  lastSignInAt: number | null;
}

/**
 * What the signed-in account may administer: the permissions of its role, and whether its
 * certificate makes it an administrator (who alone holds the organisation key: invites, certifies).
 */
export interface AdminPermissions {
  roleId: string;
  permissions: Permission[];
  administrator: boolean;
  owner: boolean;
}

/** A role as the admin console lists it: built-in roles' names are their ids, which the page translates. */
export interface RoleRow {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: Permission[];
  userCount: number;
}

/** A new invitation: the link to send (its fragment never reached the server) and when it stops working. */
export interface InvitationCreated {
  id: string;
  role: 'administrator' | 'member';
  link: string;
  expiresAt: number;
}

/** A recovery link for one account: shown once to the administrator who made it, to hand to its user. */
export interface RecoveryCreated {
  userId: string;
  login: string;
  link: string;
  expiresAt: number;
}

/** An access key as the admin console lists it (its text is shown only when it is made). */
export interface AccessKeyRow {
  id: string;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** A machine account as the admin console lists it. */
export interface MachineRow {
  id: string;
  name: string;
  createdAt: number;
  accessKeys: AccessKeyRow[];
}

/** A new machine account with its first access key's text: shown once, never stored. */
export interface MachineCreated {
  machine: MachineRow;
  accessKey: string;
}

/** A new access key with its text: shown once, never stored. */
export interface AccessKeyCreated {
  machineId: string;
  key: AccessKeyRow;
  accessKey: string;
}

/** An invitation as the admin console lists it (the link itself is shown only when it is made). */
export interface InvitationRow {
  id: string;
  role: 'administrator' | 'member';
  createdAt: number;
  expiresAt: number;
  /** Someone registered with it (waiting for a certificate, or certified). */
  accepted: boolean;
}

/**
 * A newcomer waiting for a certificate, with the fingerprint of the encryption key they registered:
 * `verified` when their keys' MAC checks with the invitation's secret (only then may they be certified).
 */
export interface PendingMemberRow {
  userId: string;
  login: string;
  role: 'administrator' | 'member';
  fingerprint: string;
  verified: boolean;
}

/** The status after an unlock, with the first entries when the request asked for them and the vault opened. */
export interface UnlockReply extends StatusReply {
  entries?: EntriesReply;
}

export interface TotpReply {
  code: string;
  period: number;
  /** When the code stops being valid (ms since the epoch). */
  validUntil: number;
}

/** How a failed call should be explained; the popup picks the message from its catalog by `code`. */
export type ErrorCode =
  | 'malformed'
  | 'forbiddenSender'
  | 'serverNotHttps'
  | 'serverUnreachable'
  | 'notKeyhold'
  | 'wrongPassword'
  | 'wrongMasterPassword'
  | 'mfaRequired'
  | 'mfaInvalid'
  | 'rateLimited'
  | 'organisationKeyChanged'
  | 'invitationInvalid'
  | 'setupTokenInvalid'
  | 'alreadySetUp'
  | 'passwordChoice'
  | 'locked'
  | 'signedOut'
  | 'notFound'
  | 'tampered'
  | 'conflict'
  | 'accessPending'
  | 'shareStale'
  | 'accountSuspended'
  | 'mfaEnrolmentRequired'
  | 'notForThisSite'
  | 'insecurePage'
  | 'fillRefused'
  | 'server'
  | 'internal';

/** A shortcut and an inbox share of an entry, as its sharer sees them. */
export interface EntrySharesView {
  shortcuts: { id: string; vaultId: string; vaultName: string | null; folderId: string | null; createdAt: number }[];
  inbox: { id: string; recipientLogin: string; createdAt: number }[];
}

/** A shortcut where the user may read: the entry's clear name and login, as synced; `stale` once its key no longer opens the entry. */
export interface ShortcutRow {
  id: string;
  itemId: string;
  vaultId: string;
  folderId: string | null;
  name: string;
  login: string;
  host: string | null;
  stale: boolean;
}

/** An entry sent to the user; `problem` says why it cannot be opened (a signature or binding that does not verify, or a key changed since). */
export interface InboxRow {
  id: string;
  itemId: string;
  senderLogin: string;
  createdAt: number;
  name: string;
  login: string;
  host: string | null;
  problem: null | 'stale' | 'unverified';
}

/** A share link the user made, with its entry's name from this device's index: null where the entry is no longer readable here. */
export type OwnShareLink = ShareLink & { entryName: string | null };

/** The password report while its run goes on, or when done: findings only, never a password. */
export type SecurityReportStatus = { state: 'running'; done: number; total: number } | { state: 'done'; report: PasswordHealthReport; finishedAt: number };

/** Maps each page request to the reply type the background sends back. */
export interface PageReplies {
  status: StatusReply;
  'tab.probe': TabProbeReply;
  'server.set': StatusReply;
  'account.setup': StatusReply;
  'account.join': StatusReply;
  'session.login': StatusReply;
  'session.unlock': UnlockReply;
  'session.lock': StatusReply;
  'session.signOut': StatusReply;
  'sync.now': StatusReply;
  'entries.search': EntriesReply;
  'vault.tree': VaultTree;
  'entries.list': ListReply;
  'entry.reveal': { value: string };
  'entry.read': EntryView;
  'entry.revealField': { value: string };
  'entry.save': { itemId: string };
  'folder.create': { folderId: string };
  'folder.rename': { folderId: string };
  'folder.trash': { folderId: string };
  'folder.restore': { folderId: string };
  'vault.create': { vaultId: string };
  'vault.rename': { vaultId: string };
  'vault.delete': { vaultId: string };
  'vault.members': VaultMemberRow[];
  'members.directory': { members: DirectoryMember[]; unverified: number };
  'account.fingerprint': { fingerprint: string };
  'vault.setAccess': { userId: string };
  'vault.removeMember': { userId: string };
  'vault.access': VaultAccessView;
  'vault.grant': { principalId: string };
  'vault.revoke': { principalId: string };
  /** The vault's new key version, the entries re-keyed under it, and those left for later (changed meanwhile). */
  'vault.rotateKey': { keyVersion: number; rekeyed: number; left: number };
  'vault.rekey': { rekeyed: number; left: number };
  'groups.list': GroupRow[];
  'groups.create': { groupId: string };
  'groups.rename': { groupId: string };
  'groups.delete': { groupId: string };
  'groups.addMember': { groupId: string };
  'groups.removeMember': { groupId: string };
  'sessions.list': SessionRow[];
  'sessions.revoke': { sessionId: string };
  'mfa.status': { on: boolean };
  /** `uri`: the otpauth:// address the vault page shows as a QR code; `secret`: the same, to type in. */
  'mfa.start': { secret: string; uri: string };
  /** Shown once: the server keeps only their MACs. */
  'mfa.confirm': { recoveryCodes: string[] };
  'mfa.disable': { off: true };
  'entry.history': RevisionInfo[];
  'entry.restoreRevision': { itemId: string };
  'entry.trash': { itemId: string };
  'entry.restore': { itemId: string };
  'entry.purge': { itemId: string };
  'entry.totp': TotpReply;
  'attachments.list': AttachmentRow[];
  'attachments.uploadStart': { uploadId: string };
  'attachments.uploadChunk': { taken: true };
  'attachments.uploadFinish': AttachmentRow;
  'attachments.uploadCancel': { cancelled: true };
  'attachments.downloadStart': { downloadId: string; name: string; type: string; size: number };
  /** The next verified chunk (base64url), or null once the whole file verified. */
  'attachments.downloadChunk': { data: string | null };
  'attachments.remove': { removed: true };
  'clipboard.copied': { clearAfterSeconds: number };
  'autofill.fill': { filled: (typeof FILLED_FIELDS)[number][]; contentMs?: number };
  'menu.entries': MenuEntry[];
  'menu.fill': { filled: (typeof FILLED_FIELDS)[number][] };
  'menu.close': { closed: true };
  /** `currentFor`: the entry whose current password the fill also puts in (a change-password form), named for the user to see. */
  'menu.suggestion': { password: string; site: string; currentFor: string | null };
  'menu.useSuggestion': { filled: (typeof FILLED_FIELDS)[number][] };
  'bar.offer': SaveOffer;
  'bar.save': { itemId: string };
  'bar.update': { itemId: string };
  'bar.never': { closed: true };
  'bar.dismiss': { closed: true };
  'settings.set': StatusReply;
  'masterPassword.change': StatusReply;
  /** `loginPassword`: the organisation's login password rules, to check a reset before the server does (null when it did not say). */
  'admin.users': { users: AdminUserRow[]; loginPassword: PasswordPolicy['loginPassword'] | null };
  'admin.suspend': AdminUserRow;
  'admin.reactivate': AdminUserRow;
  'admin.deleteUser': { userId: string };
  'entry.shares': EntrySharesView;
  'entry.placeShortcut': { shortcutId: string };
  'shortcut.remove': { shortcutId: string };
  'shortcuts.list': ShortcutRow[];
  'shortcut.read': EntryView;
  'shortcut.revealField': { value: string };
  'entry.sendToInbox': { shareId: string };
  'inbox.list': InboxRow[];
  'inbox.read': EntryView;
  'inbox.revealField': { value: string };
  'inbox.remove': { shareId: string };
  'entry.links': ShareLink[];
  /** `url`: the whole link with its secret, shown once and never stored. */
  'entry.createLink': { linkId: string; url: string };
  'link.revoke': { linkId: string };
  'links.mine': OwnShareLink[];
  'admin.resetLoginPassword': { userId: string };
  'admin.resetMfa': AdminUserRow;
  'admin.invite': InvitationCreated;
  'admin.invitations': InvitationRow[];
  'admin.pending': PendingMemberRow[];
  'admin.certify': { userId: string };
  'admin.mfaRule': { requireMfa: boolean };
  'admin.machines': MachineRow[];
  'admin.createMachine': MachineCreated;
  'admin.createAccessKey': AccessKeyCreated;
  'admin.revokeAccessKey': { keyId: string };
  'admin.requireMfa': { requireMfa: boolean };
  'admin.permissions': AdminPermissions;
  'admin.roles': RoleRow[];
  'admin.createRole': RoleRow;
  'admin.updateRole': RoleRow;
  'admin.deleteRole': { roleId: string };
  'admin.setRole': AdminUserRow;
  'admin.passwordPolicy': PasswordPolicy;
  'admin.setPasswordPolicy': PasswordPolicy;
  'admin.recover': RecoveryCreated;
  'account.recover': StatusReply;
  'security.report': SecurityReportStatus;
  'security.signals': SecuritySignals;
  'audit.events': AuditPage;
  /** `fileName` as the server named the download; `mimeType` its content type. */
  'audit.exportStart': { exportId: string; fileName: string; mimeType: string };
  /** The next piece of the file's text; `done` once it was the last. */
  'audit.exportNext': { chunk: string; done: boolean };
  'audit.exportCancel': { cancelled: true };
  'import.target': ImportTargetReply;
  'import.store': { stored: number };
  'import.finish': { recorded: true };
  'export.read': { vaults: ExportedVault[] };
}

/** A content script's answer to a probe: it is loaded and which document it runs in. */
export const contentProbeReply = z.object({ ready: z.literal(true), href: z.string() });
export type ContentProbeReply = z.infer<typeof contentProbeReply>;

/** Why a frame did not fill: no login form, a field it must not fill, or the frame is no longer at the origin the worker checked. */
export const FILL_REFUSALS = ['noLoginForm', 'wrongOrigin', 'sandboxed', 'detached', 'disabled', 'hidden', 'zeroSize', 'transparent', 'covered'] as const;
export type FillRefusal = (typeof FILL_REFUSALS)[number];

/** A frame's answer to `content.fill`: which fields it filled, or why it filled none. */
export const FILLED_FIELDS = ['username', 'password', 'totp', 'newPassword', 'currentPassword'] as const;
// `ms`: the content script's own time for finding, checking and filling (autofill.big_page_main_thread_ms).
export const contentFillReply = z.union([z.object({ filled: z.array(z.enum(FILLED_FIELDS)), ms: z.optional(z.number()) }), z.object({ refused: z.enum(FILL_REFUSALS) })]);
export type ContentFillReply = z.infer<typeof contentFillReply>;

/** The background's answer to `tab.probe`: whether the tab's content script answered, and for which origin. */
export interface TabProbeReply {
  contentScript: boolean;
  origin: string | null;
}

/** A failure as a value: a stable code for the UI's catalog, the detail for logs and tests, and extra facts. */
export interface ReplyError {
  code: ErrorCode;
  message: string;
  /** Seconds to wait (rateLimited), the policy rules broken (passwordChoice), … */
  detail?: { retryAfterSeconds?: number; which?: 'loginPassword' | 'masterPassword'; violations?: string[]; refusal?: FillRefusal };
}

/** The envelope every reply travels in, so a failure is a value the sender can show, not a lost promise. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };
