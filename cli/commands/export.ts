import { existsSync, writeFileSync } from 'node:fs';
import { collectVaults } from '../../lib/vault/export/collect-vaults';
import { reportExport } from '../../lib/vault/export/transfer-reports';
import { exportFileName, writeExport, type ExportFormat } from '../../lib/vault/export/write-export';
import { CliError, EXIT } from '../exit-codes';
import { vaultOf } from '../run/selection';
import { readVaults } from '../session/open-session';
import { MASTER_PASSWORD_VARIABLE } from '../session/master-password';
import { openPersonOnly } from '../session/person-only';
import { archivePasswordToWrite } from '../terminal/archive-password';
import { askSecret, canPrompt } from '../terminal/prompt';
import type { Command } from './command';
import { parseFlags } from './flags';

const FORMATS: Record<string, ExportFormat> = { archive: 'keyhold-archive', csv: 'csv', json: 'json' };

const HELP = `Usage: keyhold export --format archive|csv|json [--vault VAULT]… [--output FILE] [--yes-plaintext]

Writes the vaults you can read (or only those named with --vault, by name or id) to FILE
(default: keyhold-export-<date>.khar, .csv or .json here; an existing file is never overwritten).
Every export is recorded in the organisation's audit log before the file is written.
  archive   encrypted with an archive password (KEYHOLD_ARCHIVE_PASSWORD, or typed twice; at
            least 12 characters): for backups and for "keyhold import --format keyhold-archive"
            on this or another server
  csv, json every secret in clear. In a terminal you type your master password again to
            confirm; without one, --yes-plaintext is required
      --vault VAULT      only this vault (repeat for several)
  -o, --output FILE      where to write`;

/** The identity for a plain export, after the person confirmed it (docs/cli.md, "Exporting"). */
async function confirmPlaintext(yes: boolean) {
  if (canPrompt()) {
    process.stderr.write('This export writes every password and secret unencrypted.\n');
    // Typed here, even when the environment holds it: the confirmation is the person typing it; the keys it opens are the check.
    const typed = await askSecret('Master password to confirm: ', 'master password');
    return openPersonOnly('export', { ...process.env, [MASTER_PASSWORD_VARIABLE]: typed });
  }
  if (!yes) throw new CliError(EXIT.usage, 'A csv or json export is unencrypted: pass --yes-plaintext to confirm (or run keyhold in a terminal).');
  return openPersonOnly('export');
}

/** `keyhold export`: the readable vaults as an encrypted archive or plain CSV/JSON. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'export vaults as an encrypted archive, or as plain CSV/JSON',
  help: HELP,
  run: async (args, output) => {
    const { values, positionals } = parseFlags('export', args, { format: { type: 'string', short: 'f' }, vault: { type: 'string', multiple: true }, output: { type: 'string', short: 'o' }, 'yes-plaintext': { type: 'boolean' } });
    if (positionals.length > 0) throw new CliError(EXIT.usage, 'keyhold export takes no FILE argument; use --output.');
    const format = FORMATS[values.format ?? ''];
    if (!format) throw new CliError(EXIT.usage, 'keyhold export --format takes archive, csv or json.');
    const path = values.output ?? exportFileName(format);
    if (existsSync(path)) throw new CliError(EXIT.usage, `${path} exists; keyhold export never overwrites a file.`);
    const archivePassword = format === 'keyhold-archive' ? await archivePasswordToWrite() : '';
    const identity = format === 'keyhold-archive' ? await openPersonOnly('export') : await confirmPlaintext(values['yes-plaintext'] === true);
    const readable = await readVaults(identity);
    const vaultIds = (values.vault ?? []).map((name) => vaultOf(readable, name).id);
    const vaults = await collectVaults(readable, vaultIds);
    if (vaults.length === 0) throw new CliError(EXIT.noAccess, 'You cannot read any vault: nothing to export.');
    await reportExport(identity.api, vaults.map((vault) => vault.id), format);
    writeFileSync(path, await writeExport(format, vaults, archivePassword), { mode: 0o600, flag: 'wx' });
    const entries = vaults.reduce((sum, vault) => sum + vault.entries.length, 0);
    output.err(`Exported ${entries} ${entries === 1 ? 'entry' : 'entries'} from ${vaults.length} ${vaults.length === 1 ? 'vault' : 'vaults'} to ${path}.`);
    return EXIT.ok;
  },
};
