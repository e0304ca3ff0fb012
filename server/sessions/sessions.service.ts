import { hash as argon2Hash, verify as argon2Verify, argon2id } from 'argon2';
import type { LoginResult, TokenPair } from '../../lib/contract/sessions';
import type { SessionsTable, UsersTable } from '../db/tables';
import type { EventsRepository, NewEvent } from '../events/events.repository';
import { ApiError } from '../http/errors';
import type { ClientInfo } from '../http/client-info';
import type { Sealer } from '../sealing/sealer';
import type { usersRepository } from '../users/users.repository';
import type { LiveSessionFields, SessionsRepository, SessionWithUser } from './sessions.repository';
import type { loginThrottle } from './throttle';
import { newAccessToken, newRefreshToken, newSessionId, tokenHash } from './tokens';

/** Token lifetimes and the window in which a just-spent refresh token still gets the same new pair. */
export interface SessionTimes {
  accessMs: number;
  refreshMs: number;
  graceMs: number;
}

export const DEFAULT_SESSION_TIMES: SessionTimes = { accessMs: 15 * 60 * 1000, refreshMs: 30 * 24 * 3600 * 1000, graceMs: 30 * 1000 };

export interface SessionsDeps {
  users: ReturnType<typeof usersRepository>;
  sessions: SessionsRepository;
  throttle: ReturnType<typeof loginThrottle>;
  /** The second factor, checked after the password. */
  mfa: { checkLogin(user: UsersTable, second: SecondFactor): Promise<'none' | 'totp' | 'recoveryCode'> };
  /** Whether the organisation requires a second factor of everyone (app settings). */
  requireMfa: () => Promise<boolean>;
  events: EventsRepository;
  sealer: Sealer;
  /** Whether the access key a machine's session began with may still be used (not revoked, not expired). */
  accessKeyUsable: (accessKeyId: string) => Promise<boolean>;
  times: SessionTimes;
  now: () => number;
}

