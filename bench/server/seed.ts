import { MAX_BATCH, batchRoute } from '../../lib/contract/batch';
import { createVaultRoute } from '../../lib/contract/vaults';
import { sealNewItem, type ItemInput } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { createTestOrganisation, type TestMember } from '../../tests/helpers/organisation';
import type { RunningServer } from '../../tests/helpers/server-process';

// A vault as a busy team has it: items sealed in-process by the real client code (lib/vault/item.ts)
// and written through the API, 25 to a batch with a few batches in flight, so the server stores
// exactly what a client would have sent.

/** Batches in flight at once. PostgreSQL gains from overlap (2,000 items: 20 s with 1, 15 s with 4, 13 s with 8), little beyond. */
const IN_FLIGHT = 8;

const SERVICES = ['GitHub', 'GitLab', 'Jira', 'Confluence', 'AWS Console', 'Google Workspace', 'Slack', 'Figma', 'Stripe', 'Datadog', 'Sentry', 'Notion', 'Zoom', 'Salesforce', 'HubSpot', 'Okta'];
const TAGS = ['work', 'personal', 'finance', 'infrastructure', 'marketing'];

/** The seeded vault and who owns it. */
export interface SeededVault {
  owner: TestMember;
  vaultKey: HeldVaultKey;
  itemIds: string[];
  /** Wall time to seal and store every item. */
  seedMs: number;
}

function password(index: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*+-=?@';
  return Array.from({ length: 20 }, (_, position) => alphabet[(index * 31 + position * 17 + position * position) % alphabet.length]).join('');
}

/** Item number `index`: a name, a login, one or two URLs, a tag, a password and a notes field. */
export function itemInput(index: number): ItemInput {
  const service = SERVICES[index % SERVICES.length]!;
  const domain = `${service.toLowerCase().replace(/\s+/g, '-')}-${index}.example.com`;
  return {
    folderId: null,
    name: `${service} ${index}`,
    login: `user${index}@acme.test`,
    urls: [{ url: `https://${domain}/login`, match: 'domain' }, ...(index % 2 ? [{ url: `https://app.${domain}/`, match: 'host' as const }] : [])],
    fields: [
      { id: 'password', type: 'password', label: 'Password', value: password(index) },
      { id: 'notes', type: 'notes', label: 'Notes', value: `Shared ${service} account #${index}. Recovery codes are in the safe; rotate the password every quarter and tell #ops.` },
    ],
    tags: [TAGS[index % TAGS.length]!],
    colour: null,
    description: '',
    favourite: index % 50 === 0,
  };
}

async function storeChunk(owner: TestMember, vaultKey: HeldVaultKey, indexes: number[]): Promise<string[]> {
  const ids = indexes.map(() => newId());
  const records = await Promise.all(indexes.map((index, position) => sealNewItem(vaultKey, ids[position]!, itemInput(index))));
  const { responses } = await owner.api.call(batchRoute, { body: { requests: records.map((body) => ({ method: 'POST' as const, path: '/api/v1/items', body })) } });
  const failed = responses.find((response) => response.status !== 201);
  if (failed) throw new Error(`seeding: POST /api/v1/items answered ${failed.status}: ${JSON.stringify(failed.body)}`);
  return ids;
}

/** Sets up the organisation, creates one vault and fills it with `count` items. */
export async function seedVault(server: RunningServer, count: number): Promise<SeededVault> {
  const { owner } = await createTestOrganisation(server);
  const vaultId = newId();
  const { request, vaultKey } = await prepareVault({ id: vaultId, kind: 'company', name: 'Engineering', me: owner.certified, signingKey: owner.keys.signing.privateKey, administrators: [] });
  await owner.api.call(createVaultRoute, { body: request });

  const started = performance.now();
  const chunks: number[][] = [];
  for (let start = 0; start < count; start += MAX_BATCH) chunks.push(Array.from({ length: Math.min(MAX_BATCH, count - start) }, (_, offset) => start + offset));
  const stored: string[][] = new Array(chunks.length);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = next++;
      stored[chunk] = await storeChunk(owner, vaultKey, chunks[chunk]!);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { owner, vaultKey, itemIds: stored.flat(), seedMs: performance.now() - started };
}
