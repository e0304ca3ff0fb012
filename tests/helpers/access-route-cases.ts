import { expect } from 'vitest';
import { addGroupMemberRoute, createGroupRoute, deleteGroupRoute, listGroupsRoute, removeGroupMemberRoute, renameGroupRoute } from '../../lib/contract/groups';
import { getVaultAccessRoute, putVaultAccessRoute, putVaultKeyWrapRoute, removeVaultAccessRoute, rotateVaultKeyRoute } from '../../lib/contract/vault-access';
import { getItemRoute } from '../../lib/contract/items';
import { getVaultRoute } from '../../lib/contract/vaults';
import { newId } from '../../lib/vault/owner-setup';
import { rotatedVaultKey, wrapVaultKey } from '../../lib/vault/vault-keys';
import { badId, BAD_ID, expectRefusal, notFound, routeCase, withBody, withParam } from './route-case';
import { newItem, newVault } from './vault-fixtures';
import type { VaultWorld } from './vault-fixtures';

// The access and group routes of the vault route table: a vault's access list, rights for users
// and groups at the vault or a folder, the wraps that fulfil pending grants, and groups.

const forbiddenRefusal = { status: 403, code: 'forbidden' };

/** A new private vault of the owner's with the editor given `read` through the access route (no wrap yet: pending). */
async function pendingForEditor(w: VaultWorld) {
  const vault = await newVault(w.owner);
  await w.owner.api.call(putVaultAccessRoute, { params: { id: vault.vaultId, principalType: 'user', principalId: w.editor.userId }, body: { folderId: null, level: 'read' } });
  return vault;
}

/** A new group made by the owner, holding `members`. */
async function newGroup(w: VaultWorld, name: string, members: string[] = []) {
  const group = await w.owner.api.call(createGroupRoute, { body: { id: newId(), name: `${name} ${newId()}` } });
  for (const userId of members) await w.owner.api.call(addGroupMemberRoute, { params: { id: group.id, userId } });
  return group;
}

export const accessCases = [
  routeCase({
    route: getVaultAccessRoute,
    actor: (w) => w.full,
    valid: async (w) => ({ params: { id: w.shared.vaultId }, query: {} }),
    succeeded: ({ grants, people }, _, w) => {
      expect(grants.filter((grant) => grant.principalType === 'user').map(({ name, level, folderId }) => [name, level, folderId])).toEqual(
        expect.arrayContaining([
          ['editor@acme.test', 'edit', null],
          ['full@acme.test', 'full', null],
          ['owner@acme.test', 'admin', null],
          ['reader@acme.test', 'read', null],
        ]),
      );
      expect(people.find((person) => person.userId === w.reader.userId)).toEqual({ userId: w.reader.userId, login: 'reader@acme.test', level: 'read', source: { kind: 'user', folderId: null }, hasKey: true });
    },
    outsider: notFound,
    invalid: { field: 'query.folderId', spoil: (input) => ({ ...input, query: { folderId: BAD_ID } }) },
  }),
  routeCase({
    route: putVaultAccessRoute,
    valid: async (w) => ({ params: { id: (await newVault(w.owner)).vaultId, principalType: 'user' as const, principalId: w.editor.userId }, body: { folderId: null, level: 'edit' as const } }),
    succeeded: async (grant, input, w) => {
      expect(grant).toMatchObject({ principalType: 'user', principalId: w.editor.userId, name: 'editor@acme.test', folderId: null, level: 'edit', grantedBy: w.owner.userId });
      // Access pending: the vault is theirs to see, its key not yet.
      const opened = await w.editor.api.call(getVaultRoute, { params: { id: input.params!.id } });
      expect([opened.vault.level, opened.wrap]).toEqual(['edit', null]);
    },
    outsider: notFound,
    invalid: { field: 'body.level', spoil: (input) => withBody(input, { level: 'owner' }) },
  }),
  routeCase({
    route: removeVaultAccessRoute,
    valid: async (w) => ({ params: { id: (await pendingForEditor(w)).vaultId, principalType: 'user' as const, principalId: w.editor.userId }, query: {} }),
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      await expectRefusal(w.editor.api.call(getVaultRoute, { params: { id: input.params!.id } }), notFound);
    },
    outsider: notFound,
    invalid: { field: 'param.principalType', spoil: (input) => withParam(input, { principalType: 'robot' }) },
  }),
  routeCase({
    route: putVaultKeyWrapRoute,
    valid: async (w) => {
      const vault = await pendingForEditor(w);
      return { params: { id: vault.vaultId, userId: w.editor.userId }, body: { wrap: await wrapVaultKey(vault, await w.organisation.certifiedMember(w.editor.userId), w.owner.granter) } };
    },
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      // The editor now opens the key, checking the owner's signature.
      expect((await w.organisation.openVault(w.editor, input.params!.id)).vaultId).toBe(input.params!.id);
    },
    outsider: notFound,
    invalid: { field: 'param.userId', spoil: (input) => withParam(input, { userId: BAD_ID }) },
  }),
  routeCase({
    route: rotateVaultKeyRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      return { params: { id: vault.vaultId }, body: { keyVersion: 2, wrap: await wrapVaultKey(await rotatedVaultKey(vault), w.owner.certified, w.owner.granter) } };
    },
    succeeded: async (vault, input, w) => {
      expect(vault).toMatchObject({ id: input.params!.id, keyVersion: 2, level: 'admin' });
      expect((await w.organisation.openVault(w.owner, vault.id)).version).toBe(2);
    },
    outsider: notFound,
    invalid: { field: 'body.keyVersion', spoil: (input) => withBody(input, { keyVersion: 1 }) },
  }),
];

