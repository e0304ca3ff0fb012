import { describe, expect, it } from 'vitest';
import { itemSchema, type SealedItem } from '../../lib/contract/items';
import { createSealer } from '../sealing/sealer';
import { itemJson, itemOf, itemRow } from './item-row';

const sealer = createSealer({ current: 'k1', keys: new Map([['k1', Buffer.alloc(32, 7)]]), source: 'test' });

const item = (changes: Partial<SealedItem> = {}): SealedItem => ({
  id: 'item-0001',
  vaultId: 'vault-0001',
  folderId: null,
  revision: 3,
  name: 'Bank "main" \\ Ärztekammer 🔑',
  login: 'alice@example.com',
  urls: [{ url: 'https://bank.example/login?a=1&b="2"', match: 'domain' }],
  tags: ['finance', 'on call'],
  colour: null,
  description: 'line one\nline two\t</script>',
  favourite: true,
  fields: [{ id: 'password', type: 'password', label: 'Password', value: 'AQIDBA' }],
  metadataMac: 'bWFj',
  entryKey: { vaultKeyVersion: 1, wrapped: 'd3JhcA' },
  ...changes,
});

describe('item JSON written from the row', () => {
  it.each([
    ['a live item with awkward text', item(), null],
    ['a trashed item in a folder, with a colour', item({ folderId: 'folder-001', colour: '#aabbcc', favourite: false, tags: [] }), 1_800_000_000_123],
  ])('is exactly what serialising the item would send: %s', (_name, sealed, deletedAt) => {
    const row = { ...itemRow(sealer, sealed, { userId: 'user-0001', now: 1_800_000_000_000, createdAt: 1_700_000_000_000, changeSeq: 9 }), deleted_at: deletedAt };
    const written = JSON.parse(itemJson(sealer, row)) as unknown;
    expect(written).toEqual(itemOf(sealer, row));
    expect(itemSchema.parse(written)).toEqual(written);
  });
});
