import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { LinkState, newShareLinkSchema, RevealedLink, ShareLink } from '../../lib/contract/share-links';
import { hashAccessToken } from '../../lib/crypto/token-hash';
import { requireRight } from '../access/require-right';
import { rightsOf } from '../access/rights.repository';
import type { ShareLinksTable, Tables } from '../db/tables';
import type { EventsRepository, NewEvent } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { itemsRepository, type StoredItem } from '../items/items.repository';
import type { Sealer } from '../sealing/sealer';
import { shareLinksRepository } from './share-links.repository';
import type { RevealThrottle } from './reveal-throttle';

// Share links (docs/sharing.md, "Share links"; docs/access-control.md). Creating and listing an
// entry's links is `shareEntries` (full access) where the entry is: a link reaches people the
// vault's rights never named. Its creator may always revoke it. Revealing needs no account, only
// the access token, which the server checks against the stored hash and never logs.

export interface ShareLinksDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  events: EventsRepository;
  throttle: RevealThrottle;
  now: () => number;
}

const ciphertextPlace = (id: string) => ({ table: 'share_links', column: 'ciphertext', rowId: id });

/** Why a link opens no more at `now`, or `active`. */
export function linkState(row: Pick<ShareLinksTable, 'revoked_at' | 'expires_at' | 'max_views' | 'views'>, now: number): LinkState {
  if (row.revoked_at !== null) return 'revoked';
  if (row.expires_at !== null && row.expires_at <= now) return 'expired';
  if (row.max_views !== null && row.views >= row.max_views) return 'usedUp';
  return 'active';
}

function linkView(row: ShareLinksTable, now: number): ShareLink {
  return {
    id: row.id,
    itemId: row.item_id,
    vaultId: row.vault_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    maxViews: row.max_views,
    views: row.views,
    viewsLeft: row.max_views === null ? null : Math.max(0, row.max_views - row.views),
    lastViewedAt: row.last_viewed_at,
    revokedAt: row.revoked_at,
    state: linkState(row, now),
  };
}

const REFUSALS = { revoked: 'linkRevoked', expired: 'linkExpired', usedUp: 'linkUsedUp' } as const;

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function shareLinksService(deps: ShareLinksDeps) {
  const links = shareLinksRepository(deps.db);
  const items = itemsRepository(deps.db);
  const record = (event: Omit<NewEvent, 'occurredAt'>) => deps.events.append({ occurredAt: deps.now(), ...event });
  const byUser = (type: string, userId: string, link: Pick<ShareLinksTable, 'id' | 'item_id' | 'vault_id'>, client: ClientInfo, details: Record<string, unknown> = {}) =>
    record({ type, actor: { type: 'user', id: userId }, target: { type: 'item', id: link.item_id }, vaultId: link.vault_id, ip: client.ip, browserMode: client.browserMode, details: { linkId: link.id, ...details } });
  const byRecipient = (type: string, link: Pick<ShareLinksTable, 'id' | 'item_id' | 'vault_id'>, client: ClientInfo, details: Record<string, unknown>) =>
    record({ type, actor: { type: 'anonymous', id: null }, target: { type: 'item', id: link.item_id }, vaultId: link.vault_id, ip: client.ip, browserMode: null, details: { linkId: link.id, ...details } });

  /** The entry, once the caller may share it; 404 for entries they cannot see. */
  async function shareable(userId: string, itemId: string): Promise<StoredItem> {
    const item = await items.byId(itemId);
    if (!item) throw new ApiError('notFound', { detail: 'no such item' });
    requireRight(await rightsOf(deps.db, userId, [item.vault_id]), item.vault_id, item.folder_id, 'shareEntries', 'item');
    return item;
  }

  /** A failed reveal: the same answer for an unknown link and a wrong token, so ids cannot be probed. */
  async function refuse(id: string, tokenHash: string, client: ClientInfo): Promise<never> {
    const row = await links.byId(id);
    if (!row || !sameHash(row.token_hash, tokenHash)) {
      await deps.throttle.failed(client.ip);
      if (row) await byRecipient('link.revealFailed', row, client, { reason: 'wrongToken' });
      throw new ApiError('linkNotFound', { detail: row ? 'wrong access token' : 'no such link' });
    }
    const state = linkState(row, deps.now());
    // Counted by a concurrent reveal between the UPDATE and this read: used up by now either way.
    const reason = state === 'active' ? 'usedUp' : state;
    await byRecipient('link.revealFailed', row, client, { reason });
    throw new ApiError(REFUSALS[reason], { detail: `link ${reason}` });
  }

  return {
    async create(userId: string, itemId: string, input: z.infer<typeof newShareLinkSchema>, client: ClientInfo): Promise<ShareLink> {
      const item = await shareable(userId, itemId);
      if (item.deleted_at !== null) throw new ApiError('conflict', { detail: 'the item is in the trash' });
      if (await links.byId(input.id)) throw new ApiError('conflict', { field: 'body.id', detail: 'the id is taken' });
      const now = deps.now();
      const row: ShareLinksTable = {
        id: input.id,
        item_id: itemId,
        vault_id: item.vault_id,
        created_by: userId,
        token_hash: await hashAccessToken(input.accessToken),
        ciphertext: deps.sealer.seal(input.ciphertext, ciphertextPlace(input.id)),
        created_at: now,
        expires_at: input.expiresInSeconds === null ? null : now + input.expiresInSeconds * 1000,
        max_views: input.maxViews,
        views: 0,
        last_viewed_at: null,
        revoked_at: null,
        revoked_by: null,
      };
      await links.insert(row);
      await byUser('link.created', userId, row, client, { expiresAt: row.expires_at, maxViews: row.max_views });
      return linkView(row, now);
    },

    async ofItem(userId: string, itemId: string): Promise<ShareLink[]> {
      await shareable(userId, itemId);
      const now = deps.now();
      return (await links.ofItem(itemId)).map((row) => linkView(row, now));
    },

    async own(userId: string): Promise<ShareLink[]> {
      const now = deps.now();
      return (await links.createdBy(userId)).map((row) => linkView(row, now));
    },

    /** Its creator may always revoke it; anyone else needs to share the entry (404 when they cannot see it). */
    async revoke(userId: string, id: string, client: ClientInfo): Promise<void> {
      const row = await links.byId(id);
      if (!row) throw new ApiError('notFound', { detail: 'no such link' });
      if (row.created_by !== userId) {
        const item = (await items.byId(row.item_id))!;
        requireRight(await rightsOf(deps.db, userId, [item.vault_id]), item.vault_id, item.folder_id, 'shareEntries', 'link');
      }
      if (await links.revoke(id, userId, deps.now())) await byUser('link.revoked', userId, row, client);
    },

    /** Counts one view and returns the ciphertext; 404 `linkNotFound`, 410 `linkExpired`/`linkUsedUp`/`linkRevoked`, 429 while the address is throttled. */
    async reveal(id: string, accessToken: string, client: ClientInfo): Promise<RevealedLink> {
      await deps.throttle.check(client.ip);
      const tokenHash = await hashAccessToken(accessToken);
      const counted = await links.countView(id, tokenHash, deps.now());
      if (!counted) return refuse(id, tokenHash, client);
      const viewsLeft = counted.max_views === null ? null : counted.max_views - counted.views;
      await byRecipient('link.revealed', counted, client, { views: counted.views, viewsLeft });
      return { ciphertext: deps.sealer.open(counted.ciphertext, ciphertextPlace(id)).toString(), viewsLeft, expiresAt: counted.expires_at };
    },
  };
}

export type ShareLinksService = ReturnType<typeof shareLinksService>;
