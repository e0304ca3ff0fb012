import { describe, expect, it } from 'vitest';
import type { SealedItem } from '../../lib/contract/items';
import { createSealer, SealError, type Sealer } from '../sealing/sealer';
import { itemJson, itemRow } from './item-row';
import { TEXT_ENTRY_OVERHEAD, itemTexts } from './item-texts';
import type { StampedItem } from './items.repository';

const sealer = createSealer({ current: 'k1', keys: new Map([['k1', Buffer.alloc(32, 7)]]), source: 'test' });

const item = (id: string, password = 'AQIDBA'): SealedItem => ({
  id,
  vaultId: 'vault-0001',
  folderId: null,
  revision: 1,
  name: `Bank ${id}`,
  login: 'alice@example.com',
  urls: [{ url: 'https://bank.example/login', match: 'domain' }],
  tags: [],
  colour: null,
  description: '',
  favourite: false,
  fields: [{ id: 'password', type: 'password', label: 'Password', value: password }],
  metadataMac: 'bWFj',
  entryKey: { vaultKeyVersion: 1, wrapped: 'd3JhcA' },
});

const stamped = (sealed: SealedItem, changeSeq: number, now = 1_800_000_000_000): StampedItem => {
  const { search_text: _text, tag_text: _tags, ...row } = itemRow(sealer, sealed, { userId: 'user-0001', now, createdAt: 1_700_000_000_000, changeSeq });
  return row;
};

/** The sealer, recording which rows it opened. */
function countingSealer(): { sealer: Sealer; opened: string[] } {
  const opened: string[] = [];
  return { sealer: { ...sealer, open: (value, place) => (opened.push(place.rowId), sealer.open(value, place)) }, opened };
}

describe('kept item texts', () => {
  it('are what writing the row gives, and a second read of the same version opens nothing', () => {
    const { sealer: counting, opened } = countingSealer();
    const texts = itemTexts(counting);
    const row = stamped(item('item-a'), 5);
    expect(texts.of(row)).toBe(itemJson(sealer, row));
    expect(texts.of(row)).toBe(itemJson(sealer, row));
    expect(texts.kept('item-a', 5, row.updated_at)).toBe(itemJson(sealer, row));
    expect(opened).toEqual(['item-a']);
  });

  it('give a changed item its new text: another change number, or the same one at another time (a restored backup)', () => {
    const texts = itemTexts(sealer);
    const first = stamped(item('item-a'), 5);
    texts.of(first);
    const changed = stamped(item('item-a', 'BQYHCA'), 6);
    expect(texts.kept('item-a', 6, changed.updated_at)).toBeUndefined();
    expect(JSON.parse(texts.of(changed))).toMatchObject({ fields: [{ value: 'BQYHCA' }] });
    const reused = stamped(item('item-a', 'CQoLDA'), 5, first.updated_at + 1);
    expect(texts.kept('item-a', 5, reused.updated_at)).toBeUndefined();
    expect(JSON.parse(texts.of(reused))).toMatchObject({ fields: [{ value: 'CQoLDA' }] });
  });

  it('still refuse a sealed value copied from another row, even one whose text is kept', () => {
    const texts = itemTexts(sealer);
    const row = stamped(item('item-a'), 5);
    texts.of(row);
    expect(() => texts.of({ ...stamped(item('item-b'), 6), secrets: row.secrets })).toThrow(SealError);
  });

  it('keep nothing for an item they were never given', () => {
    expect(itemTexts(sealer).kept('item-a', 1, 1)).toBeUndefined();
  });

  it('stay within their budget, the oldest going first', () => {
    const { sealer: counting, opened } = countingSealer();
    const rows = ['item-a', 'item-b', 'item-c'].map((id) => stamped(item(id), 1));
    const entry = 'item-a'.length + itemJson(sealer, rows[0]!).length + TEXT_ENTRY_OVERHEAD;
    const texts = itemTexts(counting, 2 * entry);
    for (const row of [...rows, rows[2]!, rows[0]!]) texts.of(row);
    expect(opened).toEqual(['item-a', 'item-b', 'item-c', 'item-a']);
    expect(texts.kept('item-b', 1, rows[1]!.updated_at)).toBeUndefined();
  });
});
