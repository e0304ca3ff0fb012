import { describe, expect, it } from 'vitest';
import type { ItemInput } from '../item';
import { duplicateKey } from './duplicate-key';
import { parsedCandidates } from './import-candidates';
import type { ImportedEntry } from './imported-entry';
import { importItemOf } from './imported-item';
import { entryOfMetadata, IMPORT_BATCH, runImport, type ImportDestination } from './importer';

// The importer's rules over an in-memory vault: what an entry becomes, where it is filed, what is
// skipped and why. The same rules run against a real server in tests/integration/cli-import-export.

const entry = (changes: Partial<ImportedEntry> = {}): ImportedEntry => ({ name: 'Mail', login: 'ann', password: 'pw', urls: ['https://mail.acme.test/'], notes: '', totp: '', folderPath: [], tags: [], customFields: [], ...changes });

/** A vault held in memory: its folders and the items stored, in order. */
function memoryVault(existing: ItemInput[] = [], folders: { id: string; parentId: string | null; name: string }[] = []) {
  const stored: ItemInput[] = [];
  const batches: number[] = [];
  let next = 0;
  const destination: ImportDestination = {
    vaultId: 'vault-1',
    folders,
    existingKeys: existing.map((item) => duplicateKey(entryOfMetadata(item))),
    createFolder: async (parentId, name) => {
      const id = `new-${++next}`;
      folders.push({ id, parentId, name });
      return id;
    },
    storeItems: async (items) => {
      batches.push(items.length);
      stored.push(...items);
    },
  };
  return { destination, stored, folders, batches };
}

describe('what an imported entry becomes', () => {
  it('keeps the password, a readable one-time code, extra fields by kind, notes last, URLs by domain and tags', () => {
    const item = importItemOf(entry({ totp: 'otpauth://totp/Acme:ann?secret=JBSWY3DPEHPK3PXP', notes: 'line 1\nline 2', tags: [' work ', 'work', ''], customFields: [{ label: 'PIN', value: '4711', secret: true }, { label: 'Region', value: 'eu', secret: false }] }));
    expect(item).toMatchObject({ name: 'Mail', login: 'ann', urls: [{ url: 'https://mail.acme.test/', match: 'domain' }], tags: ['work'] });
    expect(item!.fields.map(({ id, type, label }) => [id, type, label])).toEqual([
      ['password', 'password', 'Password'],
      ['totp', 'totp', 'One-time code'],
      ['field-1', 'password', 'PIN'],
      ['field-2', 'text', 'Region'],
      ['notes', 'notes', 'Notes'],
    ]);
  });

  it('keeps a one-time code value it cannot read as text, names a nameless entry after its site, and refuses what the server would', () => {
    expect(importItemOf(entry({ totp: 'not base32 !' }))!.fields[1]).toMatchObject({ type: 'text', value: 'not base32 !' });
    expect(importItemOf(entry({ name: '  ' }))!.name).toBe('mail.acme.test');
    expect(importItemOf(entry({ urls: Array.from({ length: 33 }, (_, index) => `https://${index}.acme.test/`) }))).toBeNull();
  });
});

describe('runImport', () => {
  it('files entries under the chosen folder, creating each folder once and reusing those there', async () => {
    const vault = memoryVault([], [{ id: 'base', parentId: null, name: 'Imported' }, { id: 'work', parentId: 'base', name: 'Work' }]);
    const parsed = { entries: [entry({ name: 'A', folderPath: ['Work', 'Servers'] }), entry({ name: 'B', folderPath: ['Work', 'Servers'] }), entry({ name: 'C' })], skipped: [] };
    await runImport(parsedCandidates(parsed), [], vault.destination, { folderId: 'base' });
    expect(vault.folders.filter((folder) => folder.id.startsWith('new-'))).toEqual([{ id: 'new-1', parentId: 'work', name: 'Servers' }]);
    expect(vault.stored.map((item) => [item.name, item.folderId])).toEqual([['A', 'new-1'], ['B', 'new-1'], ['C', 'base']]);
  });

  it('skips what the vault holds and what the file repeats, with positions, and keeps the parser’s skips in order', async () => {
    const existing = { ...importItemOf(entry({ name: 'Mail' }))!, folderId: null };
    const vault = memoryVault([existing]);
    const parsed = { entries: [entry({ name: 'MAIL ' }), entry({ name: 'Chat' }), entry({ name: 'chat', password: 'other' })], skipped: [{ position: 2, name: 'Card', reason: 'unsupportedType' as const }] };
    const summary = await runImport(parsedCandidates(parsed), parsed.skipped, vault.destination, { folderId: null });
    expect(summary).toEqual({ imported: 1, skipped: [{ position: 1, name: 'MAIL', reason: 'duplicate' }, { position: 2, name: 'Card', reason: 'unsupportedType' }, { position: 3, name: 'chat', reason: 'duplicate' }] });
    const again = await runImport(parsedCandidates(parsed), [], memoryVault([existing, ...vault.stored]).destination, { folderId: null });
    expect(again.imported).toBe(0);
  });

  it('keeps repeats when asked (an archive), and stores in batches while reporting progress', async () => {
    const vault = memoryVault();
    const parsed = { entries: Array.from({ length: 2 * IMPORT_BATCH + 10 }, () => entry()), skipped: [] };
    const progress: number[] = [];
    const summary = await runImport(parsedCandidates(parsed), [], vault.destination, { folderId: null, keepRepeats: true, inFlight: 1, onProgress: (done) => progress.push(done) });
    expect(summary.imported).toBe(2 * IMPORT_BATCH + 10);
    expect(vault.batches).toEqual([IMPORT_BATCH, IMPORT_BATCH, 10]);
    expect(progress).toEqual([0, IMPORT_BATCH, 2 * IMPORT_BATCH, 2 * IMPORT_BATCH + 10]);
  });
});
