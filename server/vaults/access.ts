import type { Kysely, Transaction } from 'kysely';
import { ACCESS_LEVELS, type AccessLevel } from '../../lib/contract/vaults';
import type { Tables } from '../db/tables';
import { ApiError } from '../http/errors';

// The effective-right rule in one place: a user's level in a vault is the strongest vault-wide
// grant among their principals. Today a principal is the user; groups and folder-level rights
// (issue "Teams") add principals and rows here without changing any caller.

type Db = Kysely<Tables> | Transaction<Tables>;

const rank = (level: AccessLevel) => ACCESS_LEVELS.indexOf(level);

/** True when `level` allows what `needed` allows. */
export function atLeast(level: AccessLevel, needed: AccessLevel): boolean {
  return rank(level) >= rank(needed);
}

/** The stronger of two levels. */
export function stronger(a: AccessLevel, b: AccessLevel): AccessLevel {
  return rank(a) >= rank(b) ? a : b;
}

/**
 * The rows that give `userId` access: their vault-wide grants. Every access check reads these, so
 * adding groups and folder rights changes this query only.
 */
export function userGrants(db: Db, userId: string) {
  return db.selectFrom('vault_access').select(['vault_id', 'level']).where('principal_type', '=', 'user').where('principal_id', '=', userId).where('folder_id', '=', '');
}

/** The effective level among grants (null without any). */
export function strongestOf(levels: (string | null)[]): AccessLevel | null {
  return levels.reduce<AccessLevel | null>((best, level) => (level === null ? best : best ? stronger(best, level as AccessLevel) : (level as AccessLevel)), null);
}

/** Every vault `userId` may open, with their effective level. */
export async function visibleVaults(db: Db, userId: string): Promise<Map<string, AccessLevel>> {
  const levels = new Map<string, AccessLevel>();
  for (const row of await userGrants(db, userId).execute()) levels.set(row.vault_id, strongestOf([levels.get(row.vault_id) ?? null, row.level])!);
  return levels;
}

/** `userId`'s effective level in one vault, or null without access. */
export async function levelIn(db: Db, userId: string, vaultId: string): Promise<AccessLevel | null> {
  return strongestOf((await userGrants(db, userId).where('vault_id', '=', vaultId).execute()).map((row) => row.level));
}

/** Throws unless `level` allows `needed`: 404 without any access, 403 when too weak. */
export function demandLevel(level: AccessLevel | null, needed: AccessLevel): AccessLevel {
  if (!level) throw new ApiError('notFound', { detail: 'no such vault' });
  if (!atLeast(level, needed)) throw new ApiError('forbidden', { detail: `needs ${needed} access` });
  return level;
}

/**
 * Throws unless `userId` holds at least `needed` in `vaultId`: 404 without any access (a vault one
 * cannot open does not exist for them), 403 with too weak a level.
 */
export async function requireLevel(db: Db, userId: string, vaultId: string, needed: AccessLevel): Promise<AccessLevel> {
  return demandLevel(await levelIn(db, userId, vaultId), needed);
}
