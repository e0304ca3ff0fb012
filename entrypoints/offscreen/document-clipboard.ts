// An offscreen document is never focused, so `navigator.clipboard` refuses it; the legacy
// `execCommand` paste and copy work there with the clipboardRead and clipboardWrite permissions.

/** The clipboard's text, pasted into a throwaway text area. */
export function readClipboard(document: Document): string {
  const area = document.createElement('textarea');
  document.body.append(area);
  try {
    area.focus();
    document.execCommand('paste');
    return area.value;
  } finally {
    area.remove();
  }
}

/** Empties the clipboard: a copy whose handler puts an empty string in place of any selection. */
export function emptyClipboard(document: Document): void {
  const replace = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', replace, { once: true });
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', replace);
  }
}