/** A TOTP code or a recovery code, when the second factor is on. */
export interface SecondFactor {
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

export type { ClientInfo };

// Verifying against a real hash of nothing keeps an unknown login as slow as a wrong password.
const decoyHash = argon2Hash(`decoy-${Math.random()}`, { type: argon2id });

function freshPair(now: number, times: SessionTimes): TokenPair {
  return { accessToken: newAccessToken(), refreshToken: newRefreshToken(), accessTokenExpiredAt: now + times.accessMs, refreshTokenExpiredAt: now + times.refreshMs };
}

/**
 * What an authenticated request may do beyond its own checks: `enrolment` marks the few routes a
 * session that must first enrol a second factor may use (enrolment itself, GET /users/me, sign-out).
 */
export interface AuthenticateOptions {
  enrolment?: boolean;
  /** The route serves machine accounts too (the vault data routes); every other route refuses them. */
  machine?: boolean;
}

/**
 * Refuses a session whose user is suspended (their sessions were revoked; this closes any race),
 * and — while the organisation requires a second factor — a session of a user without one, except
 * on the enrolment routes. Read with the session in one query, so no state is kept per session:
 * confirming the factor lifts the restriction at once, turning the rule on applies it at once.
 */
function gate(session: SessionWithUser, options: AuthenticateOptions): void {
  if (session.user_status === 'suspended') throw new ApiError('unauthenticated', { detail: 'account suspended' });
  // A machine has no password, master key or second factor to manage, and administers nothing.
  if (session.user_kind === 'machine') {
    if (!options.machine) throw new ApiError('forbidden', { detail: 'machine accounts may only use the vault data routes' });
    return;
  }
  if (!options.enrolment && Number(session.has_totp) === 0 && requiresMfa(session.require_mfa)) throw new ApiError('mfaEnrolmentRequired');
}

/** The stored `requireMfa` setting (JSON text) as a boolean; anything but `true` is off. */
export function requiresMfa(stored: string | null | undefined): boolean {
  return stored === 'true';
}

/** Sign-in, token rotation with reuse detection, authentication of requests, and the sessions list. */
export function sessionsService(deps: SessionsDeps) {
  const record = (event: Omit<NewEvent, 'occurredAt' | 'vaultId' | 'details'> & Partial<NewEvent>) =>
    deps.events.append({ occurredAt: deps.now(), vaultId: null, details: {}, ...event });

  async function rotate(session: SessionsTable, presentedHash: string): Promise<TokenPair | undefined> {
    const now = deps.now();
    const pair = freshPair(now, deps.times);
    const gracePair = deps.sealer.seal(JSON.stringify(pair), { table: 'sessions', column: 'grace_pair', rowId: session.id });
    const rotated = await deps.sessions.rotate(session.id, presentedHash, {
      access_hash: tokenHash(pair.accessToken),
      refresh_hash: tokenHash(pair.refreshToken),
      previous_refresh_hash: presentedHash,
      previous_valid_until: now + deps.times.graceMs,
      grace_pair: gracePair,
      access_expires_at: pair.accessTokenExpiredAt,
      refresh_expires_at: pair.refreshTokenExpiredAt,
      last_used_at: now,
    });
    return rotated ? pair : undefined;
  }

  // A refresh token that was already rotated: within the grace window the racing client gets the
  // pair the winner got; otherwise — after the window, or any older token — it was stolen or
  // replayed, and the session ends.
  async function reuse(presentedHash: string, client: ClientInfo): Promise<TokenPair> {
    const latest = await deps.sessions.byPreviousRefreshHash(presentedHash);
    if (latest && latest.revoked_at === null && latest.previous_valid_until !== null && deps.now() <= latest.previous_valid_until && latest.grace_pair) {
      return JSON.parse(deps.sealer.open(latest.grace_pair, { table: 'sessions', column: 'grace_pair', rowId: latest.id }).toString()) as TokenPair;
    }
    const sessionId = await deps.sessions.sessionOfSpentToken(presentedHash);
    if (!sessionId) throw new ApiError('unauthenticated', { detail: 'unknown refresh token' });
    if (await deps.sessions.revoke(sessionId, deps.now())) {
      const owner = (await deps.sessions.byId(sessionId))?.user_id ?? null;
      await record({ type: 'session.tokenReuse', actor: { type: 'user', id: owner }, target: { type: 'session', id: sessionId }, ip: client.ip, browserMode: client.browserMode });
    }
    throw new ApiError('unauthenticated', { detail: 'refresh token reused after rotation: session revoked' });
  }

  /** A new session of `userId`, whose credentials were checked (`accessKeyId`: a machine's, the key it used). */
  async function start(userId: string, client: ClientInfo, accessKeyId: string | null): Promise<{ id: string; pair: TokenPair }> {
    const now = deps.now();
    const pair = freshPair(now, deps.times);
    const id = newSessionId();
    await deps.sessions.insert({
      id,
      user_id: userId,
      access_hash: tokenHash(pair.accessToken),
      refresh_hash: tokenHash(pair.refreshToken),
      previous_refresh_hash: null,
      previous_valid_until: null,
      grace_pair: null,
      access_expires_at: pair.accessTokenExpiredAt,
      refresh_expires_at: pair.refreshTokenExpiredAt,
      browser_mode: client.browserMode ? 1 : 0,
      user_agent: client.userAgent,
      ip: client.ip,
      created_at: now,
      last_used_at: now,
      revoked_at: null,
      access_key_id: accessKeyId,
    });
    return { id, pair };
  }

  /** Checks a session found by access token is live, and notes its use. */
  async function live(session: LiveSessionFields | undefined): Promise<{ userId: string; sessionId: string }> {
    if (!session || session.revoked_at !== null) throw new ApiError('unauthenticated');
    const now = deps.now();
    if (session.access_expires_at <= now) throw new ApiError('accessTokenExpired');
    // Writing on every request would make reads cost a write; a minute of precision is enough.
    if (now - session.last_used_at > 60_000) await deps.sessions.touch(session.id, now);
    return { userId: session.user_id, sessionId: session.id };
  }

  return {
    /** Checks the login password (with progressive delays), then the second factor, and opens a session. */
    async login(login: string, password: string, second: SecondFactor, client: ClientInfo): Promise<LoginResult> {
      await deps.throttle.check(login, client.ip);
      // A machine account has no login password: its login is as unknown here as a missing one.
      const found = await deps.users.byLogin(login);
      const user = found?.kind === 'machine' ? undefined : found;
      const valid = await argon2Verify(user?.login_password_hash ?? (await decoyHash), password);
      // Pending newcomers may sign in: their client shows "waiting for confirmation" until certified.
      if (!user || !valid || (user.status !== 'active' && user.status !== 'pending' && user.status !== 'suspended')) {
        await deps.throttle.failed(login, client.ip);
        await record({ type: 'login.failed', actor: { type: 'user', id: user?.id ?? null }, target: null, ip: client.ip, browserMode: client.browserMode, details: { login } });
        throw new ApiError('invalidCredentials');
      }
      // Only after the right password: a suspension is not told to someone guessing.
      if (user.status === 'suspended') {
        await record({ type: 'login.suspended', actor: { type: 'user', id: user.id }, target: null, ip: client.ip, browserMode: client.browserMode, details: { login } });
        throw new ApiError('accountSuspended');
      }
      let secondFactor: 'none' | 'totp' | 'recoveryCode';
      try {
        secondFactor = await deps.mfa.checkLogin(user, second);
      } catch (error) {
        // A wrong or replayed code counts like a wrong password; a missing one does not.
        if (error instanceof ApiError && error.code === 'mfaInvalid') {
          await deps.throttle.failed(login, client.ip);
          await record({ type: 'login.mfaFailed', actor: { type: 'user', id: user.id }, target: null, ip: client.ip, browserMode: client.browserMode, details: { login, secondFactor: second.totp ? 'totp' : 'recoveryCode' } });
        }
        throw error;
      }
      await deps.throttle.succeeded(login);
      const { id, pair } = await start(user.id, client, null);
      // The organisation requires a second factor and this account has none: a session that can only enrol one (see gate).
      const mustEnrol = user.totp_secret === null && (await deps.requireMfa());
      // A spent recovery code is its own event: one fewer left, and a sign the authenticator is gone.
      if (secondFactor === 'recoveryCode') await record({ type: 'mfa.recoveryCodeUsed', actor: { type: 'user', id: user.id }, target: { type: 'user', id: user.id }, ip: client.ip, browserMode: client.browserMode });
      await record({ type: 'login', actor: { type: 'user', id: user.id }, target: { type: 'session', id }, ip: client.ip, browserMode: client.browserMode, details: { secondFactor, ...(mustEnrol ? { mfaEnrolmentRequired: true } : {}) } });
      return mustEnrol ? { ...pair, mfaEnrolmentRequired: true } : pair;
    },

    /** Opens a session for a machine whose access key checked out. */
    async startMachine(machineId: string, accessKeyId: string, client: ClientInfo): Promise<{ id: string; pair: TokenPair }> {
      return start(machineId, client, accessKeyId);
    },

    /** Rotates both tokens (compare-and-swap); a refresh token spent twice after the grace window revokes the session. */
    async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
      const presented = tokenHash(refreshToken);
      const session = await deps.sessions.byRefreshHash(presented);
      if (!session) return reuse(presented, client);
      if (session.revoked_at !== null || session.refresh_expires_at <= deps.now()) throw new ApiError('unauthenticated', { detail: 'session ended' });
      // A machine's session lives no longer than its access key.
      if (session.access_key_id !== null && !(await deps.accessKeyUsable(session.access_key_id))) throw new ApiError('unauthenticated', { detail: 'access key revoked or expired' });
      return (await rotate(session, presented)) ?? reuse(presented, client);
    },

    /** The session an access token belongs to; `accessTokenExpired` when it is merely stale. */
    async authenticate(accessToken: string, options: AuthenticateOptions = {}): Promise<{ userId: string; sessionId: string }> {
      const session = await deps.sessions.byAccessHashWithUser(tokenHash(accessToken));
      const auth = await live(session);
      gate(session!, options);
      return auth;
    },

    /** As `authenticate` (machines included), with the user's status, kind and master-key-hash MAC read in the same query. */
    async authenticateMember(accessToken: string): Promise<{ userId: string; sessionId: string; status: string; machine: boolean; masterKeyHashMac: string }> {
      const session = await deps.sessions.byAccessHashWithUser(tokenHash(accessToken));
      const auth = await live(session);
      gate(session!, { machine: true });
      return { ...auth, status: session!.user_status, machine: session!.user_kind === 'machine', masterKeyHashMac: session!.master_key_hash_mac };
    },

    async list(userId: string, currentSessionId: string) {
      const sessions = await deps.sessions.activeForUser(userId, deps.now());
      return sessions.map((session) => ({
        id: session.id,
        current: session.id === currentSessionId,
        browserMode: session.browser_mode === 1,
        userAgent: session.user_agent,
        ip: session.ip,
        createdAt: session.created_at,
        lastUsedAt: session.last_used_at,
      }));
    },

    /** Ends every session of `userId` (an administrator suspended, deleted or reset them); how many ended. */
    async revokeAll(userId: string): Promise<number> {
      return deps.sessions.revokeAllForUser(userId, deps.now());
    },

    /** Revokes one of `userId`'s own sessions; 404 for anyone else's. */
    async revoke(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
      const own = (await deps.sessions.activeForUser(userId, deps.now())).some((session) => session.id === sessionId);
      if (!own || !(await deps.sessions.revoke(sessionId, deps.now()))) throw new ApiError('notFound', { detail: 'no such session of yours' });
      await record({ type: 'logout', actor: { type: 'user', id: userId }, target: { type: 'session', id: sessionId }, ip: client.ip, browserMode: client.browserMode });
    },
  };
}

export type SessionsService = ReturnType<typeof sessionsService>;
