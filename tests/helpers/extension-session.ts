import { getItemRoute, updateItemRoute } from '../../lib/contract/items';
import { getVaultRoute } from '../../lib/contract/vaults';
import { updateItem } from '../../lib/vault/item';
import { newTotpSecret } from '../../lib/vault/totp';
import { openVaultKey, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { unlockedMember, type TestMember } from './organisation';
import type { RunningServer } from './server-process';
import { newItem, newVault } from './vault-fixtures';

// The server side of the end-to-end session tests: the owner registers in the browser's popup, and
// these helpers then act as that owner's other client (lib/api in Node), making and changing entries
// the extension has to find by syncing.

/** The owner the popup registers; both passwords meet the default policy and are not alike. */
export const OWNER = {
  organisationName: 'Acme',
  login: 'owner@acme.test',
  loginPassword: 'login password for the owner',
  masterPassword: 'Master Password 2026 owner',
} as const;

/** The master password the change-master-password tests move to. */
export const NEW_MASTER_PASSWORD = 'New Master Password 2027';

/** What the worker keeps in `storage.local` about the signed-in account (lib/session/stored-session.ts). */
export interface StoredAccount {
  serverUrl: string;
  userId: string;
  login: string;
  organisationFingerprint: string;
  sealedRefreshToken: string | null;
}

/** What the worker keeps in `storage.session` while unlocked: the root secret and the last activity. */
export interface StoredLiveSession {
  masterKey: { bytes: string; hash: string } | null;
  lastActivityAt: number;
}

/** The entry made through lib/api, as the tests look for it in the popup. */
export interface TotpEntry {
  itemId: string;
  vaultId: string;
  name: string;
  login: string;
  password: string;
  /** Base32 TOTP secret of the entry's one-time-code field. */
  totpSecret: string;
}

/** The owner's second client (Node, lib/api), trusting the organisation key the extension pinned. */
export function ownerElsewhere(server: Pick<RunningServer, 'url'>, account: StoredAccount, masterPassword: string = OWNER.masterPassword): Promise<TestMember> {
  return unlockedMember(server, OWNER.login, OWNER.loginPassword, masterPassword, account.organisationFingerprint);
}

/** Creates a private vault and, in it, a login entry with a password and a TOTP field. */
export async function createTotpEntry(owner: TestMember, name = 'Acme Mail'): Promise<TotpEntry> {
  const vault = await newVault(owner, { name: 'Personal' });
  const totpSecret = newTotpSecret();
  const entry = { name, login: 'owner@mail.acme.test', password: `${name} password 1` };
  const item = await newItem(owner, vault, {
    name: entry.name,
    login: entry.login,
    urls: [{ url: 'https://mail.acme.test/login', match: 'domain' }],
    fields: [
      { id: 'password', type: 'password', label: 'Password', value: entry.password },
      { id: 'otp', type: 'totp', label: 'Code', value: totpSecret },
    ],
  });
  // A second entry, so a search has something to leave out.
  await newItem(owner, vault, { name: 'Build server', login: 'ci@acme.test', urls: [{ url: 'https://ci.acme.test/', match: 'domain' }] });
  return { ...entry, itemId: item.id, vaultId: vault.vaultId, totpSecret };
}

/** The key of one of the owner's own vaults (wrapped by the owner), as their other client opens it. */
export async function openVaultOf(owner: TestMember, vaultId: string): Promise<HeldVaultKey> {
  const vault = await owner.api.call(getVaultRoute, { params: { id: vaultId } });
  return openVaultKey({ vaultId, keyVersion: vault.vault.keyVersion, wrap: vault.wrap!, me: owner.userId, privateKey: owner.keys.encryption.privateKey, granter: owner.certified });
}

/** Renames an entry as another of the owner's clients would: read, open the vault key, re-seal, send. */
export async function renameEntry(owner: TestMember, itemId: string, name: string): Promise<void> {
  const served = await owner.api.call(getItemRoute, { params: { id: itemId } });
  const vaultKey = await openVaultOf(owner, served.vaultId);
  const changed = await updateItem(served, vaultKey, { name });
  await owner.api.call(updateItemRoute, { params: { id: itemId }, body: changed });
}
