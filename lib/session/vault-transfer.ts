import type { ApiClient } from '../api/client';
import type { FolderNode } from '../cache/vault-tree';
import type { ExportedVault } from '../vault/export/exported-vault';
import type { ItemInput } from '../vault/item';
import { storeSealed } from '../vault/import/store-sealed';
import type { OpenedVault } from './opened-vault';
import { SessionError } from './session-error';

// The worker's side of import and export (docs/import.md): it holds the keys, so it seals what the
// vault page imports and decrypts what the page exports. Parsing, duplicates, file formats and
// archive encryption stay in the page's lazily loaded chunk, out of the worker's bundle.

/** An entry's clear metadata, for the page's duplicate keys. */
export interface TargetItem {
  name: string;
  login: string;
  urls: { url: string }[];
  tags: string[];
}

/** The target vault of an import: its live folders and entries, as the page's importer reads them. */
export interface ImportTargetReply {
  folders: { id: string; parentId: string | null; name: string }[];
  items: TargetItem[];
}

function flatten(folders: FolderNode[], parentId: string | null, into: ImportTargetReply['folders']): ImportTargetReply['folders'] {
  for (const folder of folders) {
    into.push({ id: folder.id, parentId, name: folder.name });
    flatten(folder.children, folder.id, into);
  }
  return into;
}

async function vaultNode(vault: OpenedVault, vaultId: string) {
  const node = (await vault.tree()).vaults.find((candidate) => candidate.id === vaultId);
  if (!node) throw new SessionError('notFound', 'No such vault.');
  return node;
}

/** The live folders and entries of `vaultId` from this device's copy. */
export async function importTarget(vault: OpenedVault, vaultId: string): Promise<ImportTargetReply> {
  const node = await vaultNode(vault, vaultId);
  const views = await Promise.all(vault.itemIdsIn(vaultId).map((itemId) => vault.read(itemId)));
  return { folders: flatten(node.folders, null, []), items: views.filter((view) => view.deletedAt === null).map(({ name, login, urls, tags }) => ({ name, login, urls, tags })) };
}

/** Seals up to one batch of imported items for `vaultId` and creates them, all or none per request. */
export async function storeImported(api: ApiClient, vault: OpenedVault, vaultId: string, items: ItemInput[]): Promise<{ stored: number }> {
  const records = await Promise.all(items.map((input) => vault.sealNew(vaultId, input)));
  await storeSealed(api, vaultId, records);
  return { stored: records.length };
}

/** The chosen vaults in clear from this device's copy (every entry's MAC checked as it is read). */
export async function readForExport(vault: OpenedVault, vaultIds: readonly string[]): Promise<ExportedVault[]> {
  return Promise.all(
    vaultIds.map(async (vaultId) => {
      const node = await vaultNode(vault, vaultId);
      const views = (await Promise.all(vault.itemIdsIn(vaultId).map((itemId) => vault.read(itemId)))).filter((view) => view.deletedAt === null);
      const entries = await Promise.all(
        views.map(async (view) => ({
          folderId: view.folderId,
          name: view.name,
          login: view.login,
          urls: view.urls,
          tags: view.tags,
          colour: view.colour,
          description: view.description,
          favourite: view.favourite,
          fields: await Promise.all(view.fields.map(async (field) => ({ id: field.id, type: field.type, label: field.label, value: field.value ?? (await vault.revealField(view.id, field.id)) }))),
        })),
      );
      return { id: vaultId, name: node.name, folders: flatten(node.folders, null, []), entries };
    }),
  );
}
