import { expect } from 'vitest';
import { batchRoute } from '../../lib/contract/batch';
import { syncRoute } from '../../lib/contract/sync';
import { routeCase } from './route-case';

// The sync and batch routes of the vault route table.

export const syncAndBatchCases = [
  routeCase({
    route: syncRoute,
    actor: (w) => w.reader,
    valid: async () => ({ query: {} }),
    succeeded: async (sync, _, w) => {
      expect(sync).toMatchObject({ full: true, removed: { vaults: [], folders: [], items: [] }, pendingGrants: [] });
      expect(sync.vaults.find((vault) => vault.id === w.shared.vaultId)?.level).toBe('read');
      expect(sync.wraps.map((wrap) => wrap.subjectId)).toContain(w.shared.vaultId);
      expect(sync.certificates.map((certificate) => certificate.userId)).toContain(w.owner.userId);
      expect(sync.folders).toContainEqual({ ...w.sharedFolder, level: 'read' });
      expect(sync.items.map((item) => item.id)).toContain(w.sharedItem.id);
      const next = await w.reader.api.call(syncRoute, { query: { cursor: sync.cursor } });
      expect(next).toMatchObject({ full: false, vaults: [], folders: [], items: [], wraps: [] });
    },
    outsider: (sync, w) => {
      expect(sync.vaults.map((vault) => vault.id)).not.toContain(w.shared.vaultId);
      expect(sync.wraps.map((wrap) => wrap.subjectId)).not.toContain(w.shared.vaultId);
      expect([...sync.folders, ...sync.items].filter((row) => row.vaultId === w.shared.vaultId)).toEqual([]);
    },
    invalid: { field: 'query.cursor', spoil: () => ({ query: { cursor: 'from the start' } }) },
  }),
  routeCase({
    route: batchRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ body: { requests: [{ method: 'GET' as const, path: `/api/v1/vaults/${w.shared.vaultId}` }] } }),
    succeeded: ({ responses }, _, w) => expect(responses).toMatchObject([{ status: 200, body: { vault: { id: w.shared.vaultId, level: 'read' } } }]),
    outsider: ({ responses }) => expect(responses).toMatchObject([{ status: 404, body: { errors: [{ code: 'notFound' }] } }]),
    wrongHash: ({ responses }) => expect(responses).toMatchObject([{ status: 403, body: { errors: [{ code: 'masterKeyHashMismatch' }] } }]),
    invalid: { field: 'body.requests', spoil: () => ({ body: { requests: [] } }) },
  }),
];
