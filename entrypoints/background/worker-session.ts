import { browser } from '#imports';
import { catalogFileTranslators } from '../../lib/i18n/catalog-files';
import type { ContentScriptHandlers, PageHandlers } from '../../lib/messages/background-router';
import type { UnlockReply } from '../../lib/messages/protocol';
import * as admin from '../../lib/session/admin-console';
import * as machines from '../../lib/session/admin-machines';
import * as roles from '../../lib/session/admin-roles';
import { auditDownloads, auditEvents } from '../../lib/session/audit-log';
import { createKeyholdSession } from '../../lib/session/keyhold-session';
import { importTarget, readForExport, storeImported } from '../../lib/session/vault-transfer';
import { reportExport, reportImport } from '../../lib/vault/export/transfer-reports';
import type { ExportFormat } from '../../lib/vault/export/write-export';
import { entryShares, inboxRows, placeShortcut, readReceived, readShortcut, removeInboxShare, removeShortcut, revealReceivedField, revealShortcutField, sendToInbox, shortcutsIn } from '../../lib/session/entry-shares';
import type { KeyValueArea } from '../../lib/settings/settings';
import { createShareLink, entryLinks, ownLinks, revokeShareLink } from '../../lib/session/share-links';
import { createVaultCaches } from '../../lib/session/vault-caches';
import { createAttachmentTransfers } from '../../lib/session/attachment-transfers';
import { createSecurityReports } from '../../lib/session/security-report';
import { securitySignalsRoute } from '../../lib/contract/security-signals';
import { createStrengthEstimator, dictionaryPath } from '../../lib/vault/strength-estimator';
import { clipboardClearerFor, onClipboardAlarm, rememberCopied, type ClipboardClearingApi } from './clipboard';
import { fillEntry, type TabFrame } from './fill-entry';
import { createFillShortcuts } from './fill-shortcuts';
import { createGestureFill } from './gesture-fill';
import { createInlineMenuService, type MenuTabs } from './inline-menu-service';
import { createSaveService } from './save-service';

// Wires the session to this browser: storage areas, alarms, and one handler per page request.
// Every request counts as activity for auto-lock.

const AUTO_LOCK_ALARM = 'keyhold.auto-lock';
const SYNC_ALARM = 'keyhold.sync';
const SYNC_EVERY_MINUTES = 5;
const DEFAULT_SEARCH_LIMIT = 50;

