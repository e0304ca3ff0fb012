import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { getAuditRetentionRoute, updateAuditRetentionRoute } from '../../lib/contract/app-settings';
import { auditPublicKeyRoute, listAuditHeadsRoute, signAuditHeadRoute, verifyAuditChainRoute } from '../../lib/contract/audit-chain';
import { loginRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { auditKeyPem, newAuditKey } from '../../server/audit/signing-key';
import { openDatabase } from '../../server/db/database';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { ROOT } from '../helpers/paths';
import { TEST_POLICY } from '../helpers/policy';
import { testPostgresUrl } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// The audit chain on real server processes: the periodic signer, the admin API, the
// `audit verify` command's exit codes over a real data directory, and two instances appending at
// once to one PostgreSQL.

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function tamper(server: RunningServer, work: (db: ReturnType<typeof openDatabase>['db']) => Promise<unknown>): Promise<void> {
  const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
  try {
    await work(db);
  } finally {
    await close();
  }
}

describe.each(ENGINES)('the audit chain API on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let member: TestMember;
  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine, args: ['--audit-interval', '1'] });
    organisation = await createTestOrganisation(server);
    member = await organisation.addMember('member@acme.test');
  }, 60_000);
  afterAll(() => server?.stop());

  it.skipIf(!available)('creates the audit signing key in the data directory, readable by its owner only', () => {
    expect(statSync(join(server.dataDir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
  });

  it.skipIf(!available)('signs the head on its own, and on demand; the signature verifies with the served public key alone', async () => {
    const { owner } = organisation;
    const { heads } = await until(
      () => owner.api.call(listAuditHeadsRoute, { query: { limit: 5 } }),
      (list) => list.heads.length > 0,
    );
    expect(heads.length).toBeGreaterThan(0);
    const head = await owner.api.call(signAuditHeadRoute);
    const { keys } = await owner.api.call(auditPublicKeyRoute);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ keyId: head.keyId, current: true });
    const message = `keyhold-audit-head-v1\n${head.seq}\n${head.hash}\n${head.signedAt}`;
    expect(verify(null, Buffer.from(message), createPublicKey(keys[0]!.publicKey), Buffer.from(head.signature, 'base64'))).toBe(true);
    expect((await owner.api.call(listAuditHeadsRoute, { query: { limit: 1 } })).heads[0]!.seq).toBeGreaterThanOrEqual(head.seq);
  });

  it.skipIf(!available)('reports a whole chain to an auditor and refuses everyone else', async () => {
    const report = await organisation.owner.api.call(verifyAuditChainRoute);
    expect(report).toMatchObject({ whole: true, firstSeq: 1, break: null });
    expect(report.rows).toBe(report.head!.seq);
    for (const route of [verifyAuditChainRoute, signAuditHeadRoute, auditPublicKeyRoute]) expect((await errorOf(member.api.call(route))).status).toBe(403);
    expect((await errorOf(member.api.call(listAuditHeadsRoute, { query: { limit: 1 } }))).status).toBe(403);
    expect((await errorOf(createApiClient({ baseUrl: server.url }).call(verifyAuditChainRoute))).status).toBe(401);
  });

  it.skipIf(!available)('keeps audit events forever until manageSecurity sets a period; records the change', async () => {
    const { owner } = organisation;
    expect(await owner.api.call(getAuditRetentionRoute)).toEqual({ days: null });
    expect(await owner.api.call(updateAuditRetentionRoute, { body: { days: 365 } })).toEqual({ days: 365 });
    expect((await errorOf(member.api.call(updateAuditRetentionRoute, { body: { days: 1 } }))).status).toBe(403);
    expect((await errorOf(member.api.call(getAuditRetentionRoute))).status).toBe(403);
    expect((await errorOf(owner.api.call(updateAuditRetentionRoute, { body: { days: 0 } }))).status).toBe(400);
    expect(await owner.api.call(updateAuditRetentionRoute, { body: { days: null } })).toEqual({ days: null });
  });

  it.skipIf(!available)('names the first bad link after a row is edited in the database', async () => {
    await tamper(server, (db) => db.updateTable('events').set({ ip: '198.51.100.9' }).where('seq', '=', 2).execute());
    const report = await organisation.owner.api.call(verifyAuditChainRoute);
    expect(report.whole).toBe(false);
    expect(report.break).toMatchObject({ seq: 2, kind: 'edited' });
  });
});

