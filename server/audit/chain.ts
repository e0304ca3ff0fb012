import { createHash } from 'node:crypto';
import type { EventsTable } from '../db/tables';

/** The link before the first event: 32 zero bytes, in hex. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The columns of an event row the chain covers, as stored (`details` is the JSON text, hashed as it
 * is: re-serialising could reorder keys); everything of the row but its own link.
 */
export type ChainedColumns = Omit<EventsTable, 'seq' | 'hash'> & { seq: number };

/**
 * Version 1 of an event's canonical form (docs/audit.md "The chain"): a JSON array of the columns
 * in a fixed order, so anyone can rebuild it from an export without Keyhold's code.
 */
export function canonicalEvent(row: ChainedColumns): string {
  return JSON.stringify([
    1,
    Number(row.seq),
    Number(row.occurred_at),
    row.type,
    row.actor_type,
    row.actor_id,
    row.target_type,
    row.target_id,
    row.vault_id,
    row.ip,
    row.browser_mode === null ? null : Number(row.browser_mode),
    row.details,
  ]);
}

/** hash(n) = SHA-256(hash(n-1) as 32 bytes ‖ UTF-8 of the canonical form of row n), in hex. */
export function chainHash(previousHash: string, row: ChainedColumns): string {
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(canonicalEvent(row), 'utf8').digest('hex');
}
