import { fulfilPendingGrants } from './pending-grants';
import { createAccessReports } from './access-reports';
import { rekeyEntries, rotateVaultKey, type RekeyRound } from './key-rotation';
import { reshareShortcuts } from './entry-shares';
import type { AdminContext } from './admin-console';
import { createGroup, deleteGroup, grantAccess, listGroups, renameGroup, revokeAccess, setGroupMember, vaultAccess, type Principal } from './access-admin';
import { ApiRequestError, createApiClient, type ApiClient } from '../api/client';
import type { ListRequest } from '../cache/entry-listing';
import { CacheCorruptError, WrongMasterKeyError } from '../cache/errors';
import { levelIn, type VaultTree } from '../cache/vault-tree';
import { createItemRoute, getSnapshotRoute, listSnapshotsRoute, moveItemRoute, purgeItemRoute, restoreItemRoute, trashItemRoute, updateItemRoute } from '../contract/items';
import { createFolderRoute, restoreFolderRoute, trashFolderRoute, updateFolderRoute } from '../contract/folders';
import { deleteVaultRoute, removeVaultMemberRoute, renameVaultRoute, type AccessLevel } from '../contract/vaults';
import { changeMasterKeyRoute, type MasterKeyChange } from '../contract/master-key';
import { confirmTotpRoute, disableMfaRoute, startTotpRoute } from '../contract/mfa';
import { listSessionsRoute, revokeSessionRoute, type TokenPair } from '../contract/sessions';
import { syncRoute } from '../contract/sync';
import { masterKeyOptionsRoute, meRoute, userKeysRoute, type SealedUserKeys } from '../contract/users';
import { AuthenticationError } from '../crypto/errors';
import { fingerprint as keyFingerprint } from '../crypto/fingerprints';
import { fromBase64Url } from '../crypto/bytes';
import { deriveMasterKey, type KdfParams, type MasterKey } from '../crypto/kdf';
import { pinnedOrganisationKey } from '../crypto/organisation';
import { decryptString, encryptString } from '../crypto/symmetric';
import { openUserKeys } from '../crypto/user-keys';
import type { KdfTarget, PasswordRules } from '../contract/app-settings';
import { acceptLanguageHeader, resolveLanguage } from '../i18n/languages';
import type { DirectoryMember, MenuEntry, EntriesReply, EntryView, ListReply, RevisionInfo, SaveOffer, SessionRow, StatusReply, TotpReply, VaultMemberRow, VaultAccessView, GroupRow } from '../messages/protocol';
import { levelAllows, type GrantLevel } from '../contract/access-levels';
import { readSettings, writeSettings, type KeyValueArea, type Settings } from '../settings/settings';
import { kdfUpgradeParams, nextKdfParams, prepareMasterPasswordChange } from '../vault/master-password';
import { newId } from '../vault/owner-setup';
import { totpCode } from '../vault/totp';
import type { AccountMaterial, CacheOwner, EntryEdit, OpenedVault, VaultCacheAccess } from './opened-vault';
import { normaliseServerUrl } from './server-url';
import { SessionError, isUnreachable } from './session-error';
import { joinOrganisation, readAppSettings, recoverAccount, setUpOwner, signIn, type ClientContext, type NewAccount } from './sign-in';
import { clearLiveSession, readAccount, readLiveSession, readPin, resumedMasterKey, storedMasterKey, writeAccount, writeLiveSession, writePin, type AccountRecord, type LiveSession } from './stored-session';
import { checkSameKeys } from './own-keys';
import { MatchIndex } from '../vault/matching/match-index';
import { parseUrl } from '../vault/matching/page-url';
import { sharedLoginsWith } from '../cache/site-matches';
import { isOwnDomainGroups } from '../vault/matching/own-domain-groups';
import type { CapturedLogin } from '../vault/saving/captured-login';
import { asksForOtherServices } from '../vault/saving/embedded-for-others';
import { parsePasswordRules, type ParsedRules } from '../vault/password-rules/parse-rules';
import { policyAsRules } from '../vault/password-rules/policy-as-rules';
import { passwordForRules } from '../vault/password-rules/password-for-rules';
import { siteRulesFor } from '../vault/password-rules/site-rules';
import { DEFAULT_PASSWORD_OPTIONS, generatePassword } from '../vault/generator';
import { MIN_SUGGESTION_BITS } from '../vault/password-rules/password-for-rules';
import type { EquivalentDomains } from '../vault/matching/equivalent-domains';
import { createTokenKeeper, type TokenKeeper } from './token-keeper';
import { createVault as createVaultOnServer, memberDirectory, ownCertificate, ownFingerprint, setMemberAccess, vaultMembers } from './vault-sharing';

// The worker's session: signed out → locked → unlocked, and back. Keys live only in this object's
// memory and, for a stopped worker to resume, the master key in `storage.session`. Everything the
// popup can do goes through here, so the rules (auto-lock, the pinned organisation key, the master
// key hash on every call) are enforced in one place.

export interface SessionDeps {
  local: KeyValueArea;
  session: KeyValueArea;
  caches: VaultCacheAccess;
  version: string;
  browserLanguages(): readonly string[];
  fetch?: typeof fetch;
  now?(): number;
  /** PBKDF2 iterations for accounts made here; tests lower it. */
  iterations?: number;
}

const wrongMasterPassword = () => new SessionError('wrongMasterPassword', 'Wrong master password.');

function sameKdf(a: KdfParams, b: KdfParams): boolean {
  return a.algorithm === b.algorithm && a.iterations === b.iterations && a.salt === b.salt && a.version === b.version;
}

const isHashMismatch = (error: unknown) => error instanceof ApiRequestError && error.code === 'masterKeyHashMismatch';

/** The server's 403 `mfaEnrolmentRequired` as the session's own code (the popup then shows the enrolment). */
function isEnrolmentRefusal(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'mfaEnrolmentRequired';
}

/** The server's 409 on enrolment (already on, or no enrolment to confirm): another tab or device changed the factor. */
function mfaConflict(error: unknown): never {
  if (error instanceof ApiRequestError && error.code === 'conflict') throw new SessionError('conflict', error.message);
  throw error;
}

/** `material` with the KDF record and sealed keys the server now holds (after a change or an upgrade). */
function withServerKeys(material: AccountMaterial, keys: Pick<SealedUserKeys, 'kdf' | 'encryptionKey' | 'signingKey'>): AccountMaterial {
  return { ...material, kdf: keys.kdf, sealedKeys: { encryptionKey: keys.encryptionKey, signingKey: keys.signingKey } };
}

/** The cache would not open with this key: a wrong password, or a cache the master key no longer fits. */
function isCacheRefusal(error: unknown): boolean {
  return error instanceof AuthenticationError || error instanceof WrongMasterKeyError || error instanceof CacheCorruptError;
}

const REFRESH_CONTEXT = (owner: CacheOwner) => `session/${owner.serverUrl}/${owner.userId}/refresh-token`;
const ACTIVITY_WRITE_INTERVAL_MS = 5_000;
/** How many logins the inline menu lists at most. */
const MENU_ENTRIES = 8;
/** How long a lock waits for queued reports to reach the server. */
const LOCK_REPORT_WAIT_MS = 2_000;

interface Unlocked {
  owner: CacheOwner;
  masterKey: MasterKey;
  vault: OpenedVault;
  material: AccountMaterial;
}

