import { randomInt } from 'node:crypto';
import { newTotpSecret, totpStep, totpUri } from '../../lib/vault/totp';
import type { UsersTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import type { usersRepository } from '../users/users.repository';
import type { MfaRepository } from './mfa.repository';

export interface MfaDeps {
  users: ReturnType<typeof usersRepository>;
  mfa: MfaRepository;
  sealer: Sealer;
  events: EventsRepository;
  /** Whether the organisation requires a second factor of everyone: it cannot be turned off then. */
  requireMfa: () => Promise<boolean>;
  now: () => number;
}

const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const secretPlace = (userId: string, column: 'totp_secret' | 'totp_pending_secret') => ({ table: 'users', column, rowId: userId });
/** Recovery codes are typed by hand: ignore case, spaces and dashes. */
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** The TOTP second factor: enrolment, and the check at login with replay protection. */
export function mfaService(deps: MfaDeps) {
  async function user(id: string): Promise<UsersTable> {
    const row = await deps.users.byId(id);
    if (!row) throw new ApiError('unauthenticated');
    return row;
  }
  const secretOf = (row: UsersTable) => deps.sealer.open(row.totp_secret!, secretPlace(row.id, 'totp_secret')).toString();

  /** Accepts a current code once: a code from an already used step is a replay. */
  async function acceptCode(row: UsersTable, code: string): Promise<void> {
    const step = totpStep({ secret: secretOf(row) }, code, deps.now());
    if (step === null || !(await deps.mfa.claimStep(row.id, step))) throw new ApiError('mfaInvalid');
  }

  return {
    async start(userId: string) {
      const row = await user(userId);
      if (row.totp_secret) throw new ApiError('conflict', { detail: 'the second factor is already on' });
      const secret = newTotpSecret();
      await deps.mfa.setPendingSecret(userId, deps.sealer.seal(secret, secretPlace(userId, 'totp_pending_secret')));
      return { secret, uri: totpUri({ secret }, 'Keyhold', row.login) };
    },

    async confirm(userId: string, code: string, client: ClientInfo) {
      const row = await user(userId);
      if (!row.totp_pending_secret) throw new ApiError('conflict', { detail: 'no enrolment in progress' });
      const secret = deps.sealer.open(row.totp_pending_secret, secretPlace(userId, 'totp_pending_secret')).toString();
      const step = totpStep({ secret }, code, deps.now());
      if (step === null) throw new ApiError('mfaInvalid');
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      await deps.mfa.enable(userId, deps.sealer.seal(secret, secretPlace(userId, 'totp_secret')), step, codes.map((recovery) => deps.sealer.mac(normaliseRecoveryCode(recovery), 'recovery-code')));
      await deps.events.append({ occurredAt: deps.now(), type: 'mfa.enabled', actor: { type: 'user', id: userId }, target: { type: 'user', id: userId }, vaultId: null, ip: client.ip, browserMode: client.browserMode, details: {} });
      return { recoveryCodes: codes };
    },

    async disable(userId: string, code: string, client: ClientInfo) {
      const row = await user(userId);
      if (!row.totp_secret) return;
      if (await deps.requireMfa()) throw new ApiError('conflict', { detail: 'the organisation requires a second factor' });
      await acceptCode(row, code);
      await deps.mfa.disable(userId);
      await deps.events.append({ occurredAt: deps.now(), type: 'mfa.disabled', actor: { type: 'user', id: userId }, target: { type: 'user', id: userId }, vaultId: null, ip: client.ip, browserMode: client.browserMode, details: {} });
    },

    /**
     * At login, after the password checked out: which second factor passed (none when the account
     * has none); `mfaRequired` without a code, `mfaInvalid` for a wrong or replayed one.
     */
    async checkLogin(row: UsersTable, second: { totp?: string | undefined; recoveryCode?: string | undefined }): Promise<'none' | 'totp' | 'recoveryCode'> {
      if (!row.totp_secret) return 'none';
      if (second.totp) {
        await acceptCode(row, second.totp);
        return 'totp';
      }
      if (second.recoveryCode) {
        const macs = deps.sealer.macsUnderAllKeys(normaliseRecoveryCode(second.recoveryCode), 'recovery-code');
        if (!(await deps.mfa.spendRecoveryCode(row.id, macs, deps.now()))) throw new ApiError('mfaInvalid');
        return 'recoveryCode';
      }
      throw new ApiError('mfaRequired');
    },
  };
}

export type MfaService = ReturnType<typeof mfaService>;
