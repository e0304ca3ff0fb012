import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import type { Translate } from '../../lib/i18n/translate';
import type { AttachmentRow } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { ErrorAlert } from '../form/error-alert';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { saveFile, sendFile } from './attachment-transfer';

/** A size as the page's language writes it: bytes, kB or MB. */
function sizeText(size: number, language: string): string {
  const [value, unit] = size < 1000 ? [size, 'byte'] : size < 1_000_000 ? [size / 1000, 'kilobyte'] : [size / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

function failureText(t: Translate, failure: BackgroundError): string {
  // A file that failed its checks is never saved: say so, not that an entry failed.
  return errorText(t, failure, { tampered: 'vault.attachments.damaged' });
}

/**
 * The files of an entry (or, with `revision`, of one kept revision): name and size, download, and
 * where the caller may edit, add with progress and remove after a confirmation.
 */
export function EntryAttachments({ page, itemId, revision, canEdit }: { page: PopupModel; itemId: string; revision?: number; canEdit: boolean }) {
  const t = page.t.value;
  const [files, setFiles] = useState<AttachmentRow[] | null>(null);
  const [failure, setFailure] = useState<BackgroundError | null>(null);
  const [upload, setUpload] = useState<{ name: string; sent: number; size: number } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function act(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
      setFailure(null);
    } catch (error) {
      setFailure(asBackgroundError(error));
    }
  }
  const load = () => act(async () => setFiles(await page.request({ type: 'attachments.list', itemId, ...(revision === undefined ? {} : { revision }) })));
  useEffect(() => void load(), [itemId, revision]);

  async function add(file: File): Promise<void> {
    setUpload({ name: file.name, sent: 0, size: file.size });
    await act(() => sendFile(page, itemId, file, (sent) => setUpload({ name: file.name, sent, size: file.size })));
    setUpload(null);
    await load();
  }

  async function remove(attachmentId: string): Promise<void> {
    setConfirming(null);
    await act(() => page.request({ type: 'attachments.remove', itemId, attachmentId }));
    await load();
  }

  const language = page.language.value;
  return (
    <section class="attachments" aria-label={t('vault.attachments')} data-testid={revision === undefined ? 'attachments' : 'revision-attachments'}>
      {revision === undefined && <h3>{t('vault.attachments')}</h3>}
      <ErrorAlert message={failure && failureText(t, failure)} />
      {files?.length === 0 && <p class="muted">{t('vault.attachments.none')}</p>}
      <ul>
        {files?.map((file) => (
          <li key={file.id} data-testid="attachment">
            <span class="attachment-name">{file.name}</span> <span class="muted">{sizeText(file.size, language)}</span>{' '}
            <button type="button" onClick={() => void act(() => saveFile(page, itemId, file.id, revision))}>
              {t('vault.attachments.download')}
            </button>
            {canEdit && confirming !== file.id && (
              <button type="button" onClick={() => setConfirming(file.id)}>
                {t('vault.attachments.remove')}
              </button>
            )}
            {confirming === file.id && (
              <span role="group" aria-label={t('vault.attachments.confirmRemove', { name: file.name })}>
                {t('vault.attachments.confirmRemove', { name: file.name })}{' '}
                <button type="button" class="danger" onClick={() => void remove(file.id)}>
                  {t('vault.attachments.remove')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('common.cancel')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {upload && (
        <p>
          {t('vault.attachments.uploading', { name: upload.name })} <progress max={Math.max(1, upload.size)} value={upload.sent} />
        </p>
      )}
      {canEdit && revision === undefined && !upload && (
        <label class="button">
          {t('vault.attachments.add')}
          <input
            type="file"
            hidden
            data-testid="attachment-input"
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void add(file);
            }}
          />
        </label>
      )}
    </section>
  );
}