export function createKeyholdSession(deps: SessionDeps) {
  const now = () => (deps.now ? deps.now() : Date.now());
  let unlocked: Unlocked | null = null;
  let tokens: TokenKeeper | null = null;
  let live: LiveSession | null = null;
  let offline = false;
  let syncing: Promise<void> | null = null;
  /** Pending grants refused while this vault is unlocked (a certificate that did not verify): not tried again until the next unlock. */
  let refusedGrants = new Set<string>();
  let lastSyncAt: number | null = null;
  let pendingConfirmation = false;
  /** Signed in while the organisation requires a second factor this account lacks: only enrolment may follow. */
  let mfaEnrolment = false;
  let lastActivityWrite = 0;
  let resumed: Promise<void> | null = null;
  let unlocking: Promise<StatusReply> | null = null;
  let replacing: Promise<void> = Promise.resolve();

  // Only this session writes the settings and the account, so they are read from storage once per
  // worker life and kept: every request would otherwise pay for two storage reads.
  let settingsMemo: Promise<Settings> | null = null;
  let accountMemo: Promise<AccountRecord | null> | null = null;
  let accountUpdates: Promise<void> = Promise.resolve();

  function storedSettings(): Promise<Settings> {
    settingsMemo ??= readSettings(deps.local);
    return settingsMemo;
  }

  async function saveSettings(changes: Partial<Settings>): Promise<Settings> {
    const next = writeSettings(deps.local, changes);
    settingsMemo = next;
    return next;
  }

  function storedAccount(): Promise<AccountRecord | null> {
    accountMemo ??= readAccount(deps.local);
    return accountMemo;
  }

  async function saveAccount(account: AccountRecord | null): Promise<void> {
    accountMemo = Promise.resolve(account);
    await writeAccount(deps.local, account);
  }

  /** Changes one field of the stored account; one change at a time, each on the latest record. */
  function updateAccount(change: (account: AccountRecord) => AccountRecord): Promise<void> {
    const run = accountUpdates.then(async () => {
      const account = await storedAccount();
      if (!account) return;
      const next = change(account);
      if (next !== account) await saveAccount(next);
    });
    accountUpdates = run.catch(() => undefined);
    return run;
  }

  /** `storage.local` changed behind the session's back (another extension page, developer tools). */
  function rereadStorage(): void {
    settingsMemo = null;
    accountMemo = null;
  }

  async function context(settings?: Settings): Promise<ClientContext> {
    const current = settings ?? (await storedSettings());
    const language = acceptLanguageHeader(resolveLanguage(current.language, deps.browserLanguages()));
    return { language, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.iterations ? { iterations: deps.iterations } : {}) };
  }

  async function saveLive(): Promise<void> {
    if (live) await writeLiveSession(deps.session, live);
  }

  function keeperFor(serverUrl: string, initial: TokenPair | null): TokenKeeper {
    return createTokenKeeper({
      serverUrl,
      initial,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      onChange: async (next) => {
        if (!next) return endSession();
        live = { ...(live ?? { masterKey: null, lastActivityAt: now() }), tokens: next };
        await saveLive();
        if (unlocked) await sealRefreshToken(unlocked.owner, unlocked.masterKey, next);
      },
    });
  }

  // Reports of reveals, copies and fills for the server's log, sent as the account that made them
  // while it is unlocked (the request needs its master key hash); never awaited by a reply.
  /** Reports whose field is still being looked up, so a lock right after a copy still sends them. */
  const reportsBeingQueued = new Set<Promise<void>>();
  const accessReports = createAccessReports(() => {
    const current = unlocked;
    if (!current || !tokens?.current()) return null;
    return { account: `${current.owner.serverUrl} ${current.owner.userId}`, api: () => client(current.owner.serverUrl, current.masterKey) };
  });

  async function client(serverUrl: string, masterKey?: MasterKey): Promise<ApiClient> {
    const ctx = await context();
    return createApiClient({
      baseUrl: serverUrl,
      browserMode: true,
      ...(ctx.language ? { language: ctx.language } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      session: { accessToken: () => tokens?.accessToken(), refresh: () => tokens?.refresh() ?? Promise.resolve(false) },
      ...(masterKey ? { masterKeyHash: () => masterKey.hash } : {}),
    });
  }

  async function sealRefreshToken(owner: CacheOwner, masterKey: MasterKey, pair: TokenPair): Promise<void> {
    const sealedRefreshToken = await encryptString(masterKey.key, REFRESH_CONTEXT(owner), JSON.stringify(pair));
    await updateAccount((account) => (account.userId === owner.userId ? { ...account, sealedRefreshToken } : account));
  }

  async function unsealRefreshToken(account: AccountRecord, masterKey: MasterKey): Promise<TokenPair | null> {
    if (!account.sealedRefreshToken) return null;
    try {
      return JSON.parse(await decryptString(masterKey.key, REFRESH_CONTEXT(account), account.sealedRefreshToken)) as TokenPair;
    } catch {
      return null;
    }
  }

  /** The server refused the refresh token: sign in again (the account stays, to prefill the login). */
  async function endSession(): Promise<void> {
    await updateAccount((account) => ({ ...account, sealedRefreshToken: null }));
    await lock();
  }

  /** Rebuilds the session a stopped worker left in `storage.session` (once per worker life). */
  function resume(): Promise<void> {
    resumed ??= (async (): Promise<void> => {
      live = await readLiveSession(deps.session);
      const account = await storedAccount();
      if (!live || !account) return;
      tokens = keeperFor(account.serverUrl, live.tokens);
      if (await idleExpired()) {
        await lock();
        return;
      }
      if (!live.masterKey) return;
      try {
        const material = await deps.caches.cachedMaterial(account);
        // No cache to resume from (the browser evicted it): the root secret must not outlive the keys.
        if (material) await openFromCache(account, resumedMasterKey(live.masterKey), material);
        else await lock();
      } catch {
        await lock();
      }
    })();
    // A failed resume is not kept: the next request tries again rather than failing for the worker's life.
    resumed.catch(() => {
      resumed = null;
    });
    return resumed;
  }

  async function idleExpired(): Promise<boolean> {
    if (!live) return false;
    const { autoLockMinutes } = await storedSettings();
    return now() - live.lastActivityAt >= autoLockMinutes * 60_000;
  }

  async function status(): Promise<StatusReply> {
    await resume();
    const settings = await storedSettings();
    const account = await storedAccount();
    let policy: StatusReply['policy'] = null;
    if (!unlocked && settings.serverUrl && !account) {
      try {
        policy = (await readAppSettings(settings.serverUrl, await context(settings))).policy;
      } catch {
        policy = null;
      }
    }
    return {
      version: deps.version,
      serverUrl: account?.serverUrl ?? settings.serverUrl,
      state: stateOf(settings, account),
      login: account?.login ?? null,
      offline,
      syncing: syncing !== null,
      lastSyncAt,
      language: settings.language,
      autoLockMinutes: settings.autoLockMinutes,
      clipboardClearSeconds: settings.clipboardClearSeconds,
      domainGroups: settings.domainGroups,
      neverSave: settings.neverSave,
      policy,
      pendingConfirmation,
      mfaEnrolment: mfaEnrolment && !unlocked && Boolean(live?.tokens),
    };
  }

  function stateOf(settings: Settings, account: AccountRecord | null): StatusReply['state'] {
    if (unlocked) return 'unlocked';
    if (account && (live?.tokens || account.sealedRefreshToken)) return 'locked';
    return settings.serverUrl || account ? 'signedOut' : 'needsServer';
  }

  async function setServer(url: string): Promise<StatusReply> {
    const serverUrl = normaliseServerUrl(url);
    try {
      await readAppSettings(serverUrl, await context());
    } catch (error) {
      if (isUnreachable(error)) throw new SessionError('serverUnreachable', `Keyhold cannot reach ${serverUrl}.`);
      throw error;
    }
    await saveSettings({ serverUrl });
    return status();
  }

  async function requireServer(): Promise<string> {
    const { serverUrl } = await storedSettings();
    if (!serverUrl) throw new SessionError('signedOut', 'Set the server address first.');
    return serverUrl;
  }

  /** After setup or an invitation: keys made here, so the new account is unlocked at once. */
  async function adopt(created: NewAccount): Promise<StatusReply> {
    const previous = await storedAccount();
    if (previous && (previous.userId !== created.userId || previous.serverUrl !== created.serverUrl)) await deps.caches.forget(previous);
    await saveSettings({ serverUrl: created.serverUrl });
    // Setup made the organisation key here; an invitation's fragment named it out of the server's reach.
    await writePin(deps.local, created.serverUrl, created.organisationFingerprint);
    const account: AccountRecord = { serverUrl: created.serverUrl, userId: created.userId, login: created.login, organisationFingerprint: created.organisationFingerprint, sealedRefreshToken: null };
    await saveAccount(account);
    live = { tokens: created.tokens, masterKey: null, lastActivityAt: now() };
    tokens = keeperFor(created.serverUrl, created.tokens);
    await saveLive();
    // The organisation requires a second factor: enrolled first, then unlocked with the master password.
    mfaEnrolment = created.mfaEnrolmentRequired;
    if (!mfaEnrolment) await unlockOnline(account, created.masterKey, created.kdf);
    return status();
  }

  async function setupOwner(input: { setupToken: string; organisationName: string; login: string; loginPassword: string; masterPassword: string }): Promise<StatusReply> {
    return adopt(await setUpOwner(await requireServer(), input, await context()));
  }

  async function join(input: { invitationLink: string; login: string; loginPassword: string; masterPassword: string }): Promise<StatusReply> {
    return adopt(await joinOrganisation(input, await context()));
  }

  /** New keys through a recovery link; this device's copy of the account was under the forgotten master password, so it goes. */
  async function recover(input: { recoveryLink: string; login: string; loginPassword: string; masterPassword: string }): Promise<StatusReply> {
    const recovered = await recoverAccount(input, await context());
    const previous = await storedAccount();
    if (previous && previous.userId === recovered.userId && previous.serverUrl === recovered.serverUrl) await deps.caches.forget(previous);
    return adopt(recovered);
  }

  async function login(input: { login: string; password: string; totp?: string }): Promise<StatusReply> {
    const serverUrl = (await storedAccount())?.serverUrl ?? (await requireServer());
    const { mfaEnrolmentRequired, ...pair } = await signIn(serverUrl, input, await context());
    mfaEnrolment = mfaEnrolmentRequired === true;
    tokens = keeperFor(serverUrl, pair);
    live = { tokens: pair, masterKey: null, lastActivityAt: now() };
    await saveLive();
    const me = await (await client(serverUrl)).call(meRoute);
    // Pinned once per server (setup, invitation, or the first sign-in here) and never replaced by what the server says.
    const pinned = (await readPin(deps.local, serverUrl)) ?? me.organisationFingerprint;
    await pinnedOrganisationKey(me.organisationKey, pinned);
    await writePin(deps.local, serverUrl, pinned);
    const previous = await storedAccount();
    if (previous && (previous.userId !== me.id || previous.serverUrl !== serverUrl)) await deps.caches.forget(previous);
    await saveAccount({ serverUrl, userId: me.id, login: me.login, organisationFingerprint: pinned, sealedRefreshToken: previous?.userId === me.id ? previous.sealedRefreshToken : null });
    return status();
  }

  async function openKeys(account: CacheOwner, masterKey: MasterKey, material: AccountMaterial) {
    const organisationKey = await pinnedOrganisationKey(material.me.organisationKey, account.organisationFingerprint);
    const userKeys = await openUserKeys(masterKey.key, account.userId, { encryption: material.sealedKeys.encryptionKey, signing: material.sealedKeys.signingKey });
    return { userKeys, organisationKey };
  }

  /** Opens this device's copy; `deriving` may still be running (the cache reads overlap it). */
  async function openFromCache(account: AccountRecord, deriving: Promise<MasterKey>, material: AccountMaterial): Promise<void> {
    const keys = deriving.then((masterKey) => openKeys(account, masterKey, material));
    const [vault, masterKey] = await Promise.all([deps.caches.open(account, deriving, keys), deriving]);
    unlocked = { owner: account, masterKey, vault, material };
    pendingConfirmation = material.me.certificate === null;
  }

  /** First unlock on this device (or a cache that no longer opens): keys from the server, a new cache, a full sync. */
  async function unlockOnline(account: AccountRecord, masterKey: MasterKey, kdfUsed: KdfParams, masterPassword?: string): Promise<void> {
    const api = await client(account.serverUrl, masterKey);
    const sealed = await api.call(userKeysRoute);
    // The cache must keep the record this key came from, or the server could choose the next unlock's salt.
    if (!sameKdf(sealed.kdf, kdfUsed)) throw new SessionError('tampered', 'The server changed the key-derivation record during unlock.');
    const me = await api.call(meRoute);
    const material: AccountMaterial = { kdf: sealed.kdf, sealedKeys: { encryptionKey: sealed.encryptionKey, signingKey: sealed.signingKey }, me };
    const keys = await openKeys(account, masterKey, material);
    await deps.caches.forget(account);
    const vault = await deps.caches.create(account, masterKey, material, keys);
    unlocked = { owner: account, masterKey, vault, material };
    pendingConfirmation = me.certificate === null;
    await becomeUnlocked(masterKey);
    if (masterPassword !== undefined) await upgradeKdf(masterPassword, sealed.kdfUpgrade);
    await sync();
  }

  /**
   * The KDF upgrade the server asked for at unlock. Another device (or this one, unlocked again)
   * may have made it first: the server then refuses this device's change with the old hash, and
   * the same password fits the record it now holds, which this device follows instead of dropping
   * its copy.
   */
  async function upgradeKdfOrFollow(current: Unlocked, masterPassword: string, upgrade: KdfTarget | null): Promise<void> {
    try {
      await upgradeKdf(masterPassword, upgrade);
    } catch (error) {
      if (!isHashMismatch(error) || unlocked !== current) throw error;
      if (!(await followServerKdf(current, masterPassword))) throw error;
    }
  }

  /** Re-derives the master key with more iterations when the organisation's target rose (same password). */
  function upgradeKdf(masterPassword: string, upgrade: KdfTarget | null): Promise<void> {
    return replaceMasterKey(masterPassword, (current) => kdfUpgradeParams(current.material.kdf, upgrade));
  }

  /**
   * Sends a new KDF record, hash and re-sealed keys, then moves the cache and this session to the
   * new master key. One at a time: a KDF upgrade and a password change must not race each other.
   */
  function replaceMasterKey(password: string, kdfFor: (current: Unlocked) => KdfParams | null, rules?: PasswordRules): Promise<void> {
    const run = replacing.then(async () => {
      const current = unlocked;
      const kdf = current ? kdfFor(current) : null;
      if (!current || !kdf) return;
      const sealedKeys = { encryption: current.material.sealedKeys.encryptionKey, signing: current.material.sealedKeys.signingKey };
      const prepared = await prepareMasterPasswordChange({ userId: current.owner.userId, currentMaster: current.masterKey, sealedKeys, newPassword: password, kdf, ...(rules ? { rules } : {}) });
      await sendMasterKeyChange(current, prepared.body, prepared.master);
      await moveToMasterKey(current, prepared.master, withServerKeys(current.material, prepared.body));
    });
    replacing = run.catch(() => undefined);
    return run;
  }

  /** Re-wraps the cache and moves this session to `masterKey`; false when the session changed meanwhile (locked, say). */
  async function moveToMasterKey(current: Unlocked, masterKey: MasterKey, material: AccountMaterial): Promise<boolean> {
    if (unlocked !== current) return false;
    await current.vault.rewrap(masterKey, material);
    unlocked = { ...current, masterKey, material };
    await becomeUnlocked(masterKey);
    return true;
  }

  /** PUT /users/me/master-key; when the answer is lost, asks the server which hash it now holds before giving up. */
  async function sendMasterKeyChange(current: Unlocked, body: MasterKeyChange, next: MasterKey): Promise<void> {
    try {
      await (await client(current.owner.serverUrl, current.masterKey)).call(changeMasterKeyRoute, { body });
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      try {
        await (await client(current.owner.serverUrl, next)).call(userKeysRoute);
      } catch {
        throw error;
      }
    }
  }

  async function changeMasterPassword(currentPassword: string, nextPassword: string): Promise<StatusReply> {
    const current = await requireUnlocked();
    const check = await deriveMasterKey(currentPassword, current.material.kdf);
    if (check.hash !== current.masterKey.hash) throw new SessionError('wrongMasterPassword', 'The current master password is wrong.');
    const { policy } = await readAppSettings(current.owner.serverUrl, await context());
    await replaceMasterKey(nextPassword, (latest) => nextKdfParams(latest.material.kdf, null), policy.masterPassword);
    return status();
  }

  /** Throws wrongMasterPassword unless `password` derives this session's master key (the unlock's own check). */
  async function confirmMasterPassword(password: string): Promise<void> {
    const current = await requireUnlocked();
    if ((await deriveMasterKey(password, current.material.kdf)).hash !== current.masterKey.hash) throw wrongMasterPassword();
  }

  async function becomeUnlocked(masterKey: MasterKey): Promise<void> {
    live = { tokens: tokens?.current() ?? null, masterKey: storedMasterKey(masterKey), lastActivityAt: now() };
    await Promise.all([saveLive(), rememberKdf()]);
    const pair = tokens?.current();
    // Off the unlock's reply path: losing it to a stopped worker only means signing in after a restart.
    if (pair && unlocked) void sealRefreshToken(unlocked.owner, masterKey, pair).catch(() => undefined);
  }

  async function rememberKdf(): Promise<void> {
    const current = unlocked;
    if (!current) return;
    const { kdf } = current.material;
    await updateAccount((account) => (account.userId !== current.owner.userId || (account.kdf && sameKdf(account.kdf, kdf)) ? account : { ...account, kdf }));
  }

  /** The session's tokens: still live in this browser session, or the refresh token sealed under this master key. */
  async function restoreTokens(account: AccountRecord, masterKey: MasterKey): Promise<void> {
    tokens ??= keeperFor(account.serverUrl, live?.tokens ?? null);
    if (tokens.current()) return;
    const sealed = await unsealRefreshToken(account, masterKey);
    // Not replace(): its write of the live session would only be repeated by becomeUnlocked's.
    if (sealed) tokens = keeperFor(account.serverUrl, sealed);
  }

  /** One unlock at a time: a second request while one runs gets its answer. */
  function unlock(masterPassword: string): Promise<StatusReply> {
    unlocking ??= unlockOnce(masterPassword).catch(enrolmentRefusal).finally(() => {
      unlocking = null;
    });
    return unlocking;
  }

  async function unlockOnce(masterPassword: string): Promise<StatusReply> {
    await resume();
    const account = await storedAccount();
    if (!account) throw new SessionError('signedOut', 'Sign in first.');
    if (unlocked) return status();
    // The KDF starts at once with the record of the last unlock; the cache read runs beside it.
    const hinted = account.kdf ? deriveMasterKey(masterPassword, account.kdf) : null;
    hinted?.catch(() => undefined);
    const material = await deps.caches.cachedMaterial(account);
    if (!material) return unlockFromServer(account, masterPassword);
    const deriving = hinted && account.kdf && sameKdf(account.kdf, material.kdf) ? hinted : deriveMasterKey(masterPassword, material.kdf);
    // Beside the chunks' decryption: a wrong master key opens no token either, and restores nothing.
    const tokensRestored = deriving.then((masterKey) => restoreTokens(account, masterKey));
    tokensRestored.catch(() => undefined);
    try {
      await openFromCache(account, deriving, material);
    } catch (error) {
      if (!isCacheRefusal(error)) throw error;
      // A typo, or a master password changed on another device (the server has the new record). A
      // damaged copy that the right key opened is dropped and downloaded again instead.
      return unlockFromServer(account, masterPassword, error instanceof CacheCorruptError ? undefined : material.kdf);
    }
    const masterKey = await deriving;
    await tokensRestored;
    await becomeUnlocked(masterKey);
    const reply = await status();
    // After the reply is ready: the popup's next request should not queue behind it.
    void goOnline(masterPassword);
    return reply;
  }

  /** Unlock with the server's KDF record; `cachedKdf` is set when this device's cache refused the password. */
  async function unlockFromServer(account: AccountRecord, masterPassword: string, cachedKdf?: KdfParams): Promise<StatusReply> {
    let kdf: KdfParams;
    try {
      kdf = (await (await client(account.serverUrl)).call(masterKeyOptionsRoute, { query: { login: account.login } })).kdf;
    } catch (error) {
      // Offline, the cache is the only judge of the password.
      if (cachedKdf && isUnreachable(error)) throw wrongMasterPassword();
      throw error;
    }
    if (cachedKdf && sameKdf(kdf, cachedKdf)) throw wrongMasterPassword();
    const masterKey = await deriveMasterKey(masterPassword, kdf);
    await restoreTokens(account, masterKey);
    if (!tokens?.current()) throw new SessionError('signedOut', 'Sign in again to unlock with the new master password.');
    try {
      await unlockOnline(account, masterKey, kdf, masterPassword);
    } catch (error) {
      if (isHashMismatch(error)) throw wrongMasterPassword();
      throw error;
    }
    return status();
  }

  /** After an unlock from the cache: check the master key hash and our keys with the server, then sync. */
  async function goOnline(masterPassword: string): Promise<void> {
    const current = unlocked;
    if (!current) return;
    try {
      const sealed = await ownKeys(current, masterPassword);
      offline = false;
      checkSameKeys(sealed, current.material, 'sealed keys');
      await upgradeKdfOrFollow(current, masterPassword, sealed.kdfUpgrade);
      await sync();
    } catch (error) {
      if (isUnreachable(error)) {
        offline = true;
        return;
      }
      if (unlocked !== current) return;
      // The master password was changed on another device and this cache is under the old one:
      // drop it and ask again, keeping the session so the new password unlocks from the server.
      if (isHashMismatch(error)) {
        await deps.caches.forget(current.owner);
        return lockKeepingSignIn();
      }
      // The organisation turned on its second-factor rule meanwhile: enrol (signed in still), then unlock again.
      if (isEnrolmentRefusal(error)) {
        mfaEnrolment = true;
        return lockKeepingSignIn();
      }
      // Whatever else went wrong here (keys swapped, session over) is not safe to keep working on.
      await lock();
    }
  }

  /**
   * GET /users/keys with the unlocking master key. When the server refuses that key's hash, it may
   * hold a stronger KDF record that the same password fits — an upgrade this device was locked in
   * the middle of, or one another device made: the session and the cache then move to that key
   * instead of dropping the cache and asking again.
   */
  async function ownKeys(current: Unlocked, masterPassword: string): Promise<SealedUserKeys> {
    try {
      return await (await client(current.owner.serverUrl, current.masterKey)).call(userKeysRoute);
    } catch (error) {
      if (!isHashMismatch(error)) throw error;
      const followed = await followServerKdf(current, masterPassword);
      if (!followed) throw error;
      return followed;
    }
  }

  /**
   * Moves the session and the cache to the key the server's KDF record gives `masterPassword`, if
   * the server accepts that key; null when it does not (the password itself changed elsewhere). A
   * record with fewer iterations is never taken: the cache on disk would get cheaper to attack.
   */
  async function followServerKdf(current: Unlocked, masterPassword: string): Promise<SealedUserKeys | null> {
    const { kdf } = await (await client(current.owner.serverUrl)).call(masterKeyOptionsRoute, { query: { login: current.owner.login } });
    if (sameKdf(kdf, current.material.kdf) || kdf.iterations < current.material.kdf.iterations) return null;
    const masterKey = await deriveMasterKey(masterPassword, kdf);
    let sealed: SealedUserKeys;
    try {
      sealed = await (await client(current.owner.serverUrl, masterKey)).call(userKeysRoute);
    } catch (error) {
      if (isHashMismatch(error)) return null;
      throw error;
    }
    if (!sameKdf(sealed.kdf, kdf)) throw new SessionError('tampered', 'The server changed the key-derivation record while this device followed it.');
    checkSameKeys(sealed, current.material, 'sealed keys');
    const material = withServerKeys(current.material, sealed);
    // The re-sealed keys must open under the new key before the cache is tied to it.
    await openKeys(current.owner, masterKey, material);
    return (await moveToMasterKey(current, masterKey, material)) ? sealed : null;
  }

  async function sync(): Promise<void> {
    if (syncing) return syncing;
    const current = unlocked;
    if (!current || !tokens?.current()) return;
    syncing = (async () => {
      try {
        const cursor = current.vault.cursor();
        const response = await (await client(current.owner.serverUrl, current.masterKey)).call(syncRoute, { query: cursor ? { cursor } : {} });
        await current.vault.applySync(response);
        if (response.pendingGrants.length > 0) await fulfilPendingGrants(await client(current.owner.serverUrl, current.masterKey), current.vault, response, refusedGrants);
        offline = false;
        pendingConfirmation = false;
        lastSyncAt = now();
      } catch (error) {
        if (isUnreachable(error)) offline = true;
        else if (error instanceof ApiRequestError && error.code === 'forbidden') pendingConfirmation = true;
        else if (error instanceof ApiRequestError && error.status === 401) {
          // Revoked elsewhere, or expired beyond refresh: the device must sign in again.
          await endSession();
          throw new SessionError('signedOut', 'This session has ended. Sign in again.');
        } else throw error;
      } finally {
        syncing = null;
      }
    })();
    return syncing;
  }

  async function syncNow(): Promise<StatusReply> {
    await resume();
    await sync();
    return status();
  }

  /** The server wants a second factor enrolled before anything else: remembered, so the popup shows the enrolment. */
  function enrolmentRefusal(error: unknown): never {
    if (!isEnrolmentRefusal(error)) throw error;
    mfaEnrolment = true;
    throw new SessionError('mfaEnrolmentRequired', (error as Error).message);
  }

  async function lock(): Promise<void> {
    // The last reports leave while the session can still send them; a server out of reach does not hold up the lock.
    await Promise.all(reportsBeingQueued);
    if (accessReports.pending() > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([accessReports.flush(), new Promise((resolve) => (timer = setTimeout(resolve, LOCK_REPORT_WAIT_MS)))]);
      clearTimeout(timer);
    }
    unlocked?.vault.close();
    unlocked = null;
    refusedGrants = new Set();
    live = null;
    tokens = null;
    offline = false;
    await clearLiveSession(deps.session);
  }

  /** Forgets every key but keeps the tokens, as between signing in and the first unlock. */
  async function lockKeepingSignIn(): Promise<void> {
    const pair = tokens?.current() ?? null;
    await lock();
    if (!pair) return;
    const account = await storedAccount();
    if (!account) return;
    tokens = keeperFor(account.serverUrl, pair);
    live = { tokens: pair, masterKey: null, lastActivityAt: now() };
    await saveLive();
  }

  async function lockNow(): Promise<StatusReply> {
    await resume();
    await lock();
    return status();
  }

  async function signOut(): Promise<StatusReply> {
    await resume();
    const account = await storedAccount();
    if (account && tokens?.current()) {
      try {
        await (await client(account.serverUrl)).call(revokeSessionRoute, { params: { id: 'current' } });
      } catch {
        // Signing out on this device must work offline; the server session then simply expires.
      }
    }
    // Closed before it is deleted, so a sync still in flight cannot write the account back.
    await lock();
    if (account) await deps.caches.forget(account);
    await saveAccount(null);
    return status();
  }

  /** Whether keys are held: what the alarms follow (cheaper than `status`, which may ask the server for its policy). */
  /** The unlocked account's vault, for work the worker runs beside the requests (the password report). */
  async function openedVault(): Promise<OpenedVault> {
    return (await requireUnlocked()).vault;
  }

  async function isUnlocked(): Promise<boolean> {
    await resume();
    return unlocked !== null;
  }

  async function requireUnlocked(): Promise<Unlocked> {
    await resume();
    if (!unlocked) throw new SessionError('locked', 'Keyhold is locked.');
    return unlocked;
  }

  /** Records use; every page request counts. Writes to `storage.session` at most every few seconds. */
  async function touch(): Promise<void> {
    await resume();
    if (!live) return;
    live.lastActivityAt = now();
    if (live.lastActivityAt - lastActivityWrite < ACTIVITY_WRITE_INTERVAL_MS) return;
    lastActivityWrite = live.lastActivityAt;
    await saveLive();
  }

  /** Locks when the idle time has passed: on every wake and on the auto-lock alarm. */
  async function checkIdle(): Promise<void> {
    await resume();
    if (live && (await idleExpired())) await lock();
  }

  async function search(query: string, currentUrl: string | undefined, limit: number): Promise<EntriesReply> {
    const { vault } = await requireUnlocked();
    return vault.search(query, { limit, ...(currentUrl ? { currentUrl } : {}) });
  }

  async function tree(): Promise<VaultTree> {
    const { vault } = await requireUnlocked();
    return vault.tree();
  }

  async function list(request: ListRequest, offset: number, limit: number): Promise<ListReply> {
    const { vault } = await requireUnlocked();
    return vault.list(request, offset, limit);
  }

  /** The field of an entry, named and typed, for a report; null when the entry has no such field. */
  async function fieldOf(itemId: string, pick: (field: EntryView['fields'][number]) => boolean) {
    const { vault } = await requireUnlocked();
    return (await vault.read(itemId)).fields.find(pick) ?? null;
  }

  /** Queues a report once the field is known (resolves then, never rejects); an entry that fails to open is not reported. */
  function reportAccess(action: 'viewed' | 'copied' | 'filled', itemId: string, pick: (field: EntryView['fields'][number]) => boolean): Promise<void> {
    const queued = fieldOf(itemId, pick)
      .then((field) => void (field && accessReports.report(action, itemId, field)))
      .catch(() => undefined)
      .finally(() => reportsBeingQueued.delete(queued));
    reportsBeingQueued.add(queued);
    return queued;
  }

  async function read(itemId: string): Promise<EntryView> {
    const { vault } = await requireUnlocked();
    return vault.read(itemId);
  }

  async function revealField(itemId: string, fieldId: string): Promise<{ value: string }> {
    const { vault } = await requireUnlocked();
    const value = await vault.revealField(itemId, fieldId);
    void reportAccess('viewed', itemId, (field) => field.id === fieldId);
    return { value };
  }

  /** A page copied an entry's field: a password or TOTP code copy is reported to the server (the login is no secret). */
  async function copied(itemId: string, field: 'login' | 'password' | 'totp'): Promise<void> {
    if (field === 'login') return;
    // The first field of the kind: the one the popup and the vault page copy.
    await reportAccess('copied', itemId, (candidate) => candidate.type === field);
  }

  /**
   * Runs a change on the server with the unlocked session's client, then syncs so this device's copy
   * (and every list) shows it. Changes need the server: offline they fail as unreachable.
   */
  async function change(work: (api: ApiClient, vault: OpenedVault) => Promise<string>): Promise<string> {
    const current = await requireUnlocked();
    const id = await work(await client(current.owner.serverUrl, current.masterKey), current.vault);
    // A sync already on its way asked before this write: after it, one more brings the change. The
    // write has succeeded whatever the sync does next; its failure shows in the status, and a
    // retried save must not create the entry twice.
    await syncing?.catch(() => undefined);
    await sync().catch(() => undefined);
    return id;
  }

  /** Saves an entry from the vault page: a new one, or the next revision of one (in another vault: a move). */
  async function saveEntry(vaultId: string, itemId: string | undefined, baseRevision: number | undefined, edit: EntryEdit): Promise<{ itemId: string }> {
    const saved = await change(async (api, vault) => {
      if (!itemId) {
        const fields = edit.fields.map((field) => ({ ...field, value: field.value ?? '' }));
        return (await api.call(createItemRoute, { body: await vault.sealNew(vaultId, { ...edit, fields }) })).id;
      }
      if (baseRevision === undefined) throw new SessionError('malformed', 'An edit names the revision it was made from.');
      const { record, moved } = await vault.sealEdit(itemId, vaultId, edit, baseRevision);
      return (await api.call(moved ? moveItemRoute : updateItemRoute, { params: { id: itemId }, body: record })).id;
    });
    return { itemId: saved };
  }

  /** A new folder in a vault (inside `parentId`, or at its top level). */
  async function createFolder(vaultId: string, parentId: string | null, name: string): Promise<{ folderId: string }> {
    return { folderId: await change(async (api) => (await api.call(createFolderRoute, { body: { id: newId(), vaultId, parentId, name } })).id) };
  }

  async function renameFolder(folderId: string, name: string): Promise<{ folderId: string }> {
    return { folderId: await change(async (api) => (await api.call(updateFolderRoute, { params: { id: folderId }, body: { name } })).id) };
  }

  /** Moves a folder to the trash, with its subfolders and their entries (the server's rule). */
  async function trashFolder(folderId: string): Promise<{ folderId: string }> {
    await change(async (api) => {
      await api.call(trashFolderRoute, { params: { id: folderId } });
      return folderId;
    });
    return { folderId };
  }

  async function restoreFolder(folderId: string): Promise<{ folderId: string }> {
    await change(async (api) => (await api.call(restoreFolderRoute, { params: { id: folderId } })).id);
    return { folderId };
  }

  /**
   * What a fill on `pageUrl` may put into the page: the entry's login and password, once its
   * metadata MAC verified and one of its own URLs matches the page by its rule (equivalent domains
   * never fill from here: they are only suggested). An http page for an https entry needs `allowInsecure`.
   */
  async function autofillValues(
    itemId: string,
    pageUrl: string,
    allowInsecure: boolean,
    options: { allowEquivalent?: boolean; enclosedBy?: readonly string[] } = {},
  ): Promise<{ origin: string; login: string | null; password: string | null; passwordFieldId: string | null; totp: string | null; totpFieldId: string | null }> {
    const { vault } = await requireUnlocked();
    const entry = await vault.read(itemId);
    if (entry.deletedAt !== null) throw new SessionError('notFound', 'This entry is in the trash.');
    const matcher = new MatchIndex([{ id: itemId, urls: entry.urls }]);
    const equivalents = options.allowEquivalent ? await sharedLoginTable() : new Map<string, string[]>();
    // The page, and every frame around it (`enclosedBy`), must be the entry's: one read, one decryption.
    for (const url of [pageUrl, ...(options.enclosedBy ?? [])]) {
      const [match] = matcher.matches(url, equivalents);
      if (!match) throw new SessionError('notForThisSite', 'None of this entry’s websites matches the page.');
      if (match.insecure && !allowInsecure) throw new SessionError('insecurePage', 'The page is not secure (http) and the entry’s website is.');
    }
    const passwordFieldId = await vault.passwordFieldId(itemId);
    const password = passwordFieldId ? await vault.revealField(itemId, passwordFieldId) : null;
    // The current code, for a code box on the page (the login's second step, or beside it).
    const totpFieldId = entry.fields.find((field) => field.type === 'totp')?.id ?? null;
    const totp = totpFieldId ? totpCode(await vault.totp(itemId), now()) : null;
    return { origin: new URL(pageUrl).origin, login: entry.login || null, password, passwordFieldId, totp, totpFieldId };
  }

  /**
   * The inline menu's lines for `pageUrl`: the page's own entries, then those of domains that share
   * logins with it (their saved site shown), each read again with its metadata MAC verified (one
   * that fails is left out), at most MENU_ENTRIES.
   */
  async function menuEntries(pageUrl: string): Promise<MenuEntry[]> {
    const { vault } = await requireUnlocked();
    const lines: MenuEntry[] = [];
    for (const match of vault.siteMatches(pageUrl, await sharedLoginTable()).filter((candidate) => !candidate.insecure)) {
      if (lines.length === MENU_ENTRIES) break;
      try {
        const entry = await vault.read(match.entryId);
        lines.push({ itemId: entry.id, name: entry.name, login: entry.login, equivalentSite: match.equivalent ? (parseUrl(match.url, { assumeHttps: true })?.hostname ?? match.url) : null });
      } catch {
        // Not verified: not offered.
      }
    }
    return lines;
  }

  /**
   * What the save bar offers for a login the user sent (docs/autofill.md, "Saving"): nothing on a
   * site marked never, from a third service's frame, or when the entry already holds that password;
   * a new password for the site's entry with that login (or, without a login, the one whose password
   * was the current one); else saving it. Only the site's own entries count, never equivalent domains'.
   */
  async function saveOffer(capture: CapturedLogin): Promise<SaveOffer | null> {
    const { vault } = await requireUnlocked();
    const password = capture.newPassword ?? capture.password;
    const page = parseUrl(capture.url);
    if (!password || !page) return null;
    if ((await storedSettings()).neverSave.includes(page.siteKey) || asksForOtherServices(capture.url, capture.topUrl)) return null;
    const site = page.domain ?? page.hostKey;
    const existing = await entryForCapture(vault, capture);
    if (!existing) return { kind: 'save', site, login: capture.login ?? '' };
    if (existing.password === password) return null;
    // The site's entry for that login is someone else's to change: saving a copy beside it would
    // leave two entries for one login, so nothing is offered.
    if (!levelAllows(levelIn(await vault.tree(), existing.entry.vaultId, existing.entry.folderId), 'edit')) return null;
    return { kind: 'update', site, itemId: existing.entry.id, name: existing.entry.name, login: existing.entry.login };
  }

  /** The site's entry a captured login belongs to, with its current password. */
  async function entryForCapture(vault: OpenedVault, capture: CapturedLogin): Promise<{ entry: EntryView; password: string | null } | null> {
    const found: { entry: EntryView; password: string | null }[] = [];
    // An http page of an https entry's site is not one to change that entry from.
    for (const match of vault.siteMatches(capture.url, new Map()).filter((candidate) => !candidate.insecure)) {
      const entry = await vault.read(match.entryId).catch(() => null);
      if (!entry || entry.deletedAt !== null) continue;
      const fieldId = await vault.passwordFieldId(entry.id);
      found.push({ entry, password: fieldId ? await vault.revealField(entry.id, fieldId) : null });
    }
    if (capture.login !== null) return found.find(({ entry }) => entry.login.toLowerCase() === capture.login!.toLowerCase()) ?? null;
    // A change-password form often has no login box: the entry whose password was the current one.
    return found.find(({ password }) => password !== null && password === capture.password) ?? (found.length === 1 ? found[0]! : null);
  }

  /**
   * A password for a new-password box of `pageUrl` (docs/autofill.md, "Generating"): it obeys the
   * field's `passwordrules`, the site's known rules and the organisation's policy at once. The field's
   * rules are the page's to write, so with them the password must still carry MIN_SUGGESTION_BITS
   * (a page writing `allowed: [a]` must not get a password it can guess); where they cannot, or the
   * sets contradict each other, the field's rules go, then the site's, never the policy.
   */
  async function suggestPassword(pageUrl: string, fieldRules: string | null): Promise<{ password: string; site: string }> {
    const current = await requireUnlocked();
    const page = parseUrl(pageUrl);
    if (!page) throw new SessionError('notForThisSite', 'Only a website gets a suggested password.');
    const policy = await readAppSettings(current.owner.serverUrl, await context())
      .then((settings) => policyAsRules(settings.policy.loginPassword))
      .catch(() => null);
    const site = siteRulesFor(page.hostname)?.rules ?? null;
    const field = fieldRules === null ? null : parsePasswordRules(fieldRules);
    const attempts: [(ParsedRules | null)[], number][] = [
      [[field, site, policy], MIN_SUGGESTION_BITS],
      [[site, policy], 0],
      [[policy], 0],
    ];
    for (const [sets, minimumBits] of attempts) {
      const password = passwordForRules(sets.filter((rules): rules is ParsedRules => rules !== null), minimumBits);
      if (password) return { password, site: page.domain ?? page.hostKey };
    }
    return { password: generatePassword(DEFAULT_PASSWORD_OPTIONS), site: page.domain ?? page.hostKey };
  }

  /** The current password a change-password form on `pageUrl` asks for: the site's only entry's, with its name to show before it is used. */
  async function currentEntryFor(pageUrl: string): Promise<{ itemId: string; name: string } | null> {
    const { vault } = await requireUnlocked();
    const matches = vault.siteMatches(pageUrl, new Map()).filter((match) => !match.insecure);
    if (matches.length !== 1) return null;
    const entry = await vault.read(matches[0]!.entryId).catch(() => null);
    return entry && entry.deletedAt === null ? { itemId: entry.id, name: entry.name || entry.login } : null;
  }

  /** Saves a captured login as a new entry: its site's origin with the domain rule, its password in a password field. */
  async function saveCaptured(capture: CapturedLogin, choice: { name: string; vaultId: string; folderId: string | null }): Promise<{ itemId: string }> {
    const password = capture.newPassword ?? capture.password ?? '';
    const origin = new URL(capture.url).origin;
    const edit: EntryEdit = { folderId: choice.folderId, name: choice.name, login: capture.login ?? '', urls: [{ url: `${origin}/`, match: 'domain' }], fields: [{ id: 'password', type: 'password', label: '', value: password }], tags: [], colour: null, description: '', favourite: false };
    return saveEntry(choice.vaultId, undefined, undefined, edit);
  }

  /** Gives the entry the captured login's new password: a new revision, every other field unchanged. */
  async function updateCaptured(capture: CapturedLogin, itemId: string): Promise<{ itemId: string }> {
    const { vault } = await requireUnlocked();
    const password = capture.newPassword ?? capture.password;
    const entry = await vault.read(itemId);
    const fieldId = await vault.passwordFieldId(itemId);
    if (!password || !fieldId) throw new SessionError('notFound', 'The entry has no password to update.');
    const fields = entry.fields.map(({ id, type, label }) => ({ id, type, label, value: id === fieldId ? password : null }));
    const { id: _id, vaultId, revision, updatedAt: _updatedAt, deletedAt: _deletedAt, fields: _fields, ...rest } = entry;
    return saveEntry(vaultId, itemId, revision, { ...rest, fields });
  }

  /** "Never for this site": the save bar does not ask about the captured login's site again. */
  async function neverSaveFor(capture: CapturedLogin): Promise<void> {
    const page = parseUrl(capture.url);
    if (!page) return;
    const { neverSave } = await storedSettings();
    if (!neverSave.includes(page.siteKey)) await saveSettings({ neverSave: [...neverSave, page.siteKey] });
  }

  /** The table suggestions are offered from: the shipped groups and the user's own, which the settings page changes at any time. */
  async function sharedLoginTable(): Promise<EquivalentDomains> {
    return sharedLoginsWith((await storedSettings()).domainGroups);
  }

  /** Whether the inline menu has anything to offer on `pageUrl` (the field's icon shows then). */
  async function hasMenuEntries(pageUrl: string): Promise<boolean> {
    await resume();
    if (!unlocked) return false;
    const { vault } = unlocked;
    return vault.siteMatches(pageUrl, await sharedLoginTable()).some((match) => !match.insecure);
  }

  /** The entries a fill without a choice may use on `pageUrl`: its own site's (not equivalent domains'), best first. */
  async function fillCandidates(pageUrl: string): Promise<string[]> {
    const { vault } = await requireUnlocked();
    return vault.siteMatches(pageUrl, new Map()).filter((match) => !match.insecure).map((match) => match.entryId);
  }

  /** A fill happened: each secret it put into the page is reported (queued, as reveals and copies). */
  function reportFill(itemId: string, filled: { passwordFieldId: string | null; totpFieldId: string | null }): void {
    for (const fieldId of [filled.passwordFieldId, filled.totpFieldId]) if (fieldId) void reportAccess('filled', itemId, (field) => field.id === fieldId);
  }

  /** The user's own certificate, for what needs it certified: the server's current one, checked to name this account's keys. */
  async function certifiedSelf(current: Unlocked) {
    return ownCertificate(await client(current.owner.serverUrl, current.masterKey), current.owner.userId, current.material);
  }

  /** A new private or company vault, its key made and wrapped on this device. */
  async function createVault(name: string, kind: 'company' | 'private'): Promise<{ vaultId: string }> {
    const me = await certifiedSelf(await requireUnlocked());
    return { vaultId: await change((api, vault) => createVaultOnServer(api, vault, me, { name, kind })) };
  }

  async function renameVault(vaultId: string, name: string): Promise<{ vaultId: string }> {
    return { vaultId: await change(async (api) => (await api.call(renameVaultRoute, { params: { id: vaultId }, body: { name } })).id) };
  }

  /** Deletes a vault with its folders, entries and revisions, for every member. */
  async function deleteVault(vaultId: string): Promise<{ vaultId: string }> {
    await change(async (api) => {
      await api.call(deleteVaultRoute, { params: { id: vaultId } });
      return vaultId;
    });
    return { vaultId };
  }

  async function membersOf(vaultId: string): Promise<VaultMemberRow[]> {
    const current = await requireUnlocked();
    return vaultMembers(await client(current.owner.serverUrl, current.masterKey), current.vault, vaultId, current.owner.userId);
  }

  async function fingerprint(): Promise<{ fingerprint: string }> {
    const current = await requireUnlocked();
    const me = await certifiedSelf(current);
    // Not yet certified: the key this device made and registered, which the certifying administrator compares.
    if (!me.certificate) return { fingerprint: await keyFingerprint(fromBase64Url(current.material.sealedKeys.encryptionKey.spki, 'public key')) };
    return { fingerprint: await ownFingerprint(current.vault, me) };
  }

  /** The admin console's requests, with the unlocked session's client and keys (lib/session/admin-console.ts). */
  async function admin<T>(work: (context: AdminContext) => Promise<T>): Promise<T> {
    const current = await requireUnlocked();
    return work({ api: await client(current.owner.serverUrl, current.masterKey), owner: current.owner, masterKey: current.masterKey, material: current.material, vault: current.vault });
  }

  async function directory(): Promise<{ members: DirectoryMember[]; unverified: number }> {
    const current = await requireUnlocked();
    return memberDirectory(await client(current.owner.serverUrl, current.masterKey), current.vault);
  }

  /** Shares a vault, confirms a member whose access is pending (both with the fingerprint shown), or changes a level. */
  async function setAccess(vaultId: string, userId: string, level: AccessLevel, fingerprint: string | null): Promise<{ userId: string }> {
    await change(async (api, vault) => {
      await setMemberAccess(api, vault, { vaultId, userId, level, fingerprint });
      return userId;
    });
    return { userId };
  }

  async function removeMember(vaultId: string, userId: string): Promise<{ userId: string }> {
    await change(async (api) => {
      await api.call(removeVaultMemberRoute, { params: { id: vaultId, userId } });
      return userId;
    });
    return { userId };
  }

  /**
   * Rotates a vault's key and re-keys its entries (vault administrators, after taking someone's
   * access away): the sync between brings this device the new key, and hands it on to everyone
   * else who may read; the sync after sends the re-keyed entries to this device's cache.
   */
  async function rotateKey(vaultId: string): Promise<{ keyVersion: number; rekeyed: number; left: number }> {
    const current = await requireUnlocked();
    const self = await certifiedSelf(current);
    if (!self.certificate) throw new SessionError('tampered', 'This account has no certificate yet.');
    const me = await current.vault.certify(self.certificate, self.userId);
    const keyVersion = Number(await change(async (api, vault) => String(await rotateVaultKey(api, vault, me, vaultId))));
    return { keyVersion, ...(await rekey(vaultId)) };
  }

  /**
   * Re-keys what this device reads of `vaultId` still under an older key version: after a rotation
   * by an administrator to whom some folder is closed, another who reads it finishes the work.
   */
  async function rekey(vaultId: string): Promise<RekeyRound> {
    let round: RekeyRound = { rekeyed: 0, left: 0 };
    await change(async (api, vault) => {
      round = await rekeyEntries(api, vault, vaultId);
      return vaultId;
    });
    // The entries' fresh keys are cached now: shortcuts to them this user sees are placed again.
    await change(async (api, vault) => String(await reshareShortcuts(api, vault, vaultId)));
    return round;
  }

  /** Runs `work` of entry-shares.ts with the unlocked vault; `changes`: a sync follows, so what it placed or removed shows at once. */
  async function sharing<T extends string | object>(work: (api: ApiClient, vault: OpenedVault) => Promise<T>, changes = false): Promise<T> {
    if (!changes) {
      const current = await requireUnlocked();
      return work(await client(current.owner.serverUrl, current.masterKey), current.vault);
    }
    let result: T | undefined;
    await change(async (api, vault) => {
      result = await work(api, vault);
      return '';
    });
    return result!;
  }

  async function accessOf(vaultId: string, folderId: string | null): Promise<VaultAccessView> {
    const current = await requireUnlocked();
    return vaultAccess(await client(current.owner.serverUrl, current.masterKey), vaultId, folderId);
  }

  async function grant(input: Principal & { vaultId: string; folderId: string | null; level: GrantLevel | 'reset' }): Promise<{ principalId: string }> {
    return { principalId: await change(async (api) => (await grantAccess(api, input), input.principalId)) };
  }

  async function revoke(input: Principal & { vaultId: string; folderId: string | null }): Promise<{ principalId: string }> {
    return { principalId: await change(async (api) => (await revokeAccess(api, input), input.principalId)) };
  }

  async function groups(): Promise<GroupRow[]> {
    const current = await requireUnlocked();
    return listGroups(await client(current.owner.serverUrl, current.masterKey));
  }

  /** Creates, renames, deletes a group or changes its members; a sync follows, as rights may have changed. */
  async function changeGroup(work: (api: ApiClient) => Promise<string>): Promise<{ groupId: string }> {
    return { groupId: await change((api) => work(api)) };
  }

  /** The user's signed-in sessions, as the server lists them. */
  async function listSessions(): Promise<SessionRow[]> {
    const current = await requireUnlocked();
    return (await (await client(current.owner.serverUrl, current.masterKey)).call(listSessionsRoute, {})).sessions;
  }

  /** Ends another of the user's sessions (this device's ends with sign-out, not here). */
  async function revokeSession(sessionId: string): Promise<{ sessionId: string }> {
    if (sessionId === 'current') throw new SessionError('malformed', 'This device signs out with session.signOut.');
    const current = await requireUnlocked();
    await (await client(current.owner.serverUrl, current.masterKey)).call(revokeSessionRoute, { params: { id: sessionId } });
    return { sessionId };
  }

  /** Whether sign-in asks this user for a second factor, as the server says now. */
  async function mfaStatus(): Promise<{ on: boolean }> {
    const current = await requireUnlocked();
    return { on: (await (await client(current.owner.serverUrl, current.masterKey)).call(meRoute)).mfa };
  }

  /** Starts TOTP enrolment: the secret and its otpauth URI; throws `conflict` when the factor is already on. */
  async function mfaStart(): Promise<{ secret: string; uri: string }> {
    return await (await enrolmentClient()).call(startTotpRoute, {}).catch(mfaConflict);
  }

  /** The unlocked session's client; or, signed in but told to enrol a second factor, the signed-in one (no keys needed to enrol). */
  async function enrolmentClient(): Promise<ApiClient> {
    await resume();
    if (!unlocked && mfaEnrolment && tokens?.current()) {
      const account = await storedAccount();
      if (account) return client(account.serverUrl);
    }
    const current = await requireUnlocked();
    return client(current.owner.serverUrl, current.masterKey);
  }

  /** Turns the factor on with a current code; the recovery codes come back once, never to be read again. */
  async function mfaConfirm(code: string): Promise<{ recoveryCodes: string[] }> {
    const confirmed = await (await enrolmentClient()).call(confirmTotpRoute, { body: { code } }).catch(mfaConflict);
    mfaEnrolment = false;
    return confirmed;
  }

  /** Turns the factor off with a current code; a wrong one is the server's `mfaInvalid` (the page's too). */
  async function mfaDisable(code: string): Promise<{ off: true }> {
    const current = await requireUnlocked();
    await (await client(current.owner.serverUrl, current.masterKey)).call(disableMfaRoute, { body: { code } });
    return { off: true };
  }

  /** How many of the newest kept revisions the history shows (each one is a request to the server). */
  const HISTORY_REVISIONS = 20;

  /** The entry's history: its newest kept revisions from the server, each verified and compared in the worker. */
  async function history(itemId: string): Promise<RevisionInfo[]> {
    const current = await requireUnlocked();
    // The history compares with the entry as it is now: this device's copy first catches up.
    await sync().catch(() => undefined);
    const api = await client(current.owner.serverUrl, current.masterKey);
    const { snapshots } = await api.call(listSnapshotsRoute, { params: { id: itemId } });
    const kept = await Promise.all(
      snapshots.slice(0, HISTORY_REVISIONS).map(async (info) => {
        const { item } = await api.call(getSnapshotRoute, { params: { id: itemId, revision: info.revision } });
        if (item.id !== itemId || item.revision !== info.revision) throw new SessionError('tampered', `Asked for revision ${info.revision} of ${itemId}, the server sent revision ${item.revision} of ${item.id}.`);
        return { item, at: info.createdAt, by: info.createdBy };
      }),
    );
    if (new Set(kept.map(({ item }) => item.revision)).size !== kept.length) throw new SessionError('tampered', `The server listed a revision of ${itemId} twice.`);
    return current.vault.history(itemId, kept, current.owner.userId);
  }

  /** Saves a kept revision's content as the entry's next revision. */
  async function restoreRevision(itemId: string, revision: number): Promise<{ itemId: string }> {
    const restored = await change(async (api, vault) => {
      const { item } = await api.call(getSnapshotRoute, { params: { id: itemId, revision } });
      // Any genuine older revision would verify: a server must not choose which one comes back.
      if (item.revision !== revision || item.id !== itemId) throw new SessionError('tampered', `Asked for revision ${revision} of ${itemId}, the server sent revision ${item.revision} of ${item.id}.`);
      return (await api.call(updateItemRoute, { params: { id: itemId }, body: await vault.sealRestore(itemId, item) })).id;
    });
    return { itemId: restored };
  }

  /** Moves an entry to the trash, back from it, or deletes it for good (only from the trash). */
  async function binEntry(itemId: string, action: 'trash' | 'restore' | 'purge'): Promise<{ itemId: string }> {
    const route = { trash: trashItemRoute, restore: restoreItemRoute, purge: purgeItemRoute }[action];
    await change(async (api) => {
      await api.call(route, { params: { id: itemId } });
      return itemId;
    });
    return { itemId };
  }


  async function reveal(itemId: string, field: 'login' | 'password'): Promise<{ value: string }> {
    const { vault } = await requireUnlocked();
    return { value: field === 'login' ? await vault.revealLogin(itemId) : await vault.revealPassword(itemId) };
  }

  async function totp(itemId: string): Promise<TotpReply> {
    const { vault } = await requireUnlocked();
    const params = await vault.totp(itemId);
    const at = now();
    const periodMs = (params.period ?? 30) * 1000;
    return { code: totpCode(params, at), period: params.period ?? 30, validUntil: Math.floor(at / periodMs) * periodMs + periodMs };
  }

  async function updateSettings(changes: Partial<Pick<Settings, 'language' | 'autoLockMinutes' | 'clipboardClearSeconds' | 'domainGroups' | 'neverSave'>>): Promise<StatusReply> {
    if (changes.domainGroups && !isOwnDomainGroups(changes.domainGroups)) throw new SessionError('malformed', 'Each group must list two or more registrable domains, as the settings page writes them.');
    // A site key as neverSaveFor writes it: what parsing it as a site gives back.
    if (changes.neverSave?.some((site) => parseUrl(site, { assumeHttps: true })?.siteKey !== site)) throw new SessionError('malformed', 'Each site is a registrable domain, or a host for an address or a single-label name.');
    await saveSettings(changes);
    return status();
  }

  return {
    status,
    isUnlocked,
    openedVault,
    setServer,
    setupOwner,
    join,
    recover,
    login,
    unlock,
    lock: lockNow,
    signOut,
    syncNow,
    touch,
    checkIdle,
    search,
    tree,
    list,
    read,
    revealField,
    copied,
    saveEntry,
    createFolder,
    renameFolder,
    trashFolder,
    restoreFolder,
    createVault,
    renameVault,
    deleteVault,
    membersOf,
    directory,
    autofillValues,
    menuEntries,
    saveOffer,
    suggestPassword,
    currentEntryFor,
    saveCaptured,
    updateCaptured,
    neverSaveFor,
    hasMenuEntries,
    fillCandidates,
    reportFill,
    fingerprint,
    setAccess,
    removeMember,
    accessOf,
    sharing,
    rotateKey,
    rekey,
    grant,
    revoke,
    groups,
    createGroup: (name: string) => changeGroup((api) => createGroup(api, name)),
    renameGroup: (groupId: string, name: string) => changeGroup(async (api) => (await renameGroup(api, groupId, name), groupId)),
    deleteGroup: (groupId: string) => changeGroup(async (api) => (await deleteGroup(api, groupId), groupId)),
    setGroupMember: (groupId: string, userId: string, member: boolean) => changeGroup(async (api) => (await setGroupMember(api, groupId, userId, member), groupId)),
    listSessions,
    revokeSession,
    mfaStatus,
    mfaStart,
    mfaConfirm,
    mfaDisable,
    admin,
    history,
    restoreRevision,
    binEntry,
    reveal,
    totp,
    updateSettings,
    settings: storedSettings,
    changeMasterPassword,
    confirmMasterPassword,
    rereadStorage,
  };
}

export type KeyholdSession = ReturnType<typeof createKeyholdSession>;
