import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { eventsRepository, type NewEvent } from '../../server/events/events.repository';
import { settingsRepository } from '../../server/settings/settings.repository';
import { ENGINES, openTestDatabase } from '../helpers/test-database';

// One case suite, run against every engine: repositories must behave the same on SQLite and PostgreSQL.

const event = (type: string, overrides: Partial<NewEvent> = {}): NewEvent => ({
  occurredAt: 1_800_000_000_123,
  type,
  actor: { type: 'user', id: 'user-1' },
  target: { type: 'vault', id: 'vault-1' },
  vaultId: 'vault-1',
  ip: '203.0.113.7',
  browserMode: true,
  details: { note: 'ünïcode ✓' },
  ...overrides,
});

describe.each(ENGINES)('repositories on $engine', ({ engine, available }) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    if (!available) return;
    ({ database, dispose } = await openTestDatabase(engine));
  });
  afterAll(() => dispose?.());

  it.skipIf(!available)('migrations are idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database)).toEqual([]);
  });

  it.skipIf(!available)('settings store, replace and delete JSON values', async () => {
    const settings = settingsRepository(database.db);
    expect(await settings.get('policy')).toBeUndefined();
    await settings.put('policy', { minLength: 12, nested: [1, 'two'] });
    await settings.put('policy', { minLength: 14 });
    expect(await settings.get('policy')).toEqual({ minLength: 14 });
    expect(await settings.delete('policy')).toBe(true);
    expect(await settings.delete('policy')).toBe(false);
    expect(await settings.get('policy')).toBeUndefined();
  });

  it.skipIf(!available)('events get increasing sequence numbers and read back exactly', async () => {
    const events = eventsRepository(database.db);
    const first = await events.append(event('login'));
    const second = await events.append(event('vault.read', { browserMode: null, target: null, actor: { type: 'system', id: null } }));
    expect(second).toBeGreaterThan(first);
    const listed = await events.list({ afterSeq: first - 1, limit: 10 });
    expect(listed).toEqual([
      { seq: first, ...event('login') },
      { seq: second, ...event('vault.read', { browserMode: null, target: null, actor: { type: 'system', id: null } }) },
    ]);
    expect(typeof listed[0]!.occurredAt).toBe('number');
  });

  it.skipIf(!available)('events list by type, after a cursor, up to a limit', async () => {
    const events = eventsRepository(database.db);
    const start = await events.append(event('marker'));
    for (let i = 0; i < 5; i++) await events.append(event(i % 2 ? 'password.copy' : 'password.reveal'));
    const copies = await events.list({ afterSeq: start, limit: 10, type: 'password.copy' });
    expect(copies.map((copy) => copy.type)).toEqual(['password.copy', 'password.copy']);
    expect(await events.list({ afterSeq: start, limit: 3 })).toHaveLength(3);
  });
});