export const groupCases = [
  routeCase({
    route: listGroupsRoute,
    actor: (w) => w.reader,
    valid: async (w) => {
      await newGroup(w, 'Listed', [w.reader.userId]);
      return {};
    },
    // Names for every member (they are the sources of people's rights); who is in them for organisation administrators only.
    succeeded: async ({ groups }, _, w) => {
      const listed = groups.filter((group) => group.name.startsWith('Listed'));
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.flatMap((group) => group.memberIds)).toEqual([]);
      const asOwner = (await w.owner.api.call(listGroupsRoute)).groups.filter((group) => group.name.startsWith('Listed'));
      expect(asOwner.every((group) => group.memberIds.includes(w.reader.userId))).toBe(true);
    },
    outsider: ({ groups }) => {
      expect(groups.some((group) => group.name.startsWith('Listed'))).toBe(true);
      expect(groups.flatMap((group) => group.memberIds)).toEqual([]);
    },
  }),
  routeCase({
    route: createGroupRoute,
    valid: async () => ({ body: { id: newId(), name: ` Operators ${newId()} ` } }),
    succeeded: (group, input) => expect(group).toMatchObject({ id: input.body!.id, name: input.body!.name.trim(), memberIds: [] }),
    outsider: forbiddenRefusal,
    invalid: { field: 'body.name', spoil: (input) => withBody(input, { name: '  ' }) },
  }),
  routeCase({
    route: renameGroupRoute,
    valid: async (w) => ({ params: { id: (await newGroup(w, 'Old')).id }, body: { name: `New ${newId()}` } }),
    succeeded: (group, input) => expect(group.name).toBe(input.body!.name),
    outsider: forbiddenRefusal,
    invalid: badId,
  }),
  routeCase({
    route: deleteGroupRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      const group = await newGroup(w, 'Doomed', [w.editor.userId]);
      await w.owner.api.call(putVaultAccessRoute, { params: { id: vault.vaultId, principalType: 'group', principalId: group.id }, body: { folderId: null, level: 'read' } });
      return { params: { id: group.id }, vault: vault.vaultId };
    },
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      // The group's rights went with it.
      await expectRefusal(w.editor.api.call(getVaultRoute, { params: { id: (input as { vault: string }).vault } }), notFound);
    },
    outsider: forbiddenRefusal,
    invalid: badId,
  }),
  routeCase({
    route: addGroupMemberRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      const item = await newItem(w.owner, vault, { name: 'Through the group' });
      const group = await newGroup(w, 'Joined');
      await w.owner.api.call(putVaultAccessRoute, { params: { id: vault.vaultId, principalType: 'group', principalId: group.id }, body: { folderId: null, level: 'read' } });
      return { params: { id: group.id, userId: w.editor.userId }, item: item.id };
    },
    succeeded: async (group, input, w) => {
      expect(group.memberIds).toContain(w.editor.userId);
      expect((await w.editor.api.call(getItemRoute, { params: { id: (input as { item: string }).item } })).name).toBe('Through the group');
    },
    outsider: forbiddenRefusal,
    invalid: { field: 'param.userId', spoil: (input) => withParam(input, { userId: BAD_ID }) },
  }),
  routeCase({
    route: removeGroupMemberRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      const item = await newItem(w.owner, vault, { name: 'Left behind' });
      const group = await newGroup(w, 'Leaving', [w.editor.userId]);
      await w.owner.api.call(putVaultAccessRoute, { params: { id: vault.vaultId, principalType: 'group', principalId: group.id }, body: { folderId: null, level: 'read' } });
      return { params: { id: group.id, userId: w.editor.userId }, item: item.id };
    },
    succeeded: async (group, input, w) => {
      expect(group.memberIds).not.toContain(w.editor.userId);
      await expectRefusal(w.editor.api.call(getItemRoute, { params: { id: (input as { item: string }).item } }), notFound);
    },
    outsider: forbiddenRefusal,
    invalid: { field: 'param.userId', spoil: (input) => withParam(input, { userId: BAD_ID }) },
  }),
];