export function createWorkerSession() {
  const session = createKeyholdSession({
    local: browser.storage.local as unknown as KeyValueArea,
    session: browser.storage.session as unknown as KeyValueArea,
    caches: createVaultCaches(),
    version: browser.runtime.getManifest().version,
    browserLanguages: () => navigator.languages,
  });

  const clipboard: ClipboardClearingApi = {
    storage: browser.storage.session as unknown as ClipboardClearingApi['storage'],
    alarms: browser.alarms,
    clearer: clipboardClearerFor(browser as unknown as Parameters<typeof clipboardClearerFor>[0], globalThis.navigator?.clipboard),
  };

  /** What the popup copied, looked up again here: the worker remembers only its fingerprint, to clear it later. */
  async function copiedValue(itemId: string, field: 'login' | 'password' | 'totp'): Promise<string> {
    if (field === 'totp') return (await session.totp(itemId)).code;
    return (await session.reveal(itemId, field)).value;
  }

  const fillTabs: MenuTabs = {
    get: (tabId) => browser.tabs.get(tabId),
    sendMessage: (tabId, message, options) => browser.tabs.sendMessage(tabId, message, options),
    getAllFrames: (details) => browser.webNavigation.getAllFrames(details) as Promise<TabFrame[] | null>,
  };

  // zxcvbn's common dictionaries are files of the package (wxt.config.ts), read on the first report.
  const score = createStrengthEstimator(async (file) => (await fetch(browser.runtime.getURL(dictionaryPath(file) as '/'))).json());
  const reports = createSecurityReports({ vault: () => session.openedVault(), score, now: () => Date.now() });

  const saving = createSaveService(session, fillTabs, browser.runtime.getURL('/save-bar.html'), browser.storage.session as unknown as KeyValueArea);
  const translatorFor = catalogFileTranslators((path) => fetch(browser.runtime.getURL(path as '/')));
  const menu = createInlineMenuService(session, fillTabs, browser.runtime.getURL('/inline-menu.html'), browser.storage.session as unknown as KeyValueArea, translatorFor);
  const attachments = createAttachmentTransfers(() => session.admin(async ({ api, vault }) => ({ api, vault })));
  const gesture = createGestureFill(session, fillTabs, browser.storage.session as unknown as KeyValueArea);
  const shortcuts = createFillShortcuts(gesture, async () => (await session.settings()).language, (work) => active(work), translatorFor);

  /** Alarms outlive a stopped worker, unlike timers: they drive auto-lock and background sync. */
  async function scheduleAlarms(): Promise<void> {
    if (!(await session.isUnlocked())) {
      // Locked: the logins waiting for the save bar go too.
      await Promise.all([browser.alarms.clear(AUTO_LOCK_ALARM), browser.alarms.clear(SYNC_ALARM), saving.forgetAll()]);
      return;
    }
    // Created only when missing: re-creating a periodic alarm restarts its period, and a user active
    // more often than every five minutes would never see a background sync.
    if (!(await browser.alarms.get(AUTO_LOCK_ALARM))) await browser.alarms.create(AUTO_LOCK_ALARM, { periodInMinutes: 1 });
    if (!(await browser.alarms.get(SYNC_ALARM))) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_EVERY_MINUTES });
  }

  /** Unlocks; asked for, the reply carries the first entries too, so the popup's list needs no second round trip. */
  async function unlock(masterPassword: string, first: { pageOrigin?: string; limit?: number } | undefined): Promise<UnlockReply> {
    const status = await session.unlock(masterPassword);
    if (!first || status.state !== 'unlocked') return status;
    return { ...status, entries: await session.search('', first.pageOrigin, first.limit ?? DEFAULT_SEARCH_LIMIT) };
  }

  /** Runs a request as activity: locks first if the idle time passed, then records the use. */
  async function active<T>(work: () => Promise<T>): Promise<T> {
    await session.checkIdle();
    await session.touch();
    return work();
  }

  /** A request that may lock, unlock or sign in or out: the alarms follow the new state. */
  async function changing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await active(work);
    } finally {
      // Not awaited: the reply need not wait for the alarms (the worker lives on after answering).
      void scheduleAlarms().catch(() => undefined);
    }
  }

  const downloads = auditDownloads();

  /** The vaults in clear for the page to write an export file; plain formats only after the master password is confirmed. The export is recorded before the page gets anything. */
  async function exportRead(vaultIds: string[], format: ExportFormat, masterPassword: string | undefined) {
    if (format !== 'keyhold-archive') await session.confirmMasterPassword(masterPassword ?? '');
    // The export holds the vaults as the server has them now (it must be reachable anyway: the export is recorded first).
    await session.syncNow().catch(() => undefined);
    return session.sharing(async (api, vault) => {
      const vaults = await readForExport(vault, vaultIds);
      await reportExport(api, vaultIds, format);
      return { vaults };
    });
  }

  const handlers: PageHandlers = {
    status: () => changing(() => session.status()),
    'server.set': ({ url }) => changing(() => session.setServer(url)),
    'account.setup': (request) => changing(() => session.setupOwner(request)),
    'account.join': (request) => changing(() => session.join(request)),
    'session.login': ({ login, password, totp }) => changing(() => session.login({ login, password, ...(totp ? { totp } : {}) })),
    'session.unlock': ({ masterPassword, firstEntries }) => changing(() => unlock(masterPassword, firstEntries)),
    'session.lock': () =>
      changing(() => {
        reports.forget();
        return session.lock();
      }),
    'session.signOut': () => changing(() => session.signOut()),
    'sync.now': () => changing(() => session.syncNow()),
    'entries.search': ({ query, pageOrigin, limit }) => active(() => session.search(query, pageOrigin, limit ?? DEFAULT_SEARCH_LIMIT)),
    'vault.tree': () => active(() => session.tree()),
    'entries.list': ({ type: _type, offset, limit, ...request }) => active(() => session.list(request, offset, limit)),
    'entry.reveal': ({ itemId, field }) => active(() => session.reveal(itemId, field)),
    'entry.totp': ({ itemId }) => active(() => session.totp(itemId)),
    'entry.read': ({ itemId }) => active(() => session.read(itemId)),
    'entry.revealField': ({ itemId, fieldId }) => active(() => session.revealField(itemId, fieldId)),
    'entry.save': ({ type: _type, itemId, vaultId, revision, ...edit }) => active(() => session.saveEntry(vaultId, itemId, revision, edit)),
    'folder.create': ({ vaultId, parentId, name }) => active(() => session.createFolder(vaultId, parentId, name)),
    'import.target': ({ vaultId }) => active(() => session.sharing((_api, vault) => importTarget(vault, vaultId))),
    'import.store': ({ vaultId, items }) => active(() => session.sharing((api, vault) => storeImported(api, vault, vaultId, items))),
    'import.finish': ({ vaultId, format, imported, skipped }) => active(() => session.sharing(async (api) => (await reportImport(api, vaultId, format, { imported, skipped }), { recorded: true as const }), true)),
    'export.read': ({ vaultIds, format, masterPassword }) => active(() => exportRead(vaultIds, format, masterPassword)),
    'folder.rename': ({ folderId, name }) => active(() => session.renameFolder(folderId, name)),
    'folder.trash': ({ folderId }) => active(() => session.trashFolder(folderId)),
    'folder.restore': ({ folderId }) => active(() => session.restoreFolder(folderId)),
    'vault.create': ({ name, kind }) => active(() => session.createVault(name, kind)),
    'vault.rename': ({ vaultId, name }) => active(() => session.renameVault(vaultId, name)),
    'vault.delete': ({ vaultId }) => active(() => session.deleteVault(vaultId)),
    'vault.members': ({ vaultId }) => active(() => session.membersOf(vaultId)),
    'members.directory': () => active(() => session.directory()),
    'account.fingerprint': () => active(() => session.fingerprint()),
    'vault.setAccess': ({ vaultId, userId, level, fingerprint }) => active(() => session.setAccess(vaultId, userId, level, fingerprint)),
    'vault.removeMember': ({ vaultId, userId }) => active(() => session.removeMember(vaultId, userId)),
    'vault.access': ({ vaultId, folderId }) => active(() => session.accessOf(vaultId, folderId)),
    'vault.grant': ({ type: _type, ...input }) => active(() => session.grant(input)),
    'vault.revoke': ({ type: _type, ...input }) => active(() => session.revoke(input)),
    'vault.rotateKey': ({ vaultId }) => active(() => session.rotateKey(vaultId)),
    'vault.rekey': ({ vaultId }) => active(() => session.rekey(vaultId)),
    'entry.shares': ({ itemId }) => active(() => session.sharing((api, vault) => entryShares(api, vault, itemId))),
    'entry.placeShortcut': ({ type: _type, ...input }) => active(() => session.sharing(async (api, vault) => ({ shortcutId: await placeShortcut(api, vault, input) }), true)),
    'shortcut.remove': ({ shortcutId }) => active(() => session.sharing(async (api) => (await removeShortcut(api, shortcutId), { shortcutId }), true)),
    'shortcuts.list': ({ vaultId, folderId }) => active(() => session.sharing(async (_api, vault) => shortcutsIn(vault, vaultId, folderId))),
    'shortcut.read': ({ shortcutId }) => active(() => session.sharing(async (_api, vault) => readShortcut(vault, shortcutId))),
    'shortcut.revealField': ({ shortcutId, fieldId }) => active(() => session.sharing(async (_api, vault) => ({ value: await revealShortcutField(vault, shortcutId, fieldId) }))),
    'entry.sendToInbox': ({ type: _type, ...input }) => active(() => session.sharing(async (api, vault) => ({ shareId: await sendToInbox(api, vault, input) }))),
    'inbox.list': () => active(() => session.sharing(async (api, vault) => (await inboxRows(api, vault)).rows)),
    'inbox.read': ({ shareId }) => active(() => session.sharing((api, vault) => readReceived(api, vault, shareId))),
    'inbox.revealField': ({ shareId, fieldId }) => active(() => session.sharing(async (api, vault) => ({ value: await revealReceivedField(api, vault, shareId, fieldId) }))),
    'inbox.remove': ({ shareId }) => active(() => session.sharing(async (api) => (await removeInboxShare(api, shareId), { shareId }))),
    'entry.links': ({ itemId }) => active(() => session.sharing((api) => entryLinks(api, itemId))),
    'entry.createLink': ({ type: _type, ...input }) => active(() => session.sharing((api, vault) => createShareLink(api, vault, input))),
    'link.revoke': ({ linkId }) => active(() => session.sharing(async (api) => (await revokeShareLink(api, linkId), { linkId }))),
    'links.mine': () => active(() => session.sharing((api, vault) => ownLinks(api, vault))),
    'groups.list': () => active(() => session.groups()),
    'groups.create': ({ name }) => active(() => session.createGroup(name)),
    'groups.rename': ({ groupId, name }) => active(() => session.renameGroup(groupId, name)),
    'groups.delete': ({ groupId }) => active(() => session.deleteGroup(groupId)),
    'groups.addMember': ({ groupId, userId }) => active(() => session.setGroupMember(groupId, userId, true)),
    'groups.removeMember': ({ groupId, userId }) => active(() => session.setGroupMember(groupId, userId, false)),
    'menu.entries': (_request, sender) => active(() => menu.entries(sender)),
    'menu.fill': ({ itemId }, sender) => active(() => menu.fill(sender, itemId)),
    'menu.close': (_request, sender) => menu.close(sender),
    'menu.suggestion': (_request, sender) => active(() => menu.suggestion(sender)),
    'menu.useSuggestion': (_request, sender) => active(() => menu.useSuggestion(sender)),
    'bar.offer': (_request, sender) => active(() => saving.offer(sender)),
    'bar.save': ({ name, vaultId, folderId }, sender) => active(() => saving.save(sender, { name, vaultId, folderId })),
    'bar.update': (_request, sender) => active(() => saving.update(sender)),
    'bar.never': (_request, sender) => saving.never(sender),
    'bar.dismiss': (_request, sender) => saving.dismiss(sender),
    'autofill.fill': ({ tabId, itemId, allowInsecure }) => active(() => fillEntry(session, fillTabs, { tabId, itemId, allowInsecure: allowInsecure ?? false })),
    'sessions.list': () => active(() => session.listSessions()),
    'sessions.revoke': ({ sessionId }) => active(() => session.revokeSession(sessionId)),
    'mfa.status': () => active(() => session.mfaStatus()),
    'mfa.start': () => active(() => session.mfaStart()),
    'mfa.confirm': ({ code }) => active(() => session.mfaConfirm(code)),
    'mfa.disable': ({ code }) => active(() => session.mfaDisable(code)),
    'entry.history': ({ itemId }) => active(() => session.history(itemId)),
    'entry.restoreRevision': ({ itemId, revision }) => active(() => session.restoreRevision(itemId, revision)),
    'entry.trash': ({ itemId }) => active(() => session.binEntry(itemId, 'trash')),
    'entry.restore': ({ itemId }) => active(() => session.binEntry(itemId, 'restore')),
    'entry.purge': ({ itemId }) => active(() => session.binEntry(itemId, 'purge')),
    'attachments.list': ({ itemId, revision }) => active(() => attachments.list(itemId, revision)),
    'attachments.uploadStart': ({ itemId, name, mediaType, size }) => active(() => attachments.startUpload(itemId, { name, type: mediaType, size })),
    'attachments.uploadChunk': ({ uploadId, data }) => active(() => attachments.uploadChunk(uploadId, data)),
    'attachments.uploadFinish': ({ uploadId, itemId }) => active(() => attachments.finishUpload(uploadId, itemId)),
    'attachments.uploadCancel': async ({ uploadId }) => attachments.cancelUpload(uploadId),
    'attachments.downloadStart': ({ itemId, attachmentId, revision }) => active(() => attachments.startDownload(itemId, attachmentId, revision)),
    'attachments.downloadChunk': ({ downloadId }) => active(() => attachments.downloadChunk(downloadId)),
    'attachments.remove': ({ itemId, attachmentId }) => active(() => attachments.remove(itemId, attachmentId)),
    'clipboard.copied': ({ itemId, field }) =>
      active(async () => {
        const remembered = await rememberCopied(clipboard, await copiedValue(itemId, field), (await session.settings()).clipboardClearSeconds);
        // The server's log is told beside the reply, never before it: the copy has happened.
        void session.copied(itemId, field).catch(() => undefined);
        return remembered;
      }),
    'settings.set': ({ language, autoLockMinutes, clipboardClearSeconds, domainGroups, neverSave }) =>
      active(async () => {
        const changes = { language, autoLockMinutes, clipboardClearSeconds, domainGroups, neverSave };
        // Only what the request named changes: an absent setting is not a reset.
        const status = await session.updateSettings(Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
        if (language) void shortcuts.refreshMenu().catch(() => undefined);
        return status;
      }),
    'masterPassword.change': ({ current, next }) => changing(() => session.changeMasterPassword(current, next)),
    'admin.users': () => active(() => session.admin(({ api }) => admin.listUsers(api))),
    'admin.suspend': ({ userId }) => active(() => session.admin(({ api }) => admin.suspendUser(api, userId))),
    'admin.reactivate': ({ userId }) => active(() => session.admin(({ api }) => admin.reactivateUser(api, userId))),
    'admin.deleteUser': ({ userId }) => active(() => session.admin(({ api }) => admin.deleteUser(api, userId))),
    'admin.resetLoginPassword': ({ userId, password }) => active(() => session.admin(({ api }) => admin.resetLoginPassword(api, userId, password))),
    'admin.resetMfa': ({ userId }) => active(() => session.admin(({ api }) => admin.resetMfa(api, userId))),
    'admin.invite': ({ role }) => active(() => session.admin((context) => admin.invite(context, role))),
    'admin.invitations': () => active(() => session.admin(({ api }) => admin.invitations(api))),
    'admin.pending': () => active(() => session.admin((context) => admin.pendingMembers(context))),
    'admin.certify': ({ userId, fingerprint }) => active(() => session.admin((context) => admin.certify(context, userId, fingerprint, Date.now()))),
    'admin.machines': () => active(() => session.admin(({ api }) => machines.listMachines(api))),
    'admin.createMachine': ({ name, accessKeyName, expiresAt }) => active(() => session.admin((context) => machines.createMachine(context, { name, accessKeyName, expiresAt }))),
    'admin.createAccessKey': ({ machineId, name, expiresAt }) => active(() => session.admin((context) => machines.createAccessKey(context, machineId, { name, expiresAt }))),
    'admin.revokeAccessKey': ({ machineId, keyId }) => active(() => session.admin(({ api }) => machines.revokeAccessKey(api, machineId, keyId))),
    'admin.mfaRule': () => active(() => session.admin(({ api }) => admin.mfaRule(api))),
    'admin.requireMfa': ({ on }) => active(() => session.admin(({ api }) => admin.requireMfa(api, on))),
    'admin.permissions': () => active(() => session.admin(({ api }) => roles.adminPermissions(api))),
    'admin.roles': () => active(() => session.admin(({ api }) => roles.listRoles(api))),
    'admin.createRole': ({ name, permissions }) => active(() => session.admin(({ api }) => roles.createRole(api, name, permissions))),
    'admin.updateRole': ({ roleId, name, permissions }) => active(() => session.admin(({ api }) => roles.updateRole(api, roleId, name, permissions))),
    'admin.deleteRole': ({ roleId }) => active(() => session.admin(({ api }) => roles.deleteRole(api, roleId))),
    'admin.setRole': ({ userId, roleId }) => active(() => session.admin((context) => roles.setUserRole(context, userId, roleId))),
    'admin.passwordPolicy': () => active(() => session.admin(({ api }) => roles.passwordPolicy(api))),
    'admin.setPasswordPolicy': ({ policy }) => active(() => session.admin(({ api }) => roles.setPasswordPolicy(api, policy))),
    'admin.recover': ({ userId }) => active(() => session.admin((context) => admin.recover(context, userId))),
    'account.recover': (request) => changing(() => session.recover(request)),
    'security.report': ({ oldAfterDays, restart }) => active(() => reports.status(oldAfterDays, restart ?? false)),
    'security.signals': ({ from, to, bucket }) => active(() => session.admin(({ api }) => api.call(securitySignalsRoute, { query: { from, to, bucket } }))),
    'audit.events': ({ filters, before, limit }) => active(() => session.admin(({ api }) => auditEvents(api, filters, before, limit))),
    'audit.exportStart': ({ format, filters }) => active(() => session.admin(({ api }) => downloads.start(api, format, filters))),
    'audit.exportNext': ({ exportId }) => active(() => downloads.next(exportId)),
    'audit.exportCancel': async ({ exportId }) => downloads.cancel(exportId),
  };

  async function onAlarm(name: string): Promise<void> {
    if (name === AUTO_LOCK_ALARM) await session.checkIdle();
    if (name === SYNC_ALARM) await session.syncNow();
    // A clipboard that cannot be read (no focus, no permission) is left alone rather than failing the wake-up.
    await onClipboardAlarm(clipboard, { name }).catch(() => false);
    await scheduleAlarms();
  }

  /** A browser restart ends the unlocked session even if the browser restored `storage.session`. */
  async function onStartup(): Promise<void> {
    await session.lock();
    await scheduleAlarms();
  }

  const contentHandlers: ContentScriptHandlers = {
    'autofill.pageState': ({ newPassword }, frame) => menu.pageState(frame, newPassword),
    'autofill.menuOpened': ({ token, newPassword }, frame) => menu.menuOpened(frame, token, newPassword),
    'autofill.menuClosed': (_request, frame) => menu.menuClosed(frame),
    'save.captured': ({ login, password, newPassword }, frame) => saving.captured(frame, { login, password, newPassword }),
    'save.succeeded': (_request, frame) => saving.succeeded(frame),
    'save.pageLoaded': ({ loginForm }, frame) => saving.pageLoaded(frame, loginForm),
  };

  return { session, handlers, contentHandlers, onAlarm, onStartup, shortcuts, menu, saving };
}
