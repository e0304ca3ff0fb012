import type { ReadableVaults } from '../../lib/vault/readable-vaults';
import { EXIT } from '../exit-codes';
import { formatValues } from '../run/format-values';
import { selectedFields, selectItems } from '../run/selection';
import { openSession, readVaults } from '../session/open-session';
import type { Command } from './command';
import { FORMAT_OPTION, formatOf, parseFlags } from './flags';

const HELP = `Usage: keyhold ls [VAULT [--folder PATH] [--tags T,…]] [--format text|json|env|dotenv]

Without VAULT: the vaults you can read. With VAULT: its folders and items (no secrets).
  -f, --format FORMAT   text or json; with VAULT also env or dotenv, which print the
                        variables "keyhold run --vault" would export, each set to the
                        reference that reads it (an env file to edit and commit)
      --folder PATH     only this folder path (and its subfolders)
      --tags T1,T2      only items carrying every one of these tags`;

function listVaults(readable: ReadableVaults, json: boolean): string {
  if (json) return JSON.stringify(readable.vaults.map(({ id, name, kind, level }) => ({ id, name, kind, level })), null, 2);
  return readable.vaults.map((vault) => `${vault.id}  ${vault.name}  (${vault.kind}, ${vault.level})`).join('\n');
}

/** `keyhold ls`: vaults, or one vault's folders and items. */
export const lsCommand: Command = {
  name: 'ls',
  summary: 'list vaults, or the folders and items of one vault',
  help: HELP,
  run: async (args, output) => {
    const { values, positionals } = parseFlags('ls', args, { ...FORMAT_OPTION, folder: { type: 'string' }, tags: { type: 'string' } });
    const [vaultName] = positionals;
    const format = formatOf('ls', values.format, vaultName ? undefined : ['text', 'json']);
    const readable = await readVaults(await openSession());
    if (!vaultName) {
      output.out(listVaults(readable, format === 'json'));
      return EXIT.ok;
    }
    const { vault, items } = selectItems(readable, { vault: vaultName, folder: values.folder, tags: values.tags?.split(',').map((tag) => tag.trim()).filter(Boolean) });
    // Names, logins and field labels are shown only once each item's metadata MAC verified.
    await Promise.all(items.map((item) => readable.open(item)));
    if (format === 'env' || format === 'dotenv') {
      output.out(formatValues(selectedFields(readable, vault, items).map((field) => ({ name: field.variable, value: field.reference })), format));
      return EXIT.ok;
    }
    const rows = items.map((item) => ({ id: item.id, name: item.name, folder: readable.folderPath(item.folderId).map((folder) => folder.name).join('/'), login: item.login, tags: item.tags, fields: item.fields.map(({ id, label, type }) => ({ id, label, type })) }));
    if (format === 'json') {
      const folders = readable.folders.filter((folder) => folder.vaultId === vault.id).map((folder) => ({ id: folder.id, path: readable.folderPath(folder.id).map((part) => part.name).join('/') }));
      output.out(JSON.stringify({ vault: { id: vault.id, name: vault.name }, folders, items: rows }, null, 2));
      return EXIT.ok;
    }
    output.out(rows.map((row) => `${row.id}  ${row.folder ? `${row.folder}/` : ''}${row.name}  [${row.fields.map((field) => field.label).join(', ')}]`).join('\n'));
    return EXIT.ok;
  },
};
