import { createApiClient } from '../../lib/api/client';
import { MAX_BATCH, batchRoute } from '../../lib/contract/batch';
import { setupRoute } from '../../lib/contract/setup';
import { createVaultRoute } from '../../lib/contract/vaults';
import { KDF_DEFAULT_ITERATIONS } from '../../lib/crypto/kdf';
import { sealNewItem } from '../../lib/vault/item';
import { newId, prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { prepareVault, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { unlockedMember, type TestMember } from '../../tests/helpers/organisation';
import { TEST_POLICY } from '../../tests/helpers/policy';
import type { RunningServer } from '../../tests/helpers/server-process';
import { itemInput } from '../server/seed';

// The account the extension benchmark signs in to: an owner made at the production KDF cost (the
// unlock ratio is only meaningful against what the account really has), holding many company
// vaults filled with items sealed by the real client code, 25 to a batch, a few batches in flight.

const IN_FLIGHT = 8;

/** What the extension types in: the login password, then the master password. */
export const BENCH_OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' } as const;

/** A signed-in owner with their vaults, and how many items they hold so far. */
export interface BenchAccount {
  owner: TestMember;
  vaults: HeldVaultKey[];
  items: number;
  iterations: number;
}

/** Sets up a fresh server's organisation with an owner at `iterations` PBKDF2 iterations (production default). */
export async function createBenchOwner(server: RunningServer, iterations = KDF_DEFAULT_ITERATIONS): Promise<TestMember> {
  const setupToken = server.setupToken();
  if (!setupToken) throw new Error(`the server printed no setup token:\n${server.output()}`);
  const setup = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken, organisationName: 'Acme', ...BENCH_OWNER, iterations });
  await createApiClient({ baseUrl: server.url }).call(setupRoute, { body: setup.request });
  return unlockedMember(server, BENCH_OWNER.login, BENCH_OWNER.loginPassword, BENCH_OWNER.masterPassword, setup.organisationFingerprint);
}

/** An owner at production KDF cost with `vaultCount` empty company vaults. */
export async function createBenchAccount(server: RunningServer, vaultCount: number, iterations = KDF_DEFAULT_ITERATIONS): Promise<BenchAccount> {
  const owner = await createBenchOwner(server, iterations);
  const vaults: HeldVaultKey[] = [];
  for (let i = 0; i < vaultCount; i++) {
    const { request, vaultKey } = await prepareVault({ id: newId(), kind: 'company', name: `Team ${i + 1}`, me: owner.certified, signingKey: owner.keys.signing.privateKey, administrators: [] });
    await owner.api.call(createVaultRoute, { body: request });
    vaults.push(vaultKey);
  }
  return { owner, vaults, items: 0, iterations };
}

async function storeChunk(account: BenchAccount, indexes: number[]): Promise<void> {
  const records = await Promise.all(indexes.map((index) => sealNewItem(account.vaults[index % account.vaults.length]!, newId(), itemInput(index))));
  const { responses } = await account.owner.api.call(batchRoute, { body: { requests: records.map((body) => ({ method: 'POST' as const, path: '/api/v1/items', body })) } });
  const failed = responses.find((response) => response.status !== 201);
  if (failed) throw new Error(`seeding: POST /api/v1/items answered ${failed.status}: ${JSON.stringify(failed.body)}`);
}

/** Adds items until the account holds `total`, spread round-robin over its vaults; resolves to the wall time in ms. */
export async function fillTo(account: BenchAccount, total: number): Promise<number> {
  const started = performance.now();
  const chunks: number[][] = [];
  for (let start = account.items; start < total; start += MAX_BATCH) chunks.push(Array.from({ length: Math.min(MAX_BATCH, total - start) }, (_, offset) => start + offset));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await storeChunk(account, chunks[next++]!);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  account.items = Math.max(account.items, total);
  return performance.now() - started;
}
