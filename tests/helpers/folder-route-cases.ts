import { expect } from 'vitest';
import { createFolderRoute, listFoldersRoute, purgeFolderRoute, restoreFolderRoute, trashFolderRoute, updateFolderRoute } from '../../lib/contract/folders';
import { newId } from '../../lib/vault/owner-setup';
import { badId, notFound, routeCase, withBody } from './route-case';
import { newFolder } from './vault-fixtures';

// The folder routes of the vault route table: list, create, update, trash, restore, purge.

export const folderCases = [
  routeCase({
    route: listFoldersRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ query: { vaultId: w.shared.vaultId } }),
    succeeded: ({ folders }, _, w) => expect(folders).toContainEqual({ ...w.sharedFolder, level: 'read' }),
    outsider: notFound,
    invalid: { field: 'query.vaultId', spoil: () => ({ query: {} }) },
  }),
  routeCase({
    route: createFolderRoute,
    actor: (w) => w.editor,
    valid: async (w) => ({ body: { id: newId(), vaultId: w.shared.vaultId, parentId: w.sharedFolder.id, name: ' Databases ' } }),
    succeeded: (folder, input, w) => expect(folder).toMatchObject({ id: input.body!.id, vaultId: w.shared.vaultId, parentId: w.sharedFolder.id, name: 'Databases', deletedAt: null }),
    outsider: notFound,
    invalid: { field: 'body.name', spoil: (input) => withBody(input, { name: '' }) },
  }),
  routeCase({
    route: updateFolderRoute,
    actor: (w) => w.full,
    valid: async (w) => ({ params: { id: (await newFolder(w.editor, w.shared.vaultId, 'Old')).id }, body: { name: 'New' } }),
    succeeded: async (folder, input, w) => {
      expect(folder).toMatchObject({ id: input.params!.id, name: 'New', parentId: null });
      const { folders } = await w.reader.api.call(listFoldersRoute, { query: { vaultId: w.shared.vaultId } });
      expect(folders.find((candidate) => candidate.id === folder.id)?.name).toBe('New');
    },
    outsider: notFound,
    invalid: { field: 'body.name', spoil: (input) => ({ ...input, body: {} }) },
  }),
  routeCase({
    route: trashFolderRoute,
    actor: (w) => w.full,
    valid: async (w) => ({ params: { id: (await newFolder(w.editor, w.shared.vaultId)).id } }),
    succeeded: (folder) => expect(folder.deletedAt).toEqual(expect.any(Number)),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: restoreFolderRoute,
    actor: (w) => w.full,
    valid: async (w) => {
      const folder = await newFolder(w.editor, w.shared.vaultId);
      await w.full.api.call(trashFolderRoute, { params: { id: folder.id } });
      return { params: { id: folder.id } };
    },
    succeeded: (folder) => expect(folder.deletedAt).toBeNull(),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: purgeFolderRoute,
    actor: (w) => w.full,
    valid: async (w) => {
      const folder = await newFolder(w.editor, w.shared.vaultId);
      await w.full.api.call(trashFolderRoute, { params: { id: folder.id } });
      return { params: { id: folder.id } };
    },
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      const { folders } = await w.editor.api.call(listFoldersRoute, { query: { vaultId: w.shared.vaultId } });
      expect(folders.map((folder) => folder.id)).not.toContain(input.params!.id);
    },
    outsider: notFound,
    invalid: badId,
  }),
];
