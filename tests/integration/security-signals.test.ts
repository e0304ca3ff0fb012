import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { DAY_MS, HOUR_MS, securitySignalsRoute, type SignalsQuery } from '../../lib/contract/security-signals';
import { loginRoute } from '../../lib/contract/sessions';
import { openDatabase } from '../../server/db/database';
import { eventsRepository, type NewEvent } from '../../server/events/events.repository';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, type TestMember } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// GET /api/v1/audit/signals over HTTP on both engines (docs/audit.md, "Security dashboard"): events
// appended to the real chain (eventsRepository(db).append) and by a real failed login, counted per
// hour and per day; a user's day far above their own median and a spike of failed logins flagged;
// viewAuditLog required; a bad range refused with the envelope.

const DAY0 = Date.UTC(2026, 2, 1);

describe.each(ENGINES)('security signals on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let owner: TestMember;
  let bob: TestMember;
  const signals = (member: TestMember, query: SignalsQuery) => member.api.call(securitySignalsRoute, { query });

  async function append(events: NewEvent[]): Promise<void> {
    const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
    try {
      const repository = eventsRepository(db);
      for (const event of events) await repository.append(event);
    } finally {
      await close();
    }
  }

  const event = (type: string, at: number, actorId: string | null): NewEvent => ({
    occurredAt: at,
    type,
    actor: { type: 'user', id: actorId },
    target: { type: 'item', id: 'item-1' },
    vaultId: 'vault-1',
    ip: null,
    browserMode: true,
    details: {},
  });

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    const organisation = await createTestOrganisation(server);
    owner = organisation.owner;
    bob = await organisation.addMember('bob@acme.test');
    const events: NewEvent[] = [];
    // Bob views two passwords a day for three weeks and 30 more on day 21; copies and fills one a day.
    for (let day = 0; day <= 21; day += 1) {
      events.push(event('password.viewed', DAY0 + day * DAY_MS + 9 * HOUR_MS, bob.userId), event('password.viewed', DAY0 + day * DAY_MS + 10 * HOUR_MS, bob.userId));
      events.push(event('password.copied', DAY0 + day * DAY_MS + 11 * HOUR_MS, bob.userId), event('password.filled', DAY0 + day * DAY_MS + 12 * HOUR_MS, bob.userId));
    }
    for (let i = 0; i < 30; i += 1) events.push(event('password.viewed', DAY0 + 21 * DAY_MS + 3 * HOUR_MS + i * 1000, bob.userId));
    // The owner copies a one-time code; twelve failed logins on day 20; one token reuse on day 21.
    events.push(event('totp.copied', DAY0 + 21 * DAY_MS + 4 * HOUR_MS, owner.userId), event('session.tokenReuse', DAY0 + 21 * DAY_MS + 5 * HOUR_MS, owner.userId));
    for (let i = 0; i < 12; i += 1) events.push(event('login.failed', DAY0 + 20 * DAY_MS + i * 60_000, null));
    // Not counted: another type, and events outside every range asked.
    events.push(event('vault.synced', DAY0 + 21 * DAY_MS, bob.userId), event('password.viewed', DAY0 + 40 * DAY_MS, bob.userId));
    await append(events);
  }, 60_000);
  afterAll(() => server?.stop());

  it.skipIf(!available)('counts each series per day from `from`, and flags the user and the failed logins that stand out', async () => {
    const answer = await signals(owner, { from: DAY0 + 14 * DAY_MS, to: DAY0 + 22 * DAY_MS });
    expect(answer.bucket).toBe('day');
    expect(answer.buckets).toHaveLength(8);
    expect(answer.buckets.map((bucket) => bucket.start)).toEqual(Array.from({ length: 8 }, (_, i) => DAY0 + (14 + i) * DAY_MS));
    expect(answer.buckets[0]).toEqual({ start: DAY0 + 14 * DAY_MS, views: 2, copies: 1, fills: 1, totpCopies: 0, failedLogins: 0, tokenReuse: 0 });
    expect(answer.buckets[6]).toMatchObject({ views: 2, failedLogins: 12 });
    expect(answer.buckets[7]).toEqual({ start: DAY0 + 21 * DAY_MS, views: 32, copies: 1, fills: 1, totpCopies: 1, failedLogins: 0, tokenReuse: 1 });
    expect(answer.unusual).toEqual([
      // Bob's 34 accesses (32 views, a copy, a fill) against his median of 4.
      { kind: 'userAccess', day: DAY0 + 21 * DAY_MS, userId: bob.userId, login: 'bob@acme.test', count: 34, baseline: 4 },
      { kind: 'failedLogins', day: DAY0 + 20 * DAY_MS, userId: null, login: null, count: 12, baseline: 0 },
    ]);
  });

  it.skipIf(!available)('counts per hour for a short range, and a real failed login is counted', async () => {
    const day21 = await signals(owner, { from: DAY0 + 21 * DAY_MS, to: DAY0 + 22 * DAY_MS });
    expect(day21.bucket).toBe('hour');
    expect(day21.buckets).toHaveLength(24);
    expect(day21.buckets.map((bucket) => bucket.views)).toEqual(Array.from({ length: 24 }, (_, hour) => ({ 3: 30, 9: 1, 10: 1 })[hour] ?? 0));
    expect(day21.buckets[4]!.totpCopies).toBe(1);

    await expect(createApiClient({ baseUrl: server.url }).call(loginRoute, { body: { login: bob.login, password: 'not the password' } })).rejects.toMatchObject({ code: 'invalidCredentials' });
    const now = Date.now();
    const recent = await signals(owner, { from: now - 2 * HOUR_MS, to: now + HOUR_MS, bucket: 'hour' });
    expect(recent.buckets.reduce((sum, bucket) => sum + bucket.failedLogins, 0)).toBe(1);
  });

  it.skipIf(!available)('needs viewAuditLog, a sign-in, and a sensible range', async () => {
    const range = { from: DAY0, to: DAY0 + DAY_MS };
    expect(await errorOf(signals(bob, range))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await errorOf(createApiClient({ baseUrl: server.url }).call(securitySignalsRoute, { query: range }))).toMatchObject({ status: 401 });
    const refusal = async (query: SignalsQuery) => {
      const error = await errorOf(signals(owner, query));
      return { status: error.status, code: error.code, field: error.errors[0]?.field };
    };
    expect(await refusal({ from: DAY0 + DAY_MS, to: DAY0 })).toEqual({ status: 400, code: 'validationFailed', field: 'query.to' });
    expect(await refusal({ from: DAY0, to: DAY0 + 30 * DAY_MS, bucket: 'hour' })).toEqual({ status: 400, code: 'validationFailed', field: 'query.bucket' });
    expect(await errorOf(signals(owner, { from: DAY0, to: DAY0 + 400 * DAY_MS }))).toMatchObject({ status: 400, code: 'validationFailed' });
    const raw = await fetch(`${server.url}/api/v1/audit/signals?from=yesterday&to=1`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('validationFailed');
  });
});
