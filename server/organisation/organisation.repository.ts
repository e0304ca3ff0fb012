import type { Kysely, Transaction } from 'kysely';
import type { OrganisationTable, Tables } from '../db/tables';

/** The organisation row, or undefined before setup; the only SQL for `organisation`. */
export function organisationRepository(db: Kysely<Tables> | Transaction<Tables>) {
  return {
    async get(): Promise<OrganisationTable | undefined> {
      return db.selectFrom('organisation').selectAll().executeTakeFirst();
    },
    async insert(row: OrganisationTable): Promise<void> {
      await db.insertInto('organisation').values(row).execute();
    },
  };
}
