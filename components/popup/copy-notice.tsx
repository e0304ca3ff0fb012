import type { Translate } from '../../lib/i18n/translate';
import type { ClipboardModel, ClipboardNotice } from './clipboard-model';
import { errorText } from '../../lib/i18n/error-text';

function noticeText(notice: ClipboardNotice, t: Translate): string {
  switch (notice.kind) {
    case 'copied':
      return notice.popupOnly ? t('popup.copiedWhileOpen', { seconds: notice.secondsLeft }) : t('popup.copied', { seconds: notice.secondsLeft });
    case 'cleared':
      return t('popup.clipboardCleared');
    case 'clipboardDenied':
      return t('popup.error.clipboard');
    case 'failed':
      return errorText(t, notice.error);
  }
}

/** What the last copy did: the countdown to the clipboard being cleared, or why it failed. */
export function CopyNotice({ clipboard, t }: { clipboard: ClipboardModel; t: Translate }) {
  const notice = clipboard.notice.value;
  // The region is always in the page: screen readers announce changes only to a region they already know.
  return (
    <p class="copy-notice" role="status" data-kind={notice?.kind}>
      {notice && noticeText(notice, t)}
    </p>
  );
}
