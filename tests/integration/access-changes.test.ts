import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreFolderRoute, trashFolderRoute } from '../../lib/contract/folders';
import { addGroupMemberRoute, createGroupRoute, removeGroupMemberRoute } from '../../lib/contract/groups';
import { getItemRoute, restoreItemRoute, trashItemRoute } from '../../lib/contract/items';
import { syncRoute } from '../../lib/contract/sync';
import { putVaultAccessRoute, putVaultKeyWrapRoute, removeVaultAccessRoute } from '../../lib/contract/vault-access';
import { getVaultRoute, removeVaultMemberRoute } from '../../lib/contract/vaults';
import { newId } from '../../lib/vault/owner-setup';
import { wrapVaultKey } from '../../lib/vault/vault-keys';
import { expectRefusal, notFound } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { createVaultWorld, newFolder, newItem, newVault, type VaultWorld } from '../helpers/vault-fixtures';
import type { TestMember } from '../helpers/organisation';

// What follows a change of rights, over HTTP on both engines: dropping one's own entries is
// leaving, never a way past a personal forbidden; a folder's trash, restore and purge need the
// whole subtree; a folder or entry that comes back at the vault root is created there as far as
// rights go; narrowed rights bring a whole sync without what is now hidden, and take back the key
// of whoever can read nothing more.

const forbidden = { status: 403, code: 'forbidden' };

