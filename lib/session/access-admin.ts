import type { ApiClient } from '../api/client';
import type { GrantLevel } from '../contract/access-levels';
import { addGroupMemberRoute, createGroupRoute, deleteGroupRoute, listGroupsRoute, removeGroupMemberRoute, renameGroupRoute } from '../contract/groups';
import { getVaultAccessRoute, putVaultAccessRoute, removeVaultAccessRoute } from '../contract/vault-access';
import type { GroupRow, VaultAccessView } from '../messages/protocol';
import { newId } from '../vault/owner-setup';

// Rights on vaults and folders, and groups, as the worker manages them for the vault page
// (docs/access-control.md). Nothing here touches a key: access the server records is followed by
// the key through pending grants, which only a vault administrator's client fulfils, to certified
// keys only (pending-grants.ts).

export type Principal = { principalType: 'user' | 'group'; principalId: string };

/** Every entry of a vault, and each person's effective right at the vault root or `folderId`, with its source. */
export async function vaultAccess(api: ApiClient, vaultId: string, folderId: string | null): Promise<VaultAccessView> {
  return api.call(getVaultAccessRoute, { params: { id: vaultId }, query: folderId ? { folderId } : {} });
}

/** Gives a user or group a level (or a user a reset) at the vault root or a folder. */
export async function grantAccess(api: ApiClient, input: Principal & { vaultId: string; folderId: string | null; level: GrantLevel | 'reset' }): Promise<void> {
  await api.call(putVaultAccessRoute, { params: { id: input.vaultId, principalType: input.principalType, principalId: input.principalId }, body: { folderId: input.folderId, level: input.level } });
}

/** Removes a user's or group's entry at the vault root or a folder. */
export async function revokeAccess(api: ApiClient, input: Principal & { vaultId: string; folderId: string | null }): Promise<void> {
  await api.call(removeVaultAccessRoute, { params: { id: input.vaultId, principalType: input.principalType, principalId: input.principalId }, query: input.folderId ? { folderId: input.folderId } : {} });
}

export async function listGroups(api: ApiClient): Promise<GroupRow[]> {
  return (await api.call(listGroupsRoute)).groups.map(({ id, name, memberIds }) => ({ id, name, memberIds }));
}

export async function createGroup(api: ApiClient, name: string): Promise<string> {
  return (await api.call(createGroupRoute, { body: { id: newId(), name } })).id;
}

export async function renameGroup(api: ApiClient, groupId: string, name: string): Promise<void> {
  await api.call(renameGroupRoute, { params: { id: groupId }, body: { name } });
}

export async function deleteGroup(api: ApiClient, groupId: string): Promise<void> {
  await api.call(deleteGroupRoute, { params: { id: groupId } });
}

export async function setGroupMember(api: ApiClient, groupId: string, userId: string, member: boolean): Promise<void> {
  if (member) await api.call(addGroupMemberRoute, { params: { id: groupId, userId } });
  else await api.call(removeGroupMemberRoute, { params: { id: groupId, userId } });
}
