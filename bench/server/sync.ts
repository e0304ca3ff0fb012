import { getItemRoute, updateItemRoute } from '../../lib/contract/items';
import type { SyncResponse } from '../../lib/contract/sync';
import { updateItem } from '../../lib/vault/item';
import type { RunningServer } from '../../tests/helpers/server-process';
import { median, round, type Figure } from '../report';
import { itemInput, type SeededVault } from './seed';

const FULL_RUNS = 5;
const DELTA_ROUNDS = 15;
const WARM_UP = 2;

interface Timed {
  ms: number;
  bytes: number;
  body: SyncResponse;
}

/** GET /api/v1/sync as a client does it; timed to the last byte of the body, parsed after the clock stops. */
async function timedSync(server: RunningServer, seeded: SeededVault, cursor?: string): Promise<Timed> {
  const headers = { accept: 'application/json', authorization: `Bearer ${seeded.owner.accessToken}`, 'passwork-masterkeyhash': seeded.owner.masterKeyHash };
  const url = `${server.url}/api/v1/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
  const started = performance.now();
  const response = await fetch(url, { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${bytes.toString()}`);
  return { ms, bytes: bytes.length, body: JSON.parse(bytes.toString()) as SyncResponse };
}

/** Stores the next revision of item `index` with a new password, as the client would. */
async function changePassword(seeded: SeededVault, index: number, run: number): Promise<string> {
  const id = seeded.itemIds[index]!;
  const served = await seeded.owner.api.call(getItemRoute, { params: { id } });
  const fields = itemInput(index).fields.map((field) => (field.id === 'password' ? { ...field, value: `changed in run ${run}: ${field.value}` } : field));
  await seeded.owner.api.call(updateItemRoute, { params: { id }, body: await updateItem(served, seeded.vaultKey, { fields }) });
  return id;
}

/**
 * Full sync of the seeded vault (median of runs after warm-up; the first, before the server kept any
 * item's text, reported apart), then one-item deltas from its cursor (median of rounds).
 */
export async function measureSync(server: RunningServer, seeded: SeededVault, log: (line: string) => void): Promise<Figure[]> {
  const runs: Timed[] = [];
  for (let run = 0; run < WARM_UP + FULL_RUNS; run++) {
    const timed = await timedSync(server, seeded);
    if (timed.body.items.length !== seeded.itemIds.length) throw new Error(`full sync: ${timed.body.items.length} items, expected ${seeded.itemIds.length}`);
    runs.push(timed);
  }
  const full = runs.slice(WARM_UP);
  let cursor = full.at(-1)!.body.cursor;
  const delta: Timed[] = [];
  for (let run = 0; run < WARM_UP + DELTA_ROUNDS; run++) {
    const changed = await changePassword(seeded, (run * 397) % seeded.itemIds.length, run);
    const timed = await timedSync(server, seeded, cursor);
    if (timed.body.items.length !== 1 || timed.body.items[0]!.id !== changed) throw new Error(`delta sync: ${timed.body.items.length} items, expected only ${changed}`);
    cursor = timed.body.cursor;
    if (run >= WARM_UP) delta.push(timed);
  }
  const firstMs = runs[0]!.ms;
  const fullMs = median(full.map((timed) => timed.ms));
  const fullBytes = median(full.map((timed) => timed.bytes));
  const deltaMs = median(delta.map((timed) => timed.ms));
  const deltaBytes = median(delta.map((timed) => timed.bytes));
  log(`  full sync, ${seeded.itemIds.length} items   ${round(fullMs)} ms (target < 200; median of ${FULL_RUNS}, range ${round(Math.min(...full.map((t) => t.ms)))}–${round(Math.max(...full.map((t) => t.ms)))}), ${round(fullBytes / 1e6)} MB`);
  log(`  the first full sync since the server started (no item text kept yet): ${round(firstMs)} ms`);
  log(`  delta sync, 1 item changed  ${round(deltaMs)} ms (target < 5; median of ${DELTA_ROUNDS}), ${deltaBytes} bytes (target < 2048)`);
  return [
    { name: 'full_sync_10k_ms', value: fullMs, unit: 'ms' },
    { name: 'full_sync_10k_first_ms', value: firstMs, unit: 'ms' },
    { name: 'full_sync_10k_bytes', value: fullBytes, unit: 'bytes' },
    { name: 'delta_sync_ms', value: deltaMs, unit: 'ms' },
    { name: 'delta_sync_bytes', value: deltaBytes, unit: 'bytes' },
  ];
}
