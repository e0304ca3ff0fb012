import { sql, type Kysely } from 'kysely';
import type { Reader } from '../db/database';
import { precompiled } from '../db/precompiled';
import type { SessionsTable, Tables } from '../db/tables';

/** The `settings` key of the organisation's "second factor for everyone" rule (JSON boolean). */
export const REQUIRE_MFA_KEY = 'requireMfa';

/** What deciding whether an access token is live needs of its session. */
export type LiveSessionFields = Pick<SessionsTable, 'id' | 'user_id' | 'revoked_at' | 'access_expires_at' | 'last_used_at'>;

/** A session with what authenticating a request needs of its user and of the organisation's rules. */
export type SessionWithUser = LiveSessionFields & { user_status: string; user_kind: string; master_key_hash_mac: string; has_totp: number; require_mfa: string | null };

/** The only SQL for `sessions`. Rotation is a compare-and-swap on the refresh hash. */
export function sessionsRepository(db: Kysely<Tables>, reader: Reader) {
  // Every vault request runs this one.
  // Also whether the user has a second factor and the organisation requires one (settings
  // `requireMfa`): a session of someone who must enrol one may do little else.
  const withUser = precompiled(db, reader, 1, (hash: string) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.user_id', 'sessions.revoked_at', 'sessions.access_expires_at', 'sessions.last_used_at', 'users.status as user_status', 'users.kind as user_kind', 'users.master_key_hash_mac'])
      // Whether a second factor is on, not the sealed secret itself: no need to carry it on every request.
      .select(sql<number>`case when users.totp_secret is null then 0 else 1 end`.as('has_totp'))
      .select((eb) => eb.selectFrom('settings').select('settings.value').where('settings.key', '=', REQUIRE_MFA_KEY).as('require_mfa'))
      .where('sessions.access_hash', '=', hash),
  );
  return {
    async insert(row: SessionsTable): Promise<void> {
      await db.insertInto('sessions').values(row).execute();
    },
    async byId(id: string): Promise<SessionsTable | undefined> {
      return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byAccessHash(hash: string): Promise<SessionsTable | undefined> {
      return db.selectFrom('sessions').selectAll().where('access_hash', '=', hash).executeTakeFirst();
    },
    /** The session of an access token with what the vault routes need of its user, in one query. */
    async byAccessHashWithUser(hash: string): Promise<SessionWithUser | undefined> {
      return (await withUser(hash))[0];
    },
    async byRefreshHash(hash: string): Promise<SessionsTable | undefined> {
      return db.selectFrom('sessions').selectAll().where('refresh_hash', '=', hash).executeTakeFirst();
    },
    async byPreviousRefreshHash(hash: string): Promise<SessionsTable | undefined> {
      return db.selectFrom('sessions').selectAll().where('previous_refresh_hash', '=', hash).executeTakeFirst();
    },
    /**
     * Replaces the tokens only if the refresh hash is still `expected` (false when another request
     * won), and remembers `expected` as spent, in one transaction.
     */
    async rotate(id: string, expected: string, changes: Pick<SessionsTable, 'access_hash' | 'refresh_hash' | 'previous_refresh_hash' | 'previous_valid_until' | 'grace_pair' | 'access_expires_at' | 'refresh_expires_at' | 'last_used_at'>): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx.updateTable('sessions').set(changes).where('id', '=', id).where('refresh_hash', '=', expected).where('revoked_at', 'is', null).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await trx.insertInto('spent_refresh_tokens').values({ hash: expected, session_id: id, spent_at: changes.last_used_at }).execute();
        return true;
      });
    },
    /** The session a spent refresh token belonged to, if it is one. */
    async sessionOfSpentToken(hash: string): Promise<string | undefined> {
      const row = await db.selectFrom('spent_refresh_tokens').select('session_id').where('hash', '=', hash).executeTakeFirst();
      return row?.session_id;
    },
    async touch(id: string, now: number): Promise<void> {
      await db.updateTable('sessions').set({ last_used_at: now }).where('id', '=', id).execute();
    },
    async revoke(id: string, now: number): Promise<boolean> {
      const result = await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Ends every live session of `userId` at once (suspension, deletion, a new login password); how many ended. */
    async revokeAllForUser(userId: string, now: number): Promise<number> {
      const result = await db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async activeForUser(userId: string, now: number): Promise<SessionsTable[]> {
      return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).where('refresh_expires_at', '>', now).orderBy('created_at').execute();
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
