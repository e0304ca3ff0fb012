import { expect } from 'vitest';
import { createShareLinkRoute, listEntryLinksRoute, listOwnLinksRoute, revokeShareLinkRoute } from '../../lib/contract/share-links';
import { createLinkSecret } from '../../lib/crypto/link-keys';
import { sealLinkPayload } from '../../lib/vault/link-payload';
import { newId } from '../../lib/vault/owner-setup';
import { badId, notFound, routeCase, withBody } from './route-case';
import type { VaultWorld } from './vault-fixtures';

// The share-link routes of the vault route table (docs/sharing.md): the owner links the shared
// vault's item. Revealing needs no account and is tested in share-links.test.ts.

/** A link's body: a fresh secret over a small payload. */
export async function shareLinkBody(options: { expiresInSeconds?: number | null; maxViews?: number | null } = {}) {
  const id = newId();
  const sealed = await sealLinkPayload(createLinkSecret(), id, { version: 1, name: 'Build server', login: 'ci', urls: [], fields: [] });
  return { id, ...sealed, expiresInSeconds: options.expiresInSeconds ?? 3600, maxViews: options.maxViews ?? null };
}

async function createdLink(w: VaultWorld): Promise<string> {
  const body = await shareLinkBody();
  await w.owner.api.call(createShareLinkRoute, { params: { id: w.sharedItem.id }, body });
  return body.id;
}

export const shareLinkCases = [
  routeCase({
    route: createShareLinkRoute,
    valid: async (w) => ({ params: { id: w.sharedItem.id }, body: await shareLinkBody() }),
    succeeded: (link, input, w) => expect(link).toMatchObject({ id: input.body!.id, itemId: w.sharedItem.id, createdBy: w.owner.userId, views: 0, state: 'active' }),
    outsider: notFound,
    invalid: { field: 'body.expiresInSeconds', spoil: (input) => withBody(input, { expiresInSeconds: 60 }) },
  }),
  routeCase({
    route: listEntryLinksRoute,
    valid: async (w) => ({ params: { id: w.sharedItem.id } }),
    succeeded: ({ links }, _, w) => expect(links.every((link) => link.itemId === w.sharedItem.id)).toBe(true),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: listOwnLinksRoute,
    valid: async () => ({}),
    succeeded: ({ links }, _, w) => expect(links.every((link) => link.createdBy === w.owner.userId)).toBe(true),
    outsider: ({ links }) => expect(links).toEqual([]),
  }),
  routeCase({
    route: revokeShareLinkRoute,
    valid: async (w) => ({ params: { id: await createdLink(w) } }),
    succeeded: (output) => expect(output).toBeUndefined(),
    outsider: notFound,
    invalid: badId,
  }),
];
