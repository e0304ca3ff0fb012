import type { Kysely, Transaction } from 'kysely';
import type { Tables, UsersTable } from '../db/tables';

/** The only SQL for `users` and `key_wraps`. */
export function usersRepository(db: Kysely<Tables> | Transaction<Tables>) {
  return {
    async byId(id: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byLogin(login: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
    },
    async insert(row: UsersTable): Promise<void> {
      await db.insertInto('users').values(row).execute();
    },
    async insertKeyWrap(row: Tables['key_wraps']): Promise<void> {
      await db.insertInto('key_wraps').values(row).execute();
    },
  };
}