describe('keyhold-server audit over a real data directory', () => {
  let server: RunningServer;
  const audit = (...args: string[]) => spawnSync(process.execPath, ['dist/server.js', 'audit', ...args, '--data', server.dataDir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', KEYHOLD_AUDIT_KEY: '' } });
  beforeAll(async () => {
    server = await startServer();
    await createTestOrganisation(server);
    await server.halt();
  }, 60_000);
  afterAll(() => server?.stop());

  it('signs, prints the public key and verifies: exit 0 when whole, 1 naming the first bad link, 2 for a malformed head', async () => {
    const signed = audit('sign');
    expect(signed.status, signed.stderr).toBe(0);
    const [, seq, hash] = /Signed head (\d+):([0-9a-f]{64})/.exec(signed.stdout)!;
    expect(audit('public-key').stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);

    const whole = audit('verify', '--expect-head', `${seq}:${hash}`);
    expect(whole.status, whole.stdout + whole.stderr).toBe(0);
    expect(whole.stdout).toMatch(/^Audit chain whole: rows 1–\d+/);
    expect(audit('verify', '--expect-head', 'not-a-head').status).toBe(2);
    const elsewhere = audit('verify', '--expect-head', `${Number(seq) + 5}:${hash}`);
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stdout).toMatch(/cutOff/);

    // After a rotation, heads signed by the old key still verify and new ones are signed by the new key.
    const rotated = audit('rotate-key');
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(audit('public-key').stdout.match(/BEGIN PUBLIC KEY/g)).toHaveLength(2);
    expect(audit('verify').status).toBe(0);
    await tamper(server, (db) => db.deleteFrom('audit_heads').where('seq', '=', Number(seq)).execute());
    expect(audit('sign').stdout).not.toContain(signed.stdout.match(/key (\w+)/)![1]);
    expect(audit('verify').status).toBe(0);

    await tamper(server, (db) => db.deleteFrom('events').where('seq', '=', 1).execute());
    const broken = audit('verify');
    expect(broken.status).toBe(1);
    expect(broken.stdout.trim().split('\n')).toEqual(['Audit chain broken at 1 (deleted): row 1 is missing and no signed head anchors row 2.']);
  });

  it('refuses to run without the audit key instead of making a new one', () => {
    const result = spawnSync(process.execPath, ['dist/server.js', 'audit', 'verify', '--data', server.dataDir, '--audit-key-file', join(server.home, 'nowhere.pem')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', KEYHOLD_AUDIT_KEY: '' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no audit signing key/);
  });
});

const SERVER_KEY = `shared-1:${Buffer.alloc(32, 42).toString('base64url')}`;
const OWNER = { login: 'owner@acme.test', password: 'login password for the owner' };

describe.skipIf(!testPostgresUrl())('two server instances appending to one audit chain', () => {
  let first: RunningServer;
  let second: RunningServer;
  beforeAll(async () => {
    const env = { KEYHOLD_SERVER_KEY: SERVER_KEY, KEYHOLD_AUDIT_KEY: auditKeyPem(newAuditKey()) };
    first = await startServer({ engine: 'postgres', env, args: ['--audit-interval', '1'] });
    second = await startServer({ engine: 'postgres', databaseUrl: first.postgres!.url, env, args: ['--audit-interval', '1'] });
    const { request } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: second.setupToken()!, organisationName: 'Acme', login: OWNER.login, loginPassword: OWNER.password, masterPassword: 'Master Password 2026 x', iterations: 300_000 });
    await createApiClient({ baseUrl: second.url }).call(setupRoute, { body: request });
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('keep one valid chain with gapless seq under parallel logins and failed logins on both', async () => {
    const login = (server: RunningServer, i: number) => {
      const body = i % 4 === 0 ? { login: `nobody-${i}@acme.test`, password: 'wrong password' } : OWNER;
      return createApiClient({ baseUrl: server.url }).call(loginRoute, { body }).then(
        (pair) => pair.accessToken,
        () => 'failed',
      );
    };
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => login(i % 2 ? first : second, i)));
    expect(results.filter((result) => result === 'failed')).toHaveLength(10);
    const api = createApiClient({ baseUrl: first.url, session: { accessToken: () => results.find((result) => result !== 'failed')! } });
    // Both instances sign heads every second with the one shared key: wait for at least one past the logins.
    await api.call(signAuditHeadRoute);
    const report = await api.call(verifyAuditChainRoute);
    expect(report).toMatchObject({ whole: true, firstSeq: 1, break: null });
    expect(report.rows).toBe(report.head!.seq);
    expect(report.lastSignedHead).not.toBeNull();
    const { db, close } = openDatabase({ dataDir: first.dataDir, databaseUrl: first.postgres!.url });
    try {
      const types = await db.selectFrom('events').select(['type']).where('type', 'in', ['login', 'login.failed']).execute();
      expect(types.filter((row) => row.type === 'login.failed')).toHaveLength(10);
      expect(types.filter((row) => row.type === 'login').length).toBeGreaterThanOrEqual(30);
    } finally {
      await close();
    }
  });
});
