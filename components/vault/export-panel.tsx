import { useState } from 'preact/hooks';
import type { VaultTree } from '../../lib/cache/vault-tree';
import { errorText } from '../../lib/i18n/error-text';
import type { ExportFormat } from '../../lib/vault/export/write-export';
import { ErrorAlert } from '../form/error-alert';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { saveWithLink, type SaveFile } from './audit-download';
import { exportInPage } from './page-transfer';
import { ZxcvbnMeter } from './zxcvbn-meter';

/** Shorter archive passwords are refused: the file is exposed to offline guessing. */
const MIN_ARCHIVE_PASSWORD = 12;

/** The export form: which vaults, which format; an archive password twice, or the master password for a plain file. */
export function ExportPanel({ page, tree, save = saveWithLink }: { page: PopupModel; tree: VaultTree; save?: SaveFile }) {
  const t = page.t.value;
  const readable = tree.vaults.filter((vault) => vault.hasKey);
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [format, setFormat] = useState<ExportFormat>('keyhold-archive');
  const [archivePassword, setArchivePassword] = useState('');
  const [again, setAgain] = useState('');
  const [masterPassword, setMasterPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const vaultIds = all ? readable.map((vault) => vault.id) : readable.filter((vault) => chosen.has(vault.id)).map((vault) => vault.id);
  const archive = format === 'keyhold-archive';
  const problem = archive && archivePassword.length > 0 && [...archivePassword].length < MIN_ARCHIVE_PASSWORD ? t('transfer.export.tooShort', { length: MIN_ARCHIVE_PASSWORD }) : archive && again.length > 0 && again !== archivePassword ? t('transfer.export.mismatch') : null;
  const ready = vaultIds.length > 0 && (archive ? [...archivePassword].length >= MIN_ARCHIVE_PASSWORD && again === archivePassword : masterPassword.length > 0);

  function toggle(vaultId: string, on: boolean): void {
    const next = new Set(chosen);
    if (on) next.add(vaultId);
    else next.delete(vaultId);
    setChosen(next);
  }

  async function start(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    setFailure(null);
    try {
      const result = await exportInPage(page, { format, vaultIds, archivePassword, masterPassword });
      save(result.file, result.fileName);
      setDone(t('transfer.export.done', { entries: result.entries, fileName: result.fileName }));
      setMasterPassword('');
    } catch (error) {
      setFailure(errorText(t, asBackgroundError(error), { wrongMasterPassword: 'transfer.export.wrongMasterPassword' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="section" aria-label={t('transfer.export.title')} data-testid="export-panel">
      <h2>{t('transfer.export.title')}</h2>
      <form onSubmit={(event) => void start(event)}>
        <fieldset>
          <legend>{t('transfer.export.vaults')}</legend>
          <label>
            <input type="checkbox" checked={all} onChange={(event) => setAll(event.currentTarget.checked)} /> {t('transfer.export.all')}
          </label>
          {!all &&
            readable.map((vault) => (
              <label key={vault.id}>
                <input type="checkbox" checked={chosen.has(vault.id)} onChange={(event) => toggle(vault.id, event.currentTarget.checked)} /> {vault.name}
              </label>
            ))}
        </fieldset>
        <label class="control">
          <span>{t('transfer.format')}</span>
          <select value={format} onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)} data-testid="export-format">
            <option value="keyhold-archive">{t('transfer.archive')}</option>
            <option value="csv">{t('transfer.export.csv')}</option>
            <option value="json">{t('transfer.export.json')}</option>
          </select>
        </label>
        {archive ? (
          <>
            <label class="control">
              <span>{t('transfer.archivePassword')}</span>
              <input type="password" value={archivePassword} onInput={(event) => setArchivePassword(event.currentTarget.value)} autocomplete="new-password" data-testid="archive-password" />
            </label>
            {archivePassword && <ZxcvbnMeter password={archivePassword} related={[]} t={t} />}
            <label class="control">
              <span>{t('transfer.export.again')}</span>
              <input type="password" value={again} onInput={(event) => setAgain(event.currentTarget.value)} autocomplete="new-password" data-testid="archive-password-again" />
            </label>
          </>
        ) : (
          <>
            <p class="warning">{t('transfer.export.plainWarning')}</p>
            <label class="control">
              <span>{t('transfer.export.masterPassword')}</span>
              <input type="password" value={masterPassword} onInput={(event) => setMasterPassword(event.currentTarget.value)} autocomplete="current-password" data-testid="export-master-password" />
            </label>
          </>
        )}
        <ErrorAlert message={problem} />
        <button type="submit" class="primary" disabled={!ready || busy || problem !== null}>
          {t('transfer.export.start')}
        </button>
      </form>
      {done && <p role="status">{done}</p>}
      <ErrorAlert message={failure} />
    </section>
  );
}
