// Test support (not used by the product): an account as the extension's worker holds it after an
// online unlock — certified keys, a master key, a profile — and sync answers built with the real
// functions (vaults from prepareVault, items from sealNewItem), so tests of the cache and keyring
// start from what a real server would send. No PBKDF2: the master key comes from a random seed.
import type { Item } from '../contract/items';
import { PERMISSIONS } from '../contract/permissions';
import type { SyncResponse } from '../contract/sync';
import { randomBytes } from '../crypto/bytes';
import { masterKeyFromSeed, newKdfParams, type MasterKey } from '../crypto/kdf';
import { createTestOrganisation, type TestMember } from '../crypto/test-members';
import { generateUserKeys, sealUserKeys } from '../crypto/user-keys';
import type { KeyWrap } from '../crypto/wraps';
import type { ItemRecord } from '../vault/item';
import { prepareVault, type HeldVaultKey } from '../vault/vault-keys';
import type { AccountProfile } from './account-profile';

type TestOrganisation = Awaited<ReturnType<typeof createTestOrganisation>>;

/** A vault of the account's own: its key, and how a sync describes it. */
export interface TestVault {
  key: HeldVaultKey;
  vault: SyncResponse['vaults'][number];
  wrap: KeyWrap;
}

/** An unlocked account and its organisation. */
export interface TestAccount {
  profile: AccountProfile;
  masterKey: MasterKey;
  member: TestMember;
  organisation: TestOrganisation;
  /** The keyring's view of the organisation: its id and (pinned) public key. */
  pinned: { id: string; publicKey: CryptoKey };
  /** A new private vault made and wrapped by this account. */
  newVault(id: string, name?: string): Promise<TestVault>;
}

/** A new member of `organisation` (a fresh one unless given) with a cacheable profile on `serverUrl`. */
export async function createTestAccount(options: { userId?: string; serverUrl?: string; organisation?: TestOrganisation } = {}): Promise<TestAccount> {
  const organisation = options.organisation ?? (await createTestOrganisation());
  const userId = options.userId ?? 'user-alice';
  const generated = await generateUserKeys();
  const member = await organisation.addMember(userId, 'administrator', generated);
  const masterKey = await masterKeyFromSeed(randomBytes(32));
  const profile: AccountProfile = {
    serverUrl: options.serverUrl ?? 'https://vault.acme.test',
    userId,
    login: `${userId}@acme.test`,
    kdf: newKdfParams(),
    keys: await sealUserKeys(masterKey.key, userId, generated),
    me: {
      id: userId,
      login: `${userId}@acme.test`,
      role: 'administrator',
      organisationId: organisation.organisationId,
      organisationKey: organisation.key.record,
      organisationFingerprint: organisation.key.fingerprint,
      certificate: member.certificate,
      mfa: false,
      roleId: 'administrator',
      permissions: [...PERMISSIONS],
    },
    pinnedFingerprint: organisation.key.fingerprint,
  };
  return {
    profile,
    masterKey,
    member,
    organisation,
    pinned: { id: organisation.organisationId, publicKey: organisation.key.publicKey },
    async newVault(id, name = 'Personal') {
      const { request, vaultKey } = await prepareVault({ id, kind: 'private', name, me: member.certified, signingKey: member.keys.signing.privateKey });
      const vault = { id, kind: 'private' as const, name, keyVersion: 1, level: 'admin' as const, createdBy: userId, createdAt: 1_800_000_000_000, updatedAt: 1_800_000_000_000 };
      return { key: vaultKey, vault, wrap: request.wraps[0]! };
    },
  };
}

/** An item record as the server serves it (with its server-side dates). */
export function served(record: ItemRecord, changes: Partial<Item> = {}): Item {
  return { ...record, createdAt: 1_800_000_000_000, updatedAt: 1_800_000_000_000 + record.revision, updatedBy: 'user-alice', deletedAt: null, ...changes };
}

/** A sync answer: empty but for `parts`. */
export function syncResponse(parts: Partial<SyncResponse> & Pick<SyncResponse, 'cursor' | 'full'>): SyncResponse {
  return { vaults: [], wraps: [], certificates: [], folders: [], items: [], removed: { vaults: [], folders: [], items: [] }, pendingGrants: [], ...parts };
}
