import Papa from 'papaparse';
import { folderPathIn, type ExportedEntry, type ExportedVault } from './exported-vault';

// The unencrypted exports (docs/import.md, "Exporting"): every secret in clear, for moving to a
// manager that reads neither Keyhold's archive nor its API. JSON keeps everything; CSV is one row
// per entry with the common columns other managers import, the rest of the fields as JSON.

const valueOf = (entry: ExportedEntry, type: 'password' | 'totp' | 'notes') => entry.fields.find((field) => field.type === type)?.value ?? '';

function plainEntry(vault: ExportedVault, entry: ExportedEntry) {
  const { name, login, urls, tags, fields, colour, description, favourite } = entry;
  return { vault: vault.name, folder: folderPathIn(vault.folders, entry.folderId).join('/'), name, login, urls, tags, fields, colour, description, favourite };
}

/** All entries of `vaults` as one JSON document. */
export function exportJson(vaults: ExportedVault[], createdAt: number): string {
  const entries = vaults.flatMap((vault) => vault.entries.map((entry) => plainEntry(vault, entry)));
  return JSON.stringify({ format: 'keyhold-plain', version: 1, createdAt, vaults: vaults.map((vault) => vault.name), entries }, null, 2) + '\n';
}

/** All entries of `vaults` as CSV: vault, folder, name, login, password, url (first; others in urls), totp, notes, tags, and other fields as JSON. */
export function exportCsv(vaults: ExportedVault[]): string {
  const rows = vaults.flatMap((vault) =>
    vault.entries.map((entry) => {
      // The first password, one-time code and notes have their own columns; every other field goes in `fields`.
      const own = new Set(['password', 'totp', 'notes'].map((type) => entry.fields.find((field) => field.type === type)).filter(Boolean));
      return {
        vault: vault.name,
        folder: folderPathIn(vault.folders, entry.folderId).join('/'),
        name: entry.name,
        login: entry.login,
        password: valueOf(entry, 'password'),
        url: entry.urls[0]?.url ?? '',
        urls: entry.urls.map(({ url }) => url).join('\n'),
        totp: valueOf(entry, 'totp'),
        notes: valueOf(entry, 'notes'),
        tags: entry.tags.join(','),
        fields: JSON.stringify(entry.fields.filter((field) => !own.has(field)).map(({ label, type, value }) => ({ label, type, value }))),
      };
    }),
  );
  return Papa.unparse(rows, { columns: ['vault', 'folder', 'name', 'login', 'password', 'url', 'urls', 'totp', 'notes', 'tags', 'fields'], newline: '\r\n' }) + '\r\n';
}
