import { testPostgresUrl } from '../../tests/helpers/postgres';
import { createApiClient } from '../../lib/api/client';
import { startServer, type RunningServer } from '../../tests/helpers/server-process';
import { median, round, type Figure } from '../report';
import { startBareServer } from '../server/bare-server';
import { requestsPerSecond, type LoadTarget } from '../server/load';
import { peakResidentMb, residentMb, serverPid } from '../server/rss';
import { seedVault, type SeededVault } from '../server/seed';
import { measureSync } from '../server/sync';
import type { Suite } from '../suite';

// Nine short rounds rather than five long ones: the machine's speed drifts by tens of percent within seconds.
const ROUNDS = 9;
const SECONDS = 3;
const WARM_UP_SECONDS = 1;
const ITEMS = 10_000;
/** Distinct items the get-item load cycles through, spread over the vault. */
const HOT_ITEMS = 100;

type Engine = 'sqlite' | 'postgres';

/** The three loads of one round: the bare baseline, /healthz, and an authenticated item read. */
function targets(keyhold: RunningServer, seeded: SeededVault, bareUrl: string): Record<'bare' | 'healthz' | 'getItem', LoadTarget> {
  const step = Math.floor(seeded.itemIds.length / HOT_ITEMS);
  return {
    bare: { url: bareUrl },
    healthz: { url: `${keyhold.url}/healthz` },
    getItem: {
      url: keyhold.url,
      headers: { authorization: `Bearer ${seeded.owner.accessToken}`, 'passwork-masterkeyhash': seeded.owner.masterKeyHash, accept: 'application/json' },
      paths: Array.from({ length: HOT_ITEMS }, (_, index) => `/api/v1/items/${seeded.itemIds[index * step]}`),
    },
  };
}

/** Interleaved rounds of the three loads (medians), the server's resident set sampled under the item load. */
async function measureThroughput(keyhold: RunningServer, pid: number | undefined, seeded: SeededVault, bareUrl: string, log: (line: string) => void) {
  const load = targets(keyhold, seeded, bareUrl);
  if (pid === undefined) log('  server pid not found in /proc: rss_mb skipped');
  for (const target of Object.values(load)) await requestsPerSecond(target, WARM_UP_SECONDS);
  const runs = { bare: [] as number[], healthz: [] as number[], getItem: [] as number[] };
  let rssMb = 0;
  for (let i = 0; i < ROUNDS; i++) {
    runs.bare.push(await requestsPerSecond(load.bare, SECONDS));
    runs.healthz.push(await requestsPerSecond(load.healthz, SECONDS));
    if (pid === undefined) runs.getItem.push(await requestsPerSecond(load.getItem, SECONDS));
    else {
      const sampled = await peakResidentMb(pid, () => requestsPerSecond(load.getItem, SECONDS));
      runs.getItem.push(sampled.result);
      rssMb = Math.max(rssMb, sampled.peakMb);
    }
    log(`  round ${i + 1}: bare ${round(runs.bare[i]!)} req/s, healthz ${round(runs.healthz[i]!)} req/s, GET item ${round(runs.getItem[i]!)} req/s (${round(runs.getItem[i]! / runs.healthz[i]!)}x healthz)`);
  }
  // Each round's item load against the /healthz load just before it: the machine's speed drifts
  // between rounds more than within one, so the ratio is the median of the rounds' own ratios.
  const ratio = median(runs.getItem.map((getItem, i) => getItem / runs.healthz[i]!));
  return { bare: median(runs.bare), healthz: median(runs.healthz), getItem: median(runs.getItem), ratio, rssMb: pid === undefined ? undefined : rssMb };
}

