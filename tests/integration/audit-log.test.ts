import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEventsRoute, type AuditEvent } from '../../lib/contract/audit-log';
import { setUserRoleRoute } from '../../lib/contract/roles';
import { auditDownloads, EXPORT_PIECE } from '../../lib/session/audit-log';
import { SessionError } from '../../lib/session/session-error';
import { openDatabase } from '../../server/db/database';
import { eventsRepository, type NewEvent } from '../../server/events/events.repository';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, type TestMember } from '../helpers/organisation';
import { ROOT } from '../helpers/paths';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// The audit log's viewer and exports over HTTP on both engines (docs/audit.md, "Viewer and
// exports"): filters and paging, who may read it, CSV and JSON exports streamed with the rows and
// hashes the database holds, and the independent verifier (docs/verify-audit-export.mjs) run as a
// child process on real exports, passing them and failing them after one changed byte.

const run = promisify(execFile);
const VERIFIER = join(ROOT, 'docs', 'verify-audit-export.mjs');
/** Far from the events the organisation's setup records, so time filters select only ours. */
const T0 = 4_000_000_000_000;
const VAULT_A = 'vault-audit-a';
const VAULT_B = 'vault-audit-b';

describe.each(ENGINES)('the audit log viewer and exports on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let owner: TestMember;
  let mia: TestMember;
  let bob: TestMember;
  let folder: string;
  let auditKey: { privateKey: KeyObject; publicPem: string; keyId: string };

  async function withDatabase<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
    const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
    try {
      return await work(db);
    } finally {
      await close();
    }
  }
  const appendEvents = (events: NewEvent[]) =>
    withDatabase(async (db) => {
      // SQLite binds at most 32,766 values in one statement: a few hundred rows at a time.
      for (let start = 0; start < events.length; start += 200) await eventsRepository(db).appendReads(events.slice(start, start + 200));
    });
  const storedHashes = () => withDatabase(async (db) => new Map((await db.selectFrom('events').select(['seq', 'hash']).execute()).map((row) => [Number(row.seq), row.hash])));
  /** Signs the chain's head as it is now with the test's throwaway key, in the agreed message format, and stores it. */
  const signHead = () =>
    withDatabase(async (db) => {
      const last = await db.selectFrom('events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      const signedAt = Date.now();
      const signature = sign(null, Buffer.from(`keyhold-audit-head-v1\n${last.seq}\n${last.hash}\n${signedAt}`), auditKey.privateKey).toString('base64');
      await db.insertInto('audit_heads').values({ seq: Number(last.seq), hash: last.hash!, signed_at: signedAt, key_id: auditKey.keyId, signature }).execute();
      return Number(last.seq);
    });
  const event = (type: string, actor: TestMember, vaultId: string, at: number): NewEvent => ({ occurredAt: at, type, actor: { type: 'user', id: actor.userId }, target: null, vaultId, ip: '192.0.2.7', browserMode: true, details: { note: 'a, "quoted"\nline' } });
  const list = (member: TestMember, query: Record<string, string | number> = {}) => member.api.call(listAuditEventsRoute, { query: { from: T0, ...query } as never });
  const download = (member: TestMember, query: Record<string, string | number>) => fetch(`${server.url}/api/v1/audit/export?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, { headers: { authorization: `Bearer ${member.accessToken}` } });
  async function verify(path: string, ...flags: string[]): Promise<{ code: number; output: string }> {
    const publicKey = join(folder, 'audit-public.pem');
    writeFileSync(publicKey, auditKey.publicPem);
    try {
      const { stdout } = await run(process.execPath, [VERIFIER, path, '--public-key', publicKey, ...flags]);
      return { code: 0, output: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return { code: failed.code, output: failed.stdout };
    }
  }

  beforeAll(async () => {
    if (!available) return;
    folder = mkdtempSync(join(tmpdir(), 'keyhold-audit-export-'));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    auditKey = { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16) };
    server = await startServer({ engine });
    const organisation = await createTestOrganisation(server);
    owner = organisation.owner;
    mia = await organisation.addMember('mia@acme.test');
    bob = await organisation.addMember('bob@acme.test');
    await owner.api.call(setUserRoleRoute, { params: { id: mia.userId }, body: { roleId: 'manager' } });
    await appendEvents([
      ...[0, 1, 2, 3, 4].map((i) => event('item.updated', bob, VAULT_A, T0 + i)),
      ...[0, 1, 2].map((i) => event('item.created', mia, VAULT_B, T0 + 10 + i)),
      ...[0, 1].map((i) => event('vault.renamed', owner, VAULT_A, T0 + 20 + i)),
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(!available)('pages through the log newest first for a holder of viewAuditLog, each event with its stored hash and the logins resolved', async () => {
    const pages: AuditEvent[][] = [];
    let before: number | null | undefined;
    do {
      const page = await list(mia, { limit: 4, ...(before ? { before } : {}) });
      pages.push(page.events);
      before = page.nextBefore;
    } while (before !== null);
    expect(pages.map((page) => page.length)).toEqual([4, 4, 2]);
    const events = pages.flat();
    expect(events.map((e) => e.occurredAt)).toEqual([21, 20, 12, 11, 10, 4, 3, 2, 1, 0].map((i) => T0 + i));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => b - a));
    const hashes = await storedHashes();
    for (const e of events) expect(e.hash).toBe(hashes.get(e.seq));
    expect(events[9]).toMatchObject({ type: 'item.updated', actor: { type: 'user', id: bob.userId, login: 'bob@acme.test' }, vault: { id: VAULT_A, name: null }, ip: '192.0.2.7', browserMode: true, details: { note: 'a, "quoted"\nline' } });
    const certified = (await list(owner, { from: 0, type: 'user.certified' })).events.find((e) => e.target?.id === bob.userId);
    expect(certified?.target).toEqual({ type: 'user', id: bob.userId, name: 'bob@acme.test' });
  });

  it.skipIf(!available)('filters by actor (login or id), type (exact or a family), vault and time', async () => {
    const count = async (query: Record<string, string | number>) => (await list(mia, query)).events.length;
    expect(await count({ actor: 'bob@acme.test' })).toBe(5);
    expect(await count({ actor: 'BOB@acme.test' })).toBe(5);
    expect(await count({ actor: bob.userId })).toBe(5);
    expect(await count({ actor: 'nobody@acme.test' })).toBe(0);
    expect(await count({ type: 'item.' })).toBe(8);
    expect(await count({ type: 'item.created' })).toBe(3);
    expect(await count({ type: 'item' })).toBe(0);
    expect(await count({ type: 'ITEM.' })).toBe(0);
    expect(await count({ vaultId: VAULT_A })).toBe(7);
    expect(await count({ from: T0 + 2, to: T0 + 11 })).toBe(4);
    expect(await count({ actor: 'owner@acme.test', vaultId: VAULT_A, type: 'vault.' })).toBe(2);
  });

  it.skipIf(!available)('refuses the log and its exports to an account without viewAuditLog, and bad filters with validationFailed', async () => {
    const refused = await errorOf(list(bob));
    expect(`${refused.status} ${refused.code}`).toBe('403 forbidden');
    const exported = await download(bob, { format: 'csv' });
    expect(exported.status).toBe(403);
    expect(((await exported.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('forbidden');
    const bad = await errorOf(list(mia, { type: 'item..x' }));
    expect(`${bad.status} ${bad.code} ${bad.errors[0]!.field}`).toBe('400 validationFailed query.type');
    expect((await download(mia, { format: 'xml' })).status).toBe(400);
    expect((await download(mia, { fromSeq: 0 })).status).toBe(400);
  });

  it.skipIf(!available)('exports JSON and CSV as attachments, never cached, with every chained column, the hashes and the signed heads, and records each export', async () => {
    const headSeq = await signHead();
    const json = await download(mia, { format: 'json' });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="keyhold-audit-1-\d+\.json"$/);
    expect(json.headers.get('cache-control')).toBe('no-store');
    const file = (await json.json()) as { format: string; complete: boolean; prevHash: string; range: { firstSeq: number; lastSeq: number }; heads: { seq: number; keyId: string }[]; rows: Record<string, unknown>[] };
    const stored = await withDatabase((db) => db.selectFrom('events').selectAll().where('seq', '<=', file.range.lastSeq).orderBy('seq').execute());
    expect(file).toMatchObject({ format: 'keyhold-audit-export-v1', complete: true, prevHash: '0'.repeat(64), range: { firstSeq: 1, lastSeq: headSeq } });
    expect(file.heads).toEqual([expect.objectContaining({ seq: headSeq, keyId: auditKey.keyId })]);
    expect(file.rows).toEqual(stored.map((row, index) => ({ ...row, seq: Number(row.seq), prev_hash: index === 0 ? '0'.repeat(64) : stored[index - 1]!.hash })));

    const csv = await download(mia, { format: 'csv', fromSeq: 2 });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('seq,occurred_at,type,actor_type,actor_id,target_type,target_id,vault_id,ip,browser_mode,details,hash,prev_hash,head_signed_at,head_key_id,head_signature');
    // The JSON export's own record, and this one's, came after its range: the CSV has one row more.
    expect(lines.slice(1, -1)).toHaveLength(stored.length);
    expect(lines[1]!.split(',').slice(0, 2)).toEqual(['2', String(stored[1]!.occurred_at)]);
    expect(lines.find((line) => line.startsWith(`${headSeq},`))).toMatch(new RegExp(`,${auditKey.keyId},[A-Za-z0-9+/=]+$`));
    const ours = stored.find((row) => row.occurred_at === T0)!;
    expect(lines.find((line) => line.startsWith(`${ours.seq},`))).toBe(
      `${ours.seq},${T0},item.updated,user,${bob.userId},,,${VAULT_A},192.0.2.7,1,"{""note"":""a, \\""quoted\\""\\nline""}",${ours.hash},${stored.find((row) => Number(row.seq) === Number(ours.seq) - 1)!.hash},,,`,
    );

    const exports = (await list(owner, { from: 0, type: 'audit.exported', actor: mia.userId })).events;
    expect(exports.map((e) => e.details)).toEqual([
      { format: 'csv', filters: { fromSeq: 2 }, firstSeq: 2, lastSeq: headSeq + 1 },
      { format: 'json', filters: {}, firstSeq: 1, lastSeq: headSeq },
    ]);
  });

  it.skipIf(!available)('streams an export of a few thousand events a batch at a time, and the independent script verifies it and fails it after one changed byte', async () => {
    await appendEvents(Array.from({ length: 3000 }, (_, i) => event(i % 2 ? 'item.updated' : 'password.viewed', i % 3 ? bob : mia, VAULT_B, T0 + 100 + i)));
    const headSeq = await signHead();
    const response = await download(owner, { format: 'json' });
    expect(response.headers.get('content-length')).toBeNull();
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    let text = decoder.decode(first.value, { stream: true });
    // The first chunk is the head and the first batch, not the file: the rest is read from the database as the client reads.
    expect(text.split('"seq":').length - 1).toBeLessThan(1000);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    const file = JSON.parse(text) as { rows: { seq: number; hash: string }[] };
    expect(file.rows).toHaveLength(headSeq);
    const hashes = await storedHashes();
    expect(file.rows.every((row) => row.hash === hashes.get(row.seq))).toBe(true);

    const jsonPath = join(folder, 'export.json');
    writeFileSync(jsonPath, text);
    expect(await verify(jsonPath)).toMatchObject({ code: 0, output: expect.stringContaining(`Verified: rows up to seq ${headSeq}`) });
    const tampered = join(folder, 'tampered.json');
    writeFileSync(tampered, text.replace(`"occurred_at":${T0 + 1500}`, `"occurred_at":${T0 + 1501}`));
    expect(await verify(tampered)).toMatchObject({ code: 1, output: expect.stringMatching(/^NOT VERIFIED: seq \d+: the row does not hash/) });

    const csvPath = join(folder, 'export.csv');
    writeFileSync(csvPath, await (await download(owner, { format: 'csv', toSeq: headSeq })).text());
    expect((await verify(csvPath)).code).toBe(0);
    const csv = readFileSync(csvPath, 'utf8');
    writeFileSync(tampered, csv.replace('password.viewed', 'item.revealeD'));
    expect((await verify(tampered)).code).toBe(1);
    // A removed row: a failure in a CSV its exporter says is complete, and never a verified file.
    const lines = csv.split('\r\n');
    writeFileSync(tampered, [...lines.slice(0, 500), ...lines.slice(501)].join('\r\n'));
    expect(await verify(tampered, '--complete')).toMatchObject({ code: 1, output: expect.stringContaining('is missing from a complete export') });
    expect((await verify(tampered)).code).toBe(2);
    expect((await verify(csvPath, '--complete')).code).toBe(0);
    const removed = JSON.parse(text) as { rows: unknown[] };
    removed.rows.splice(700, 1);
    writeFileSync(tampered, JSON.stringify(removed));
    expect((await verify(tampered)).code).toBe(1);

    const filtered = join(folder, 'filtered.json');
    writeFileSync(filtered, await (await download(owner, { format: 'json', actor: 'bob@acme.test' })).text());
    expect((await verify(filtered)).code).toBe(2);
  });

  it.skipIf(!available)('hands an export to the vault page a piece at a time from the worker, the same bytes as the server sent, and drops a cancelled one', async () => {
    const lastSeq = (await list(owner, { from: 0, limit: 1 })).events[0]!.seq;
    const whole = await (await download(owner, { format: 'csv', toSeq: lastSeq })).text();
    const downloads = auditDownloads();
    const started = await downloads.start(owner.api, 'csv', { from: 0 });
    expect(started).toMatchObject({ fileName: expect.stringMatching(/^keyhold-audit-1-\d+\.csv$/), mimeType: 'text/csv; charset=utf-8' });
    const pieces: string[] = [];
    for (let piece = await downloads.next(started.exportId); ; piece = await downloads.next(started.exportId)) {
      pieces.push(piece.chunk);
      if (piece.done) break;
    }
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(0, -1).every((piece) => piece.length >= EXPORT_PIECE)).toBe(true);
    // The worker's export began after the one above: it holds that one's record, one row more.
    const lines = pieces.join('').split('\r\n');
    expect(lines.slice(0, -2).join('\r\n')).toBe(whole.slice(0, -2));
    expect(lines.at(-2)).toMatch(new RegExp(`^${lastSeq + 1},\\d+,audit\\.exported,user,${owner.userId},`));

    const cancelled = await downloads.start(owner.api, 'json', {});
    downloads.cancel(cancelled.exportId);
    await expect(downloads.next(cancelled.exportId)).rejects.toBeInstanceOf(SessionError);
    await expect(downloads.start(bob.api, 'json', {})).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it.skipIf(!available)('exports what retention kept linked to its signed anchor, and the independent script verifies it', async () => {
    // Retention as server/audit/audit-chain.service.ts does it: a head signed at the last row to go, then the rows up to it deleted.
    // Retention never deletes the newest row, or the next append would start the chain again at 1.
    const anchor = await signHead();
    await appendEvents([0, 1, 2].map((i) => event('item.updated', bob, VAULT_A, T0 + 9000 + i)));
    await withDatabase((db) => db.deleteFrom('events').where('seq', '<=', anchor).execute());
    const headSeq = await signHead();
    const text = await (await download(owner, { format: 'json' })).text();
    const file = JSON.parse(text) as { prevHash: string | null; rows: { seq: number }[] };
    expect(file.rows[0]!.seq).toBe(anchor + 1);
    expect(file.prevHash).toBe((await withDatabase((db) => db.selectFrom('audit_heads').select('hash').where('seq', '=', anchor).executeTakeFirstOrThrow())).hash);
    const path = join(folder, 'after-retention.json');
    writeFileSync(path, text);
    expect(await verify(path)).toMatchObject({ code: 0, output: expect.stringContaining(`Verified: rows up to seq ${headSeq}`) });
  });
});
