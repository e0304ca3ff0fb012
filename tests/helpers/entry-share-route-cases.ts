import { expect } from 'vitest';
import { createShortcutRoute, deleteInboxShareRoute, deleteShortcutRoute, listEntrySharesRoute, listInboxRoute, sendToInboxRoute } from '../../lib/contract/entry-shares';
import { wrapForInbox, wrapForShortcut } from '../../lib/vault/entry-shares';
import { openItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { badId, notFound, routeCase, withBody } from './route-case';
import { newVault, type VaultWorld } from './vault-fixtures';

// The entry-sharing routes of the vault route table (docs/access-control.md, "Sharing one entry"):
// the owner shares the shared vault's item into a fresh vault of their own and to the reader's inbox.

const entryKeyOf = async (w: VaultWorld) => (await openItem(w.sharedItem, w.shared)).entryKey;

async function shortcutBody(w: VaultWorld) {
  const target = await newVault(w.owner);
  const id = newId();
  const wrapped = await wrapForShortcut({ shortcutId: id, itemId: w.sharedItem.id, vault: target }, await entryKeyOf(w));
  return { id, vaultId: target.vaultId, folderId: null, keyVersion: target.version, wrapped };
}

async function inboxBody(w: VaultWorld) {
  return { id: newId(), recipientId: w.reader.userId, wrap: await wrapForInbox(w.sharedItem.id, await entryKeyOf(w), w.reader.certified, w.owner.granter) };
}

export const entryShareCases = [
  routeCase({
    route: listEntrySharesRoute,
    valid: async (w) => ({ params: { id: w.sharedItem.id } }),
    succeeded: (shares) => expect(shares).toMatchObject({ shortcuts: expect.any(Array), inbox: expect.any(Array) }),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: createShortcutRoute,
    valid: async (w) => ({ params: { id: w.sharedItem.id }, body: await shortcutBody(w) }),
    succeeded: (shortcut, input, w) => expect(shortcut).toMatchObject({ id: input.body!.id, itemId: w.sharedItem.id, vaultId: input.body!.vaultId, createdBy: w.owner.userId }),
    outsider: notFound,
    invalid: { field: 'body.wrapped', spoil: (input) => withBody(input, { wrapped: 'not base64url!' }) },
  }),
  routeCase({
    route: deleteShortcutRoute,
    valid: async (w) => {
      const body = await shortcutBody(w);
      await w.owner.api.call(createShortcutRoute, { params: { id: w.sharedItem.id }, body });
      return { params: { id: body.id } };
    },
    succeeded: (output) => expect(output).toBeUndefined(),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: sendToInboxRoute,
    valid: async (w) => ({ params: { id: w.sharedItem.id }, body: await inboxBody(w) }),
    succeeded: (share, input, w) => expect(share).toMatchObject({ id: input.body!.id, itemId: w.sharedItem.id, recipientId: w.reader.userId, recipientLogin: 'reader@acme.test', senderId: w.owner.userId }),
    outsider: notFound,
    invalid: { field: 'body.recipientId', spoil: (input) => withBody(input, { recipientId: 'no!' }) },
  }),
  routeCase({
    route: listInboxRoute,
    actor: (w) => w.reader,
    valid: async () => ({}),
    succeeded: ({ shares }, _, w) => expect(shares.every((share) => share.item.id === w.sharedItem.id && share.senderLogin === 'owner@acme.test')).toBe(true),
    outsider: ({ shares }) => expect(shares).toEqual([]),
  }),
  routeCase({
    route: deleteInboxShareRoute,
    valid: async (w) => {
      const body = await inboxBody(w);
      await w.owner.api.call(sendToInboxRoute, { params: { id: w.sharedItem.id }, body });
      return { params: { id: body.id } };
    },
    succeeded: (output) => expect(output).toBeUndefined(),
    outsider: notFound,
    invalid: badId,
  }),
];