/** Everything for one engine: seed 10,000 items, then throughput, memory and sync; figures suffixed by engine. */
async function measureEngine(engine: Engine, bareUrl: string, log: (line: string) => void): Promise<Figure[]> {
  const suffix = engine === 'sqlite' ? 'sqlite' : 'pg';
  log(`${engine}:`);
  // An hour-long access token: the default quarter of an hour is close to a slow run of both engines.
  const env = { KEYHOLD_ACCESS_TTL_SECONDS: '3600' };
  const importer = await startServer({ engine, env });
  let keyhold: RunningServer | undefined;
  try {
    const imported = await seedVault(importer, ITEMS);
    log(`  seeded ${ITEMS} items (sealed in-process, POST /api/v1/batch of 25) in ${round(imported.seedMs / 1000)} s`);
    // Measured on a server started on the seeded data, as one that has held 10,000 items for a
    // while: the importing process keeps the heap the bulk import grew to (reported apart).
    const pid = serverPid(importer.dataDir);
    const afterImportMb = pid === undefined ? undefined : residentMb(pid);
    if (afterImportMb !== undefined) log(`  resident memory of the importing server right after the import: ${round(afterImportMb)} MB`);
    await importer.halt();
    const restarted = await startServer({ engine, env, home: importer.home, ...(importer.postgres ? { databaseUrl: importer.postgres.url } : {}) });
    keyhold = restarted;
    // The owner's session lives in the database: the same tokens work against the restarted server.
    const owner = imported.owner;
    const seeded = { ...imported, owner: { ...owner, api: createApiClient({ baseUrl: restarted.url, session: { accessToken: () => owner.accessToken }, masterKeyHash: () => owner.masterKeyHash }) } };
    const keyholdPid = serverPid(keyhold.dataDir);
    const rps = await measureThroughput(keyhold, keyholdPid, seeded, bareUrl, log);
    const { ratio } = rps;
    log(`  GET /api/v1/items/{id}: ${round(rps.getItem)} req/s against healthz ${round(rps.healthz)} req/s (medians); median of the rounds' ratios ${round(ratio)}x${engine === 'sqlite' ? ' (target ≥ 0.4)' : ''}`);
    if (rps.rssMb !== undefined) log(`  server resident memory under the item load: ${round(rps.rssMb)} MB (peak; target < 150)`);
    const sync = await measureSync(keyhold, seeded, log);
    const afterSyncMb = keyholdPid === undefined ? undefined : residentMb(keyholdPid);
    if (afterSyncMb !== undefined) log(`  server resident memory after the syncs, every item's text kept: ${round(afterSyncMb)} MB`);
    return [
      { name: `healthz_rps_${suffix}`, value: rps.healthz, unit: 'req/s' },
      { name: `bare_hono_rps_${suffix}`, value: rps.bare, unit: 'req/s' },
      { name: `healthz_ratio_${suffix}`, value: rps.healthz / rps.bare, unit: 'x' },
      { name: `get_item_rps_${suffix}`, value: rps.getItem, unit: 'req/s' },
      { name: `get_item_ratio_${suffix}`, value: ratio, unit: 'x' },
      ...(rps.rssMb === undefined ? [] : [{ name: `rss_mb_${suffix}`, value: rps.rssMb, unit: 'MB' }]),
      ...(afterImportMb === undefined ? [] : [{ name: `rss_after_import_mb_${suffix}`, value: afterImportMb, unit: 'MB' }]),
      ...(afterSyncMb === undefined ? [] : [{ name: `rss_after_sync_mb_${suffix}`, value: afterSyncMb, unit: 'MB' }]),
      { name: `seed_10k_ms_${suffix}`, value: seeded.seedMs, unit: 'ms' },
      ...sync.map((figure) => ({ ...figure, name: `${figure.name}_${suffix}` })),
    ];
  } finally {
    await keyhold?.halt();
    await importer.stop();
  }
}

/** The server under load per engine: /healthz and an item read against a bare Hono route, sync of 10,000 items, memory. */
export const serverSuite: Suite = {
  name: 'server',
  description: 'healthz and GET item throughput, full and delta sync of 10,000 items, and memory, on SQLite and PostgreSQL',
  run: async (log) => {
    const bare = await startBareServer();
    try {
      const figures = await measureEngine('sqlite', bare.url, log);
      if (testPostgresUrl()) figures.push(...(await measureEngine('postgres', bare.url, log)));
      else log('KEYHOLD_TEST_PG_URL is not set: PostgreSQL figures skipped');
      return figures;
    } finally {
      bare.stop();
    }
  },
};
