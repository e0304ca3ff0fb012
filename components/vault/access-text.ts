import type { FolderNode, VaultNode } from '../../lib/cache/vault-tree';
import type { GrantLevel } from '../../lib/contract/access-levels';
import type { Translate } from '../../lib/i18n/translate';
import type { RightSourceView } from '../../lib/messages/protocol';
import { LEVEL_NAMES } from './access-level';

// The words of the Access panel: where a right is set and where a person's right comes from. The
// server names places by folder id only; the names come from the navigation's tree.

/** Every folder of `vault`, at any depth, by id. */
export function folderNames(vault: VaultNode): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (folders: FolderNode[]) => {
    for (const folder of folders) {
      names.set(folder.id, folder.name);
      visit(folder.children);
    }
  };
  visit(vault.folders);
  return names;
}

/** "at the vault level" or "in folder “Databases”"; a folder the tree does not hold (trashed, or hidden from the user) still gets a place. */
export function placeText(t: Translate, folders: Map<string, string>, folderId: string | null): string {
  if (folderId === null) return t('vault.access.at.vault');
  const folder = folders.get(folderId);
  return folder === undefined ? t('vault.access.at.hiddenFolder') : t('vault.access.at.folder', { folder });
}

/** A level's name; null is no access at all. */
export const levelText = (t: Translate, level: GrantLevel | null): string => (level === null ? t('vault.access.noAccess') : t(LEVEL_NAMES[level]));

/** Where a person's right comes from, with the person's own "reset" when one handed the decision to their groups. */
export function sourceText(t: Translate, folders: Map<string, string>, source: RightSourceView): string {
  const place = (folderId: string | null) => placeText(t, folders, folderId);
  if (source.kind === 'user') return t('vault.access.source.user', { place: place(source.folderId) });
  const origin = source.kind === 'groups' ? t('vault.access.source.groups', { groups: source.groups.map((group) => t('vault.access.source.group', { group: group.name, place: place(group.folderId) })).join(', ') }) : t('vault.access.source.none');
  // resetAt absent: no reset; null: a reset at the vault root.
  return source.resetAt === undefined ? origin : `${origin} ${t('vault.access.source.reset', { place: place(source.resetAt) })}`;
}
