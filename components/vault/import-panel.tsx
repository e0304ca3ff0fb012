import { useState } from 'preact/hooks';
import type { VaultTree, FolderNode } from '../../lib/cache/vault-tree';
import { levelAllows } from '../../lib/contract/access-levels';
import { errorText } from '../../lib/i18n/error-text';
import type { MessageKey, Translate } from '../../lib/i18n/translate';
import type { ImportSkip } from '../../lib/vault/import/imported-entry';
import type { ImportSummary } from '../../lib/vault/import/importer';
import { IMPORT_FORMATS } from '../../lib/vault/import/parse-import';
import { KEYHOLD_ARCHIVE, type ImportSource } from '../../lib/vault/import/read-import-file';
import { ErrorAlert } from '../form/error-alert';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { importInPage, UnreadableFileError } from './page-transfer';

const REASONS: Record<ImportSkip['reason'], MessageKey> = {
  unsupportedType: 'transfer.skip.unsupportedType',
  empty: 'transfer.skip.empty',
  malformed: 'transfer.skip.malformed',
  duplicate: 'transfer.skip.duplicate',
};

function folderOptions(folders: FolderNode[], prefix = ''): { id: string; path: string }[] {
  return folders.flatMap((folder) => [{ id: folder.id, path: `${prefix}${folder.name}` }, ...folderOptions(folder.children, `${prefix}${folder.name}/`)]);
}

function Summary({ summary, t }: { summary: ImportSummary; t: Translate }) {
  return (
    <div data-testid="import-summary">
      <p role="status">{t('transfer.import.summary', { imported: summary.imported, skipped: summary.skipped.length })}</p>
      {summary.skipped.length > 0 && (
        <ul class="import-skipped">
          {summary.skipped.map((skip) => (
            <li key={`${skip.position}/${skip.reason}`}>
              #{skip.position} {skip.name}: {t(REASONS[skip.reason])}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The import form: format, file, target vault and folder; a progress bar while it runs; the summary after. */
export function ImportPanel({ page, tree, onImported }: { page: PopupModel; tree: VaultTree; onImported(): void }) {
  const t = page.t.value;
  const writable = tree.vaults.filter((vault) => levelAllows(vault.level, 'edit') && vault.hasKey);
  const [format, setFormat] = useState<ImportSource>(IMPORT_FORMATS[0]!.id);
  const [file, setFile] = useState<File | null>(null);
  const [vaultId, setVaultId] = useState(writable[0]?.id ?? '');
  const [folderId, setFolderId] = useState<string | null>(null);
  const [archivePassword, setArchivePassword] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = progress !== null && summary === null && failure === null;
  const folders = folderOptions(tree.vaults.find((vault) => vault.id === vaultId)?.folders ?? []);

  async function start(event: Event): Promise<void> {
    event.preventDefault();
    if (!file || !vaultId) return;
    setSummary(null);
    setFailure(null);
    setProgress({ done: 0, total: 0 });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setSummary(await importInPage(page, { format, file: bytes, archivePassword, vaultId, folderId }, (done, total) => setProgress({ done, total })));
      onImported();
    } catch (error) {
      setFailure(error instanceof UnreadableFileError ? t(error.key) : errorText(t, asBackgroundError(error)));
    }
  }

  return (
    <section class="section" aria-label={t('transfer.import.title')} data-testid="import-panel">
      <h2>{t('transfer.import.title')}</h2>
      <form onSubmit={(event) => void start(event)}>
        <label class="control">
          <span>{t('transfer.format')}</span>
          <select value={format} onChange={(event) => setFormat(event.currentTarget.value as ImportSource)} data-testid="import-format">
            {IMPORT_FORMATS.map((info) => (
              <option key={info.id} value={info.id}>
                {info.displayName}
              </option>
            ))}
            <option value={KEYHOLD_ARCHIVE}>{t('transfer.archive')}</option>
          </select>
        </label>
        <label class="control">
          <span>{t('transfer.import.file')}</span>
          <input type="file" onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)} data-testid="import-file" />
        </label>
        {format === KEYHOLD_ARCHIVE && (
          <label class="control">
            <span>{t('transfer.archivePassword')}</span>
            <input type="password" value={archivePassword} onInput={(event) => setArchivePassword(event.currentTarget.value)} autocomplete="off" />
          </label>
        )}
        <label class="control">
          <span>{t('transfer.import.vault')}</span>
          <select value={vaultId} onChange={(event) => (setVaultId(event.currentTarget.value), setFolderId(null))} data-testid="import-vault">
            {writable.map((vault) => (
              <option key={vault.id} value={vault.id}>
                {vault.name}
              </option>
            ))}
          </select>
        </label>
        <label class="control">
          <span>{t('transfer.import.folder')}</span>
          <select value={folderId ?? ''} onChange={(event) => setFolderId(event.currentTarget.value || null)}>
            <option value="">{t('transfer.import.root')}</option>
            {folders.map((folder) => (
              <option key={folder.id} value={folder.id}>
                {folder.path}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary" disabled={!file || !vaultId || running}>
          {t('transfer.import.start')}
        </button>
      </form>
      {progress && (
        <label class="control">
          <span>{t('transfer.import.progress', { done: progress.done, total: progress.total })}</span>
          <progress value={progress.done} max={Math.max(progress.total, 1)} data-testid="import-progress" />
        </label>
      )}
      <ErrorAlert message={failure} />
      {summary && <Summary summary={summary} t={t} />}
    </section>
  );
}
