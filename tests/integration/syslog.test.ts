import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { loginRoute } from '../../lib/contract/sessions';
import type { ChainedColumns } from '../../server/audit/chain';
import { openDatabase } from '../../server/db/database';
import { createTestOrganisation, type TestOrganisation } from '../helpers/organisation';
import { parseCef, parseSyslog, tcpCollector, udpCollector, type Collector, type ParsedSyslog } from '../helpers/syslog-collector';
import { startServer, type RunningServer } from '../helpers/server-process';
import { testPostgresUrl } from '../helpers/postgres';
import { ENGINES } from '../helpers/test-database';
import { newVault } from '../helpers/vault-fixtures';

// Issue #11 item 4: every audit event reaches a syslog collector, in RFC 5424 with its seq and
// its hash in the chain, so the collector is a witness outside the server. A real server process,
// real UDP and TCP listeners, and a parser written here from the RFCs.

const SD_ID = 'keyhold@32473';

/** An event row as the database holds it, its link included. */
type StoredEvent = ChainedColumns & { hash: string };

/** Every event in the server's database, oldest first, as stored. */
async function storedEvents(server: RunningServer): Promise<StoredEvent[]> {
  const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
  try {
    const rows = await db.selectFrom('events').selectAll().orderBy('seq').execute();
    return rows.map((row) => ({ ...row, seq: Number(row.seq), occurred_at: Number(row.occurred_at), hash: row.hash! }));
  } finally {
    await close();
  }
}

/** The received messages by seq; a seq received twice must be the same message both times. */
function bySeq(messages: string[]): Map<number, ParsedSyslog> {
  const received = new Map<number, ParsedSyslog>();
  for (const line of messages) {
    const parsed = parseSyslog(line);
    const seq = Number(parsed.sd[SD_ID]!.seq);
    const earlier = received.get(seq);
    if (earlier) expect(parsed).toEqual(earlier);
    received.set(seq, parsed);
  }
  return received;
}

/** Waits until the collector holds every event the database holds, then returns both. */
async function untilAllArrived(server: RunningServer, collector: Collector): Promise<{ events: StoredEvent[]; received: Map<number, ParsedSyslog> }> {
  let events: StoredEvent[] = [];
  await expect
    .poll(
      async () => {
        events = await storedEvents(server);
        const received = bySeq(collector.messages);
        return events.filter((event) => !received.has(event.seq)).map((event) => event.seq);
      },
      { timeout: 15_000, interval: 100 },
    )
    .toEqual([]);
  return { events, received: bySeq(collector.messages) };
}

/** Things people do: a failed sign-in, a vault; with the organisation's set-up and sign-ins. */
async function activity(server: RunningServer, organisation: TestOrganisation, name: string): Promise<void> {
  await expect(createApiClient({ baseUrl: server.url }).call(loginRoute, { body: { login: 'owner@acme.test', password: `wrong ${name}` } })).rejects.toThrow();
  await newVault(organisation.owner, { name });
}

/** The header and structured data every message must carry for its event. */
function expectHeader(message: ParsedSyslog, event: StoredEvent): void {
  expect(message).toMatchObject({ version: 1, facility: 16, appName: 'keyhold', msgId: event.type, timestamp: new Date(event.occurred_at).toISOString() });
  expect(message.procId).toMatch(/^\d+$/);
  expect(message.hostname).not.toBe('-');
  expect(message.sd[SD_ID]).toEqual({ seq: String(event.seq), hash: event.hash });
  expect(message.severity).toBe(event.type === 'login.failed' ? 4 : 6);
}

