import { expect } from 'vitest';
import { createVaultRoute, deleteVaultRoute, getVaultRoute, listMembersDirectoryRoute, listVaultMembersRoute, listVaultsRoute, putVaultMemberRoute, removeVaultMemberRoute, renameVaultRoute } from '../../lib/contract/vaults';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault, wrapVaultKey } from '../../lib/vault/vault-keys';
import { badId, BAD_ID, expectRefusal, notFound, routeCase, withBody, withParam } from './route-case';
import { newVault, shareWith } from './vault-fixtures';

// The vault routes of the vault route table: list, create, get, rename, delete, and membership.

export const vaultCases = [
  routeCase({
    route: listVaultsRoute,
    actor: (w) => w.reader,
    valid: async () => ({}),
    succeeded: ({ vaults }, _, w) => expect(vaults.find((vault) => vault.id === w.shared.vaultId)).toMatchObject({ name: 'Engineering', kind: 'company', level: 'read' }),
    outsider: ({ vaults }, w) => expect(vaults.map((vault) => vault.id)).not.toContain(w.shared.vaultId),
  }),
  routeCase({
    route: createVaultRoute,
    valid: async (w) => ({ body: (await prepareVault({ id: newId(), kind: 'private', name: '  Personal  ', me: w.owner.certified, signingKey: w.owner.keys.signing.privateKey })).request }),
    succeeded: async (vault, input, w) => {
      expect(vault).toMatchObject({ id: input.body!.id, kind: 'private', name: 'Personal', keyVersion: 1, level: 'admin', createdBy: w.owner.userId });
      expect((await w.organisation.openVault(w.owner, vault.id)).version).toBe(1);
    },
    // Replaying someone else's creation: the key is not wrapped to the caller.
    outsider: { status: 400, code: 'validationFailed', field: 'body.wraps' },
    invalid: { field: 'body.name', spoil: (input) => withBody(input, { name: '   ' }) },
  }),
  routeCase({
    route: getVaultRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ params: { id: w.shared.vaultId } }),
    succeeded: async (served, _, w) => {
      expect(served.vault).toMatchObject({ id: w.shared.vaultId, name: 'Engineering', level: 'read' });
      expect(served.wrap).toMatchObject({ recipientId: w.reader.userId, granterId: w.owner.userId, keyVersion: 1 });
      expect(served.granter?.userId).toBe(w.owner.userId);
      expect((await w.organisation.openVault(w.reader, w.shared.vaultId)).raw).toEqual(w.shared.raw);
    },
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: renameVaultRoute,
    valid: async (w) => ({ params: { id: (await newVault(w.owner, { name: 'Old name' })).vaultId }, body: { name: ' New name ' } }),
    succeeded: async (vault, input, w) => {
      expect(vault).toMatchObject({ id: input.params!.id, name: 'New name', level: 'admin' });
      expect((await w.owner.api.call(getVaultRoute, { params: { id: vault.id } })).vault.name).toBe('New name');
    },
    outsider: notFound,
    invalid: { field: 'body.name', spoil: (input) => withBody(input, { name: '' }) },
  }),
  routeCase({
    route: deleteVaultRoute,
    valid: async (w) => ({ params: { id: (await newVault(w.owner)).vaultId } }),
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      await expectRefusal(w.owner.api.call(getVaultRoute, { params: { id: input.params!.id } }), notFound);
    },
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: listVaultMembersRoute,
    actor: (w) => w.full,
    valid: async (w) => ({ params: { id: w.shared.vaultId } }),
    succeeded: ({ members }) =>
      expect(members.map(({ login, level, hasKey }) => [login, level, hasKey])).toEqual([
        ['editor@acme.test', 'edit', true],
        ['full@acme.test', 'full', true],
        ['owner@acme.test', 'admin', true],
        ['reader@acme.test', 'read', true],
      ]),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: putVaultMemberRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      const wrap = await wrapVaultKey(vault, await w.organisation.certifiedMember(w.editor.userId), w.owner.granter);
      return { params: { id: vault.vaultId, userId: w.editor.userId }, body: { level: 'edit' as const, wrap } };
    },
    succeeded: async (member, input, w) => {
      expect(member).toEqual({ userId: w.editor.userId, login: 'editor@acme.test', level: 'edit', grantedBy: w.owner.userId, hasKey: true });
      expect((await w.editor.api.call(getVaultRoute, { params: { id: input.params!.id } })).vault.level).toBe('edit');
    },
    outsider: notFound,
    invalid: { field: 'body.level', spoil: (input) => withBody(input, { level: 'owner' }) },
  }),
  routeCase({
    route: removeVaultMemberRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      await shareWith(w, vault, w.owner, w.editor, 'edit');
      return { params: { id: vault.vaultId, userId: w.editor.userId } };
    },
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      await expectRefusal(w.editor.api.call(getVaultRoute, { params: { id: input.params!.id } }), notFound);
    },
    outsider: notFound,
    invalid: { field: 'param.userId', spoil: (input) => withParam(input, { userId: BAD_ID }) },
  }),
  routeCase({
    route: listMembersDirectoryRoute,
    actor: (w) => w.reader,
    valid: async () => ({}),
    succeeded: async ({ members }, _, w) => {
      expect(members.map(({ login, role }) => [login, role])).toEqual([
        ['editor@acme.test', 'member'],
        ['full@acme.test', 'member'],
        ['outsider@acme.test', 'member'],
        ['owner@acme.test', 'owner'],
        ['reader@acme.test', 'member'],
      ]);
      // Each certificate verifies as its member's: the reader's client could wrap a vault key to any of them.
      const editor = members.find((member) => member.userId === w.editor.userId)!;
      expect((await w.organisation.verified(w.reader, editor.certificate, w.editor.userId)).encryptionFingerprint).toBe(w.editor.certified.encryptionFingerprint);
    },
    // The directory is the organisation's, not a vault's: a member outside every vault sees the same people.
    outsider: ({ members }, w) => expect(members.map((member) => member.userId)).toContain(w.reader.userId),
  }),
];
