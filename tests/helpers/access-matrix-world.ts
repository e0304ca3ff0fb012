import { createRoleRoute, setUserRoleRoute } from '../../lib/contract/roles';
import type { RouteOutput } from '../../lib/api/client';
import type { GrantLevel } from '../../lib/contract/access-levels';
import type { createFolderRoute } from '../../lib/contract/folders';
import { addGroupMemberRoute, createGroupRoute } from '../../lib/contract/groups';
import { updateItemRoute, type Item } from '../../lib/contract/items';
import { putVaultAccessRoute } from '../../lib/contract/vault-access';
import { createVaultRoute } from '../../lib/contract/vaults';
import { updateItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { createTestOrganisation, type TestMember, type TestOrganisation } from './organisation';
import { startServer, type RunningServer } from './server-process';
import { newFolder, newItem, newVault, withPassword } from './vault-fixtures';

// The world of the access matrix (tests/integration/access-matrix.test.ts, issue #10): one member
// per access level, who holds that level in five vaults made by a plain member (the creator), each
// way the level can be given — directly, through a group, as a folder override (looked at inside
// the folder and beside it), and directly in a company vault, where the organisation's owner and
// administrators are administrators on their own.

/** The members who hold one of the six levels, in the order of docs/access-control.md. */
export const LEVEL_ACTORS = ['forbidden', 'navigation', 'read', 'edit', 'full', 'admin'] as const;
export type LevelActor = (typeof LEVEL_ACTORS)[number];

/** Every column of the matrix: no token, the six level holders, the instance administrator, the owner. */
export const ACTORS = ['anonymous', ...LEVEL_ACTORS, 'instanceAdmin', 'owner'] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * How a level holder gets their level:
 * - `direct`: their own grant at the root of a private vault;
 * - `group`: their group's grant at the root of a private vault (they have no own entry there);
 * - `folder`: their own grant on folder F of a private vault, under another level of theirs at the
 *   root (FOLDER_WAY_ROOT); what the routes act on lies inside F;
 * - `beside`: the same grants as `folder`, but what the routes act on lies in a folder beside F
 *   (F's right must not reach it);
 * - `company`: their own grant at the root of a company vault.
 */
export const WAYS = ['direct', 'group', 'folder', 'beside', 'company'] as const;
export type Way = (typeof WAYS)[number];

/** In the `folder` and `beside` ways, the level each holder has at the vault root (null: no entry there), above their own level at F. */
export const FOLDER_WAY_ROOT: Record<LevelActor, GrantLevel | null> = {
  forbidden: 'admin',
  navigation: 'full',
  read: 'admin',
  edit: 'forbidden',
  full: null,
  admin: 'read',
};

type Folder = RouteOutput<typeof createFolderRoute>;

/** A vault of one way, as its creator made it. */
export interface WayVault {
  /** Its key, as the creator holds it (anyone may send items sealed with it: the server cannot check). */
  key: HeldVaultKey;
  /** A folder at the root: F, where the `folder` and `beside` ways' holders have their level. */
  f: Folder;
  /** Where the objects under test live: F, or in the `beside` way a folder beside it. */
  target: Folder;
}

/** A way's shared vault, with the objects the read-only routes look at. */
export interface SharedVault extends WayVault {
  /** A folder inside `target`. */
  sub: Folder;
  /** An item inside `target`, updated once (so revision 1 is a snapshot). */
  item: Item;
}

export interface MatrixWorld {
  server: RunningServer;
  organisation: TestOrganisation;
  owner: TestMember;
  /** Role administrator; named in no vault of the creator. */
  instanceAdmin: TestMember;
  /** A plain member who makes every vault of the matrix (its administrator by creation) and the fixtures in it. */
  creator: TestMember;
  /** A plain member whom the access routes act on (shared with, given keys, removed). */
  bystander: TestMember;
  levels: Record<LevelActor, TestMember>;
  /** One group per level holder, holding only them: the `group` way's grants go to it. */
  groups: Record<LevelActor, string>;
  /** A group with no members, whose grants the access routes put and remove. */
  spareGroup: string;
  /** The shared vault of each way. */
  vaults: Record<Way, SharedVault>;
  /** A private vault of each member (by user id), to move items into. */
  homes: Map<string, HeldVaultKey>;
}

/** The member behind a column (null: anonymous). */
export function memberOf(w: MatrixWorld, actor: Actor): TestMember | null {
  if (actor === 'anonymous') return null;
  if (actor === 'owner') return w.owner;
  if (actor === 'instanceAdmin') return w.instanceAdmin;
  return w.levels[actor];
}

export const isLevelActor = (actor: Actor): actor is LevelActor => (LEVEL_ACTORS as readonly string[]).includes(actor);

/** The creator gives a user or group `level` at the root (folderId null) or a folder. */
export async function grant(w: MatrixWorld, vaultId: string, principal: { type: 'user' | 'group'; id: string }, folderId: string | null, level: GrantLevel): Promise<void> {
  await w.creator.api.call(putVaultAccessRoute, { params: { id: vaultId, principalType: principal.type, principalId: principal.id }, body: { folderId, level } });
}

/** A new vault of `way` made by the creator, with its folders, where each of `holders` holds their level the way says. */
export async function wayVault(w: MatrixWorld, way: Way, holders: readonly LevelActor[], name: string): Promise<WayVault> {
  const kind = way === 'company' ? 'company' : 'private';
  const administrators = kind === 'company' ? [w.owner.certified, w.instanceAdmin.certified] : [];
  const { request, vaultKey: key } = await prepareVault({ id: newId(), kind, name, me: w.creator.certified, signingKey: w.creator.keys.signing.privateKey, administrators });
  await w.creator.api.call(createVaultRoute, { body: request });
  const overrides = way === 'folder' || way === 'beside';
  const f = await newFolder(w.creator, key.vaultId, 'F');
  const target = way === 'beside' ? await newFolder(w.creator, key.vaultId, 'Beside F') : f;
  await Promise.all(
    holders.map(async (holder) => {
      const user = { type: 'user' as const, id: w.levels[holder].userId };
      if (way === 'group') return grant(w, key.vaultId, { type: 'group', id: w.groups[holder] }, null, holder);
      if (!overrides) return grant(w, key.vaultId, user, null, holder);
      const root = FOLDER_WAY_ROOT[holder];
      if (root !== null) await grant(w, key.vaultId, user, null, root);
      return grant(w, key.vaultId, user, f.id, holder);
    }),
  );
  return { key, f, target };
}

/** Starts a server on `engine` and builds the matrix's world (slow: keys and PBKDF2 for ten members). */
export async function createMatrixWorld(engine: 'sqlite' | 'postgres'): Promise<MatrixWorld> {
  const server = await startServer({ engine });
  try {
    const organisation = await createTestOrganisation(server);
    const owner = organisation.owner;
    // In parallel: key generation and PBKDF2 run on libuv's threads.
    const [instanceAdmin, creator, bystander, ...holders] = await Promise.all([
      organisation.addMember('instance-admin@acme.test', 'administrator'),
      organisation.addMember('creator@acme.test'),
      organisation.addMember('bystander@acme.test'),
      ...LEVEL_ACTORS.map((level) => organisation.addMember(`${level}@acme.test`)),
    ]);
    const levels = Object.fromEntries(LEVEL_ACTORS.map((level, index) => [level, holders[index]!])) as Record<LevelActor, TestMember>;
    const groups = {} as Record<LevelActor, string>;
    for (const level of LEVEL_ACTORS) {
      const group = await owner.api.call(createGroupRoute, { body: { id: newId(), name: `Holders of ${level}` } });
      await owner.api.call(addGroupMemberRoute, { params: { id: group.id, userId: levels[level].userId } });
      groups[level] = group.id;
    }
    // Creating company vaults takes the createCompanyVaults permission: the creator's role gives just that.
    const vaultCreators = await owner.api.call(createRoleRoute, { body: { name: 'Company vault creators', permissions: ['createCompanyVaults'] } });
    await owner.api.call(setUserRoleRoute, { params: { id: creator.userId }, body: { roleId: vaultCreators.id } });
    const spareGroup = (await owner.api.call(createGroupRoute, { body: { id: newId(), name: 'Spare' } })).id;
    const partial = { server, organisation, owner, instanceAdmin, creator, bystander, levels, groups, spareGroup };
    const homes = new Map<string, HeldVaultKey>();
    for (const member of [owner, instanceAdmin, creator, ...holders]) homes.set(member.userId, await newVault(member, { name: 'Home' }));
    const world = { ...partial, homes, vaults: {} as Record<Way, SharedVault> };
    for (const way of WAYS) {
      const vault = await wayVault(world, way, LEVEL_ACTORS, `Shared ${way}`);
      const sub = await newFolder(creator, vault.key.vaultId, 'Sub', vault.target.id);
      const first = await newItem(creator, vault.key, { name: `Target item ${way}`, folderId: vault.target.id, password: 'first' });
      const item = await creator.api.call(updateItemRoute, { params: { id: first.id }, body: await updateItem(first, vault.key, withPassword('second')) });
      world.vaults[way] = { ...vault, sub, item };
    }
    return world;
  } catch (error) {
    await server.stop();
    throw error;
  }
}
