import { blockDuration } from '../sessions/throttle';
import type { ThrottleRepository } from '../sessions/throttle.repository';
import { ApiError } from '../http/errors';

// Failed reveals per address, in the login throttle's table (shared by every instance) under keys of
// their own. A link's token is 256 random bits, so this does not protect the secret; it keeps one
// address from filling the audit log with failures or probing which link ids exist.

const FREE_FAILURES = 20;
const addressKey = (ip: string) => `link-reveal:${ip}`;

/** The throttle of failed link reveals. */
export function revealThrottle(repository: ThrottleRepository, now: () => number) {
  return {
    /** Throws 429 `rateLimited` while the address is blocked. */
    async check(ip: string | null): Promise<void> {
      if (!ip) return;
      const [row] = await repository.get([addressKey(ip)]);
      const wait = (row?.blocked_until ?? 0) - now();
      if (wait > 0) throw new ApiError('rateLimited', { detail: `link reveals blocked for ${Math.ceil(wait / 1000)} s`, retryAfterSeconds: Math.ceil(wait / 1000) });
    },
    async failed(ip: string | null): Promise<void> {
      if (ip) await repository.recordFailure(addressKey(ip), now(), (failures) => blockDuration(failures, FREE_FAILURES));
    },
  };
}

export type RevealThrottle = ReturnType<typeof revealThrottle>;
