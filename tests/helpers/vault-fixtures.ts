import { createApiClient, type ApiClient, type RouteOutput } from '../../lib/api/client';
import { createFolderRoute } from '../../lib/contract/folders';
import { createItemRoute, type Item } from '../../lib/contract/items';
import { createVaultRoute, putVaultMemberRoute, type AccessLevel } from '../../lib/contract/vaults';
import { openItem, revealField, sealNewItem, type ItemInput, type ItemRecord } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault, wrapVaultKey, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { createTestOrganisation, type TestMember, type TestOrganisation } from './organisation';
import { startServer, type RunningServer } from './server-process';

// One organisation per engine for the vault route tests: an owner, one member at each access
// level of a shared company vault, and an outsider who is in no vault of anyone else. Everything
// is made through the API and lib/vault, as clients make it.

/** The server, its members, and the company vault they share (owner admin, reader, editor, full). */
export interface VaultWorld {
  server: RunningServer;
  organisation: TestOrganisation;
  owner: TestMember;
  reader: TestMember;
  editor: TestMember;
  full: TestMember;
  outsider: TestMember;
  /** The shared company vault's key as the owner holds it. */
  shared: HeldVaultKey;
  /** A folder of the shared vault, and an item in it (password 'correct horse'), made by the owner. */
  sharedFolder: Folder;
  sharedItem: Item;
}

type Folder = RouteOutput<typeof createFolderRoute>;

/** Starts a server on `engine` and builds the world (slow: RSA keys and a PBKDF2 per member). */
export async function createVaultWorld(engine: 'sqlite' | 'postgres'): Promise<VaultWorld> {
  const server = await startServer({ engine });
  const organisation = await createTestOrganisation(server);
  const owner = organisation.owner;
  // In parallel: key generation and PBKDF2 run on libuv's threads.
  const [reader, editor, full, outsider] = await Promise.all([
    organisation.addMember('reader@acme.test'),
    organisation.addMember('editor@acme.test'),
    organisation.addMember('full@acme.test'),
    organisation.addMember('outsider@acme.test'),
  ]);
  const world = { server, organisation, owner, reader, editor, full, outsider };
  const shared = await newVault(owner, { kind: 'company', name: 'Engineering' });
  await shareWith(world, shared, owner, reader, 'read');
  await shareWith(world, shared, owner, editor, 'edit');
  await shareWith(world, shared, owner, full, 'full');
  const sharedFolder = await newFolder(owner, shared.vaultId, 'Servers');
  const sharedItem = await newItem(owner, shared, { name: 'Build server', folderId: sharedFolder.id });
  return { ...world, shared, sharedFolder, sharedItem };
}

/** A new vault made by `member` (private unless said), with its key as they hold it. */
export async function newVault(member: TestMember, options: { kind?: 'company' | 'private'; name?: string } = {}): Promise<HeldVaultKey> {
  const { request, vaultKey } = await prepareVault({ id: newId(), kind: options.kind ?? 'private', name: options.name ?? 'Vault', me: member.certified, signingKey: member.keys.signing.privateKey, administrators: [] });
  await member.api.call(createVaultRoute, { body: request });
  return vaultKey;
}

/** `from` shares `vault` with `to` at `level`, with a wrap signed by `from`. */
export async function shareWith(world: Pick<VaultWorld, 'organisation'>, vault: HeldVaultKey, from: TestMember, to: TestMember, level: AccessLevel) {
  const wrap = await wrapVaultKey(vault, await world.organisation.certifiedMember(to.userId), from.granter);
  return from.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: to.userId }, body: { level, wrap } });
}

/** Changes to the default login item; `password` becomes the field with id `password`. */
export type ItemChanges = Partial<ItemInput> & { password?: string };

/** What a person types for a login item, with `changes`. */
export function itemInput(changes: ItemChanges = {}): ItemInput {
  const { password = 'correct horse', ...rest } = changes;
  return {
    name: 'GitHub',
    login: 'alice@example.com',
    urls: [{ url: 'https://github.com/login', match: 'domain' }],
    ...withPassword(password),
    tags: [],
    colour: null,
    description: '',
    favourite: false,
    folderId: null,
    ...rest,
  };
}

/** The change that sets an item's password (for updateItem). */
export function withPassword(value: string): Pick<ItemInput, 'fields'> {
  return { fields: [{ id: 'password', type: 'password', label: 'Password', value }] };
}

/** A sealed item for `vault` (not sent). */
export async function sealedItem(vault: HeldVaultKey, changes: ItemChanges = {}): Promise<ItemRecord> {
  return sealNewItem(vault, newId(), itemInput(changes));
}

/** A new item `member` creates in `vault`, as served. */
export async function newItem(member: TestMember, vault: HeldVaultKey, changes: ItemChanges = {}): Promise<Item> {
  return member.api.call(createItemRoute, { body: await sealedItem(vault, changes) });
}

/** A new folder `member` creates in `vaultId` (under `parentId`, or at the root). */
export async function newFolder(member: TestMember, vaultId: string, name = 'Folder', parentId: string | null = null): Promise<Folder> {
  return member.api.call(createFolderRoute, { body: { id: newId(), vaultId, parentId, name } });
}

/** The clear password of a served item (its wrap and MAC checked first). */
export async function passwordOf(item: ItemRecord, vault: HeldVaultKey): Promise<string> {
  return revealField(item, await openItem(item, vault), 'password');
}

/** A client that sends no access token (but the member's master key hash). */
export function anonymousClient(server: RunningServer, member: TestMember): ApiClient {
  return createApiClient({ baseUrl: server.url, masterKeyHash: () => member.masterKeyHash });
}

/** A client with the member's live token but another master key hash, as a client unlocked with another master password. */
export function wrongHashClient(server: RunningServer, member: TestMember): ApiClient {
  return createApiClient({ baseUrl: server.url, session: { accessToken: () => member.accessToken }, masterKeyHash: () => '0'.repeat(64) });
}
