import type { ApiClient } from '../api/client';
import { createShareLinkRoute, listEntryLinksRoute, revokeShareLinkRoute, type ShareLink } from '../contract/share-links';
import { createLinkSecret, formatLinkFragment } from '../crypto/link-keys';
import { sealLinkPayload, type LinkPayload } from '../vault/link-payload';
import { newId } from '../vault/owner-setup';
import type { OpenedVault } from './opened-vault';

// Share links, as the worker makes them for the vault page (docs/sharing.md). The entry is read
// through the opened vault, which verifies its metadata MAC and decrypts each field under the
// revision it belongs to; the copy is encrypted under a fresh link secret that leaves the worker
// only inside the URL returned once to the page. The server gets the ciphertext and access token.

/** The link's data: the entry as the vault reads it now. */
async function payloadOf(vault: OpenedVault, itemId: string): Promise<LinkPayload> {
  const entry = await vault.read(itemId);
  const fields = await Promise.all(entry.fields.map(async (field) => ({ type: field.type, label: field.label, value: await vault.revealField(itemId, field.id) })));
  return { version: 1, name: entry.name, login: entry.login, urls: entry.urls.map(({ url }) => url), fields };
}

/** The page URL a link opens, its secret in the fragment (which browsers never send). */
export function shareLinkUrl(serverUrl: string, linkId: string, fragment: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/s/${linkId}#${fragment}`;
}

/** Creates a share link for the entry; returns its id and its URL (the only copy of the secret). */
export async function createShareLink(api: ApiClient, vault: OpenedVault, input: { itemId: string; expiresInSeconds: number | null; maxViews: number | null }): Promise<{ linkId: string; url: string }> {
  const linkId = newId();
  const secret = createLinkSecret();
  const { accessToken, ciphertext } = await sealLinkPayload(secret, linkId, await payloadOf(vault, input.itemId));
  await api.call(createShareLinkRoute, { params: { id: input.itemId }, body: { id: linkId, accessToken, ciphertext, expiresInSeconds: input.expiresInSeconds, maxViews: input.maxViews } });
  return { linkId, url: shareLinkUrl(api.baseUrl, linkId, formatLinkFragment(secret)) };
}

/** The entry's links, newest first (no secrets: those live only in the URLs handed out). */
export async function entryLinks(api: ApiClient, itemId: string): Promise<ShareLink[]> {
  return (await api.call(listEntryLinksRoute, { params: { id: itemId } })).links;
}

export async function revokeShareLink(api: ApiClient, linkId: string): Promise<void> {
  await api.call(revokeShareLinkRoute, { params: { id: linkId } });
}
