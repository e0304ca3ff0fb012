import type { PageRequest } from '../../lib/messages/protocol';

// What the vault page's navigation can select, and the entry list filter each one stands for.

/** A place in the navigation: everything, favourites, the trash, a vault, one of its folders, or a tag. */
export type NavigationChoice =
  | { kind: 'all' }
  | { kind: 'favourites' }
  | { kind: 'trash' }
  | { kind: 'vault'; vaultId: string }
  | { kind: 'folder'; vaultId: string; folderId: string }
  | { kind: 'tag'; tag: string };

/** The `entries.list` fields a choice sets. */
export type ListFilter = Omit<Extract<PageRequest, { type: 'entries.list' }>, 'type' | 'query' | 'sort' | 'offset' | 'limit'>;

export function filterOf(choice: NavigationChoice): ListFilter {
  switch (choice.kind) {
    case 'all':
      return {};
    case 'favourites':
      return { favourite: true };
    case 'trash':
      return { trash: true };
    case 'vault':
      return { vaultId: choice.vaultId };
    case 'folder':
      return { vaultId: choice.vaultId, folderId: choice.folderId };
    case 'tag':
      return { tag: choice.tag };
  }
}

export function sameChoice(a: NavigationChoice, b: NavigationChoice): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
