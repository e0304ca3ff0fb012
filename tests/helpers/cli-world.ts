import { createFolderRoute } from '../../lib/contract/folders';
import { newId } from '../../lib/vault/owner-setup';
import { createTestOrganisation, type TestMember, type TestOrganisation } from './organisation';
import { startServer, type RunningServer, type StartServerOptions } from './server-process';
import { newItem, newVault, shareWith } from './vault-fixtures';
import type { Item } from '../../lib/contract/items';
import type { HeldVaultKey } from '../../lib/vault/vault-keys';

// The CLI tests' organisation: an owner, and a member ("reader") with read access to the company
// vault Engineering — folder Servers/Build, unicode and space names, a TOTP field, two items with
// one name — but none to the owner's private vault. Made through the API as clients make it.

export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export interface CliWorld {
  server: RunningServer;
  organisation: TestOrganisation;
  owner: TestMember;
  reader: TestMember;
  readerSecrets: { login: string; loginPassword: string; masterPassword: string };
  engineering: HeldVaultKey;
  privateVault: HeldVaultKey;
  buildServer: Item;
  cafe: Item;
}

async function folder(member: TestMember, vaultId: string, name: string, parentId: string | null = null) {
  return member.api.call(createFolderRoute, { body: { id: newId(), vaultId, parentId, name } });
}

/** Starts a server and builds the world on it. */
export async function createCliWorld(engine: 'sqlite' | 'postgres', options: StartServerOptions = {}): Promise<CliWorld> {
  const server = await startServer({ engine, ...options });
  const organisation = await createTestOrganisation(server);
  const owner = organisation.owner;
  const reader = await organisation.addMember('reader@acme.test');
  const engineering = await newVault(owner, { kind: 'company', name: 'Engineering' });
  await shareWith({ organisation }, engineering, owner, reader, 'read');
  const privateVault = await newVault(owner, { kind: 'private', name: 'Owner only' });
  const servers = await folder(owner, engineering.vaultId, 'Servers');
  const build = await folder(owner, engineering.vaultId, 'Build', servers.id);
  const buildServer = await newItem(owner, engineering, { name: 'Build server', folderId: build.id, password: 'build-server-pw-1' });
  const cafe = await newItem(owner, engineering, {
    name: 'Café ☕ Prod/EU',
    login: 'barista@example.com',
    tags: ['prod'],
    fields: [
      { id: 'password', type: 'password', label: 'Password', value: 'café-secret-✓-42' },
      { id: 'api', type: 'text', label: 'API key', value: 'ak_live_0123456789' },
      { id: 'otp', type: 'totp', label: 'One-time code', value: TOTP_SECRET },
    ],
  });
  await newItem(owner, engineering, { name: 'Twin', password: 'twin-one-pw' });
  await newItem(owner, engineering, { name: 'Twin', password: 'twin-two-pw' });
  await newItem(owner, privateVault, { name: 'Owner secret', password: 'owner-only-pw' });
  return {
    server,
    organisation,
    owner,
    reader,
    readerSecrets: { login: 'reader@acme.test', loginPassword: 'reader@acme.test login password', masterPassword: 'reader@acme.test Master 2026' },
    engineering,
    privateVault,
    buildServer,
    cafe,
  };
}
