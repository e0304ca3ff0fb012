import { DEFAULT_SESSION_TIMES, type SessionTimes } from './sessions.service';

function seconds(value: string | undefined, fallbackMs: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed * 1000 : fallbackMs;
}

/** Token lifetimes from `KEYHOLD_ACCESS_TTL_SECONDS`, `KEYHOLD_REFRESH_TTL_SECONDS`, `KEYHOLD_REFRESH_GRACE_SECONDS`. */
export function sessionTimesFromEnvironment(env: NodeJS.ProcessEnv = process.env): SessionTimes {
  return {
    accessMs: seconds(env.KEYHOLD_ACCESS_TTL_SECONDS, DEFAULT_SESSION_TIMES.accessMs),
    refreshMs: seconds(env.KEYHOLD_REFRESH_TTL_SECONDS, DEFAULT_SESSION_TIMES.refreshMs),
    graceMs: seconds(env.KEYHOLD_REFRESH_GRACE_SECONDS, DEFAULT_SESSION_TIMES.graceMs),
  };
}
