import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables';

/** The only SQL for the second factor: TOTP columns of `users` and `recovery_codes`. */
export function mfaRepository(db: Kysely<Tables>) {
  return {
    async setPendingSecret(userId: string, sealed: string | null): Promise<void> {
      await db.updateTable('users').set({ totp_pending_secret: sealed }).where('id', '=', userId).execute();
    },
    /** Turns TOTP on with the pending secret and stores the recovery code MACs, in one transaction. */
    async enable(userId: string, sealedSecret: string, step: number, codeMacs: string[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ totp_secret: sealedSecret, totp_pending_secret: null, totp_last_step: step }).where('id', '=', userId).execute();
        await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
        await trx.insertInto('recovery_codes').values(codeMacs.map((code_mac) => ({ user_id: userId, code_mac, used_at: null }))).execute();
      });
    },
    async disable(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null }).where('id', '=', userId).execute();
        await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      });
    },
    /** Records `step` as used if it is newer than the last one; false for a replay (or a lost race). */
    async claimStep(userId: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Spends one unused recovery code matching any of `codeMacs`; false if there is none. */
    async spendRecoveryCode(userId: string, codeMacs: string[], now: number): Promise<boolean> {
      const result = await db.updateTable('recovery_codes').set({ used_at: now }).where('user_id', '=', userId).where('code_mac', 'in', codeMacs).where('used_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type MfaRepository = ReturnType<typeof mfaRepository>;