describe.each(ENGINES)('changes of rights on $engine', ({ engine, available }) => {
  let w: VaultWorld;

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 120_000);
  afterAll(() => w?.server.stop());

  const grant = (vaultId: string, principalType: 'user' | 'group', principalId: string, folderId: string | null, level: 'forbidden' | 'navigation' | 'read' | 'edit' | 'full' | 'admin' | 'reset') =>
    w.owner.api.call(putVaultAccessRoute, { params: { id: vaultId, principalType, principalId }, body: { folderId, level } });
  /** A group of the owner's making with `members`. */
  async function groupOf(...members: TestMember[]) {
    const group = await w.owner.api.call(createGroupRoute, { body: { id: newId(), name: `Group ${newId()}` } });
    for (const member of members) await w.owner.api.call(addGroupMemberRoute, { params: { id: group.id, userId: member.userId } });
    return group.id;
  }

  it.skipIf(!available)('dropping one’s own entries is leaving: refused (403) while a group still gives access, so a personal forbidden holds', async () => {
    const vault = await newVault(w.owner);
    const folder = await newFolder(w.owner, vault.vaultId, 'Payroll');
    const item = await newItem(w.owner, vault, { name: 'Payroll login', folderId: folder.id });
    await grant(vault.vaultId, 'group', await groupOf(w.editor), null, 'admin');
    await grant(vault.vaultId, 'user', w.editor.userId, null, 'read');
    await grant(vault.vaultId, 'user', w.editor.userId, folder.id, 'forbidden');
    await expectRefusal(w.editor.api.call(getItemRoute, { params: { id: item.id } }), notFound);

    await expectRefusal(w.editor.api.call(removeVaultAccessRoute, { params: { id: vault.vaultId, principalType: 'user', principalId: w.editor.userId }, query: { folderId: folder.id } }), forbidden);
    await expectRefusal(w.editor.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.editor.userId } }), forbidden);
    await expectRefusal(w.editor.api.call(getItemRoute, { params: { id: item.id } }), notFound);
    expect((await w.editor.api.call(getVaultRoute, { params: { id: vault.vaultId } })).vault.level).toBe('read');
  });

  it.skipIf(!available)('leaving works when nothing else gives access', async () => {
    const vault = await newVault(w.owner);
    await grant(vault.vaultId, 'user', w.reader.userId, null, 'read');
    await w.reader.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.reader.userId } });
    await expectRefusal(w.reader.api.call(getVaultRoute, { params: { id: vault.vaultId } }), notFound);
  });

  it.skipIf(!available)('trashing, restoring and purging a folder take its whole subtree: refused (403) when a folder below is shut to the caller', async () => {
    const vault = await newVault(w.owner);
    const top = await newFolder(w.owner, vault.vaultId, 'Team');
    const below = await newFolder(w.owner, vault.vaultId, 'Secrets', top.id);
    await grant(vault.vaultId, 'user', w.full.userId, null, 'full');
    await grant(vault.vaultId, 'user', w.full.userId, below.id, 'forbidden');
    await expectRefusal(w.full.api.call(trashFolderRoute, { params: { id: top.id } }), forbidden);
    await grant(vault.vaultId, 'user', w.full.userId, below.id, 'full');
    expect((await w.full.api.call(trashFolderRoute, { params: { id: top.id } })).deletedAt).toEqual(expect.any(Number));
  });

  it.skipIf(!available)('a folder restored to the root (its parent still in the trash) is moved, as far as rights go: administrators only where folders carry rights', async () => {
    const vault = await newVault(w.owner);
    const parent = await newFolder(w.owner, vault.vaultId, 'Parent');
    const child = await newFolder(w.owner, vault.vaultId, 'Child', parent.id);
    await grant(vault.vaultId, 'user', w.full.userId, null, 'full');
    await grant(vault.vaultId, 'user', w.reader.userId, parent.id, 'forbidden');
    await w.full.api.call(trashFolderRoute, { params: { id: child.id } });
    await w.full.api.call(trashFolderRoute, { params: { id: parent.id } });
    await expectRefusal(w.full.api.call(restoreFolderRoute, { params: { id: child.id } }), forbidden);
    expect((await w.owner.api.call(restoreFolderRoute, { params: { id: child.id } })).parentId).toBeNull();
  });

  it.skipIf(!available)('an entry restored to the root (its folder in the trash) needs the right to create entries there', async () => {
    const vault = await newVault(w.owner);
    const folder = await newFolder(w.owner, vault.vaultId, 'Full here');
    const item = await newItem(w.owner, vault, { folderId: folder.id });
    await grant(vault.vaultId, 'user', w.full.userId, null, 'read');
    await grant(vault.vaultId, 'user', w.full.userId, folder.id, 'full');
    await w.full.api.call(trashItemRoute, { params: { id: item.id } });
    await w.owner.api.call(trashFolderRoute, { params: { id: folder.id } });
    await expectRefusal(w.full.api.call(restoreItemRoute, { params: { id: item.id } }), forbidden);
    expect((await w.owner.api.call(restoreItemRoute, { params: { id: item.id } })).folderId).toBeNull();
  });

  it.skipIf(!available)('a folder shut to a member brings them a whole sync without its entries; the key stays while they read elsewhere, and goes with their last right', async () => {
    const vault = await newVault(w.owner);
    const folder = await newFolder(w.owner, vault.vaultId, 'Shut later');
    const hidden = await newItem(w.owner, vault, { name: 'Hidden later', folderId: folder.id });
    const kept = await newItem(w.owner, vault, { name: 'Still readable' });
    const groupId = await groupOf(w.reader);
    await grant(vault.vaultId, 'group', groupId, null, 'read');
    await w.owner.api.call(putVaultKeyWrapRoute, { params: { id: vault.vaultId, userId: w.reader.userId }, body: { wrap: await wrapVaultKey(vault, await w.organisation.certifiedMember(w.reader.userId), w.owner.granter) } });
    const first = await w.reader.api.call(syncRoute, { query: {} });
    expect(first.items.filter((item) => item.vaultId === vault.vaultId).map((item) => item.id).sort()).toEqual([hidden.id, kept.id].sort());

    await grant(vault.vaultId, 'group', groupId, folder.id, 'forbidden');
    const next = await w.reader.api.call(syncRoute, { query: { cursor: first.cursor } });
    expect(next.full).toBe(true);
    expect(next.items.filter((item) => item.vaultId === vault.vaultId).map((item) => item.id)).toEqual([kept.id]);
    expect(next.folders.map((served) => served.id)).not.toContain(folder.id);
    expect((await w.reader.api.call(getVaultRoute, { params: { id: vault.vaultId } })).wrap).not.toBeNull();

    await w.owner.api.call(removeGroupMemberRoute, { params: { id: groupId, userId: w.reader.userId } });
    const gone = await w.reader.api.call(syncRoute, { query: { cursor: next.cursor } });
    expect(gone.removed.vaults).toEqual([vault.vaultId]);
    await expectRefusal(w.reader.api.call(getVaultRoute, { params: { id: vault.vaultId } }), notFound);
    // Back in through a right of their own: no wrap survived the removal, so the key is pending again.
    await grant(vault.vaultId, 'user', w.reader.userId, null, 'read');
    expect((await w.reader.api.call(getVaultRoute, { params: { id: vault.vaultId } })).wrap).toBeNull();
  });
});