describe.each(ENGINES)('syslog forwarding on $engine', ({ engine, available }) => {
  let server: RunningServer | undefined;
  let collector: Collector | undefined;
  afterEach(async () => {
    await server?.stop();
    await collector?.close();
    server = undefined;
    collector = undefined;
  });

  it.skipIf(!available)('UDP, JSON: every event once, seq without gaps, each hash the one in the database', async () => {
    collector = await udpCollector();
    server = await startServer({ engine, args: ['--syslog', `udp://127.0.0.1:${collector.port}`] });
    const organisation = await createTestOrganisation(server);
    await activity(server, organisation, 'Ops');

    const { events, received } = await untilAllArrived(server, collector);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect([...received.keys()].sort((a, b) => a - b)).toEqual(events.map((event) => event.seq));
    expect(collector.messages).toHaveLength(events.length);
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['organisation.setup', 'login', 'login.failed', 'vault.created']));
    for (const event of events) {
      const message = received.get(event.seq)!;
      expectHeader(message, event);
      expect(JSON.parse(message.msg)).toEqual(event);
    }
  });

  it.skipIf(!available)('TCP, CEF (configured by environment): a collector that restarts mid-stream misses nothing', async () => {
    const messages: string[] = [];
    collector = await tcpCollector(0, messages);
    const { port } = collector;
    server = await startServer({ engine, env: { KEYHOLD_SYSLOG: `tcp://127.0.0.1:${port}`, KEYHOLD_SYSLOG_FORMAT: 'cef' } });
    const organisation = await createTestOrganisation(server);
    await activity(server, organisation, 'Before');
    await untilAllArrived(server, collector);

    await collector.close();
    collector = undefined;
    await activity(server, organisation, 'While away');
    // Long enough for the forwarder to fail and back off at least once.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    collector = await tcpCollector(port, messages);
    await activity(server, organisation, 'After');

    const { events, received } = await untilAllArrived(server, collector);
    expect([...received.keys()].sort((a, b) => a - b)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === 'vault.created')).toHaveLength(3);
    for (const event of events) {
      const message = received.get(event.seq)!;
      expectHeader(message, event);
      const { header, extensions } = parseCef(message.msg);
      expect(header).toEqual(['CEF:0', 'Keyhold', 'Keyhold', expect.stringMatching(/^\d+\.\d+\.\d+/), event.type, expect.any(String), event.type === 'login.failed' ? '7' : '3']);
      expect(extensions).toMatchObject({ rt: String(event.occurred_at), act: event.type, externalId: String(event.seq), cn1Label: 'seq', cn1: String(event.seq), cs1Label: 'hash', cs1: event.hash, cs4: event.actor_type, cs6Label: 'details', cs6: event.details });
      expect(extensions.cs2).toBe(event.vault_id ?? undefined);
      expect(extensions.suid).toBe(event.actor_id ?? undefined);
    }
    // The server logged the outage once and its end once, not every retry.
    expect(server.output().match(/syslog forwarding failed/g)?.length).toBeGreaterThanOrEqual(1);
    expect(server.output()).toContain('syslog forwarding resumed');
  });
});

describe.skipIf(!testPostgresUrl())('syslog forwarding from two instances on one PostgreSQL', () => {
  it('sends each event once: the instance holding the cursor forwards, the other waits', async () => {
    const collector = await udpCollector();
    const serverKey = `shared-1:${Buffer.alloc(32, 7).toString('base64url')}`;
    const args = ['--syslog', `udp://127.0.0.1:${collector.port}`];
    const first = await startServer({ engine: 'postgres', args, env: { KEYHOLD_SERVER_KEY: serverKey } });
    const second = await startServer({ engine: 'postgres', databaseUrl: first.postgres!.url, args, env: { KEYHOLD_SERVER_KEY: serverKey } });
    try {
      // The token the second instance printed replaced the first one's: setup goes to the second.
      const organisation = await createTestOrganisation(second);
      for (const [index, server] of [first, second, first, second].entries()) await activity(server, organisation, `Vault ${index}`);
      const { events } = await untilAllArrived(first, collector);
      // Appends on both instances wake only their own forwarder; the cursor's row lock keeps them apart.
      expect(collector.messages).toHaveLength(events.length);
    } finally {
      await second.stop();
      await first.stop();
      await collector.close();
    }
  });
});

describe('syslog over TLS', () => {
  it('delivers to a collector whose certificate the given CA signed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyhold-syslog-tls-'));
    const [certFile, keyFile] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    const collector = await tcpCollector(0, [], { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') });
    const server = await startServer({ args: ['--syslog', `tls://127.0.0.1:${collector.port}`, '--syslog-ca', certFile] });
    try {
      await createTestOrganisation(server);
      const { events, received } = await untilAllArrived(server, collector);
      for (const event of events) expectHeader(received.get(event.seq)!, event);
    } finally {
      await server.stop();
      await collector.close();
    }
  });
});
