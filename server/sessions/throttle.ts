import { ApiError } from '../http/errors';
import type { ThrottleRepository } from './throttle.repository';

// Progressive delays on failed logins, per account and per address, held in the database so every
// server instance sees the same counts. A few mistakes cost nothing; after that each failure doubles
// the wait, up to 15 minutes.

const MAX_BLOCK_MS = 15 * 60 * 1000;
const FREE_FAILURES = { account: 5, address: 20 };

/** How long `failures` failures block a key that allows `free` of them. */
export function blockDuration(failures: number, free: number): number {
  return failures <= free ? 0 : Math.min(MAX_BLOCK_MS, 1000 * 2 ** (failures - free - 1));
}

const accountKey = (login: string) => `account:${login}`;
const addressKey = (ip: string) => `address:${ip}`;

/** The login throttle for one login attempt. */
export function loginThrottle(repository: ThrottleRepository, now: () => number) {
  return {
    /** Throws 429 `rateLimited` (with the seconds to wait) while the account or address is blocked. */
    async check(login: string, ip: string | null): Promise<void> {
      const rows = await repository.get([accountKey(login), ...(ip ? [addressKey(ip)] : [])]);
      const until = Math.max(0, ...rows.map((row) => row.blocked_until));
      if (until > now()) throw new ApiError('rateLimited', { detail: `blocked for ${Math.ceil((until - now()) / 1000)} s`, retryAfterSeconds: Math.ceil((until - now()) / 1000) });
    },
    async failed(login: string, ip: string | null): Promise<void> {
      await repository.recordFailure(accountKey(login), now(), (failures) => blockDuration(failures, FREE_FAILURES.account));
      if (ip) await repository.recordFailure(addressKey(ip), now(), (failures) => blockDuration(failures, FREE_FAILURES.address));
    },
    async succeeded(login: string): Promise<void> {
      await repository.clear(accountKey(login));
    },
  };
}
