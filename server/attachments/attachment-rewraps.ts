import type { Transaction } from 'kysely';
import type { RewrappedAttachment } from '../../lib/contract/items';
import type { Tables } from '../db/tables';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import { attachmentsRepository } from './attachments.repository';
import { keyPlace, metadataPlace } from './attachments.service';

/**
 * In a re-key's transaction: every file stored for the item (on it, or kept for a revision) takes
 * the file key and metadata the client encrypted again under the new entry key. The list must name
 * exactly those files, or the re-key is refused whole: a client that leaves one out would strand it
 * under an entry key nobody is given again. An upload still open was wrapped under the old entry key
 * and could never be opened once complete; it is dropped, and its uploader starts it again.
 */
export async function rewrapAttachments(trx: Transaction<Tables>, sealer: Sealer, itemId: string, rewraps: RewrappedAttachment[]): Promise<void> {
  const repository = attachmentsRepository(trx);
  const rows = await repository.allOfItem(itemId);
  for (const row of rows.filter((candidate) => candidate.completed_at === null)) await repository.remove(row.id);
  const stored = new Set(rows.filter((row) => row.completed_at !== null).map((row) => row.id));
  const named = new Set(rewraps.map((rewrap) => rewrap.id));
  const missing = [...stored].filter((id) => !named.has(id));
  const extra = [...named].filter((id) => !stored.has(id));
  if (missing.length > 0 || extra.length > 0 || named.size !== rewraps.length) {
    const detail = `re-wrap exactly the stored files: missing ${missing.join(', ') || 'none'}; not stored ${extra.join(', ') || 'none'}${named.size !== rewraps.length ? '; named twice' : ''}`;
    throw new ApiError('attachmentsNotRewrapped', { field: 'body.attachments', detail });
  }
  for (const rewrap of rewraps) {
    await repository.rewrap(rewrap.id, { metadata: sealer.seal(rewrap.metadata, metadataPlace(rewrap.id)), wrapped_key: sealer.seal(rewrap.wrappedKey, keyPlace(rewrap.id)) });
  }
}
