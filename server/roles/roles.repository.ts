import type { Kysely, Transaction } from 'kysely';
import type { RolesTable, Tables } from '../db/tables';

/** The only SQL for `roles` and `users.role_id`. */
export function rolesRepository(db: Kysely<Tables> | Transaction<Tables>) {
  return {
    async all(): Promise<RolesTable[]> {
      return db.selectFrom('roles').selectAll().orderBy('name').execute();
    },
    async byId(id: string): Promise<RolesTable | undefined> {
      return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byName(name: string): Promise<RolesTable | undefined> {
      return db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
    },
    async insert(row: RolesTable): Promise<void> {
      await db.insertInto('roles').values(row).execute();
    },
    async update(id: string, values: Pick<RolesTable, 'name' | 'permissions' | 'updated_at'>): Promise<void> {
      await db.updateTable('roles').set(values).where('id', '=', id).execute();
    },
    /** Deletes the role only while nobody holds it (one statement, so a role given meanwhile is not lost); false otherwise. */
    async removeUnused(id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('roles')
        .where('id', '=', id)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('users').select('users.id').where('users.role_id', '=', id))))
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    /** How many accounts hold each role id that someone holds. */
    async holderCounts(): Promise<Map<string, number>> {
      const rows = await db.selectFrom('users').select(['role_id']).select((eb) => eb.fn.countAll().as('count')).groupBy('role_id').execute();
      return new Map(rows.map((row) => [row.role_id, Number(row.count)]));
    },
    async setUserRole(userId: string, roleId: string, now: number): Promise<void> {
      await db.updateTable('users').set({ role_id: roleId, updated_at: now }).where('id', '=', userId).execute();
    },
  };
}
