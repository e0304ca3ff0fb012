import { parseTotpField } from '../../../lib/cache/totp-field';
import type { LinkPayload } from '../../../lib/vault/link-payload';
import { totpCode } from '../../../lib/vault/totp';
import type { PageTranslate } from './link-page-strings';

// The revealed entry as rows of label, value and buttons. Values are set as text, never as HTML:
// what was shared is someone else's data. Passwords stay masked until "Show"; a TOTP field shows
// the current code, computed here every second.

type Row = { label: string; value: string; secret?: boolean; totp?: boolean; multiline?: boolean };

function element<K extends keyof HTMLElementTagNameMap>(document: Document, tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function rowsOf(payload: LinkPayload, t: PageTranslate): Row[] {
  const rows: Row[] = [{ label: t('field.name'), value: payload.name }];
  if (payload.login) rows.push({ label: t('field.login'), value: payload.login });
  for (const field of payload.fields) {
    const fallback = { password: t('field.password'), totp: t('field.totp'), notes: t('field.notes'), text: '' }[field.type];
    rows.push({ label: field.label || fallback, value: field.value, secret: field.type === 'password', totp: field.type === 'totp', multiline: field.type === 'notes' });
  }
  for (const url of payload.urls) rows.push({ label: t('field.url'), value: url });
  return rows;
}

function copyButton(document: Document, t: PageTranslate, value: () => string): HTMLButtonElement {
  const button = element(document, 'button', { type: 'button', class: 'copy' }, t('copy'));
  button.addEventListener('click', () => {
    void navigator.clipboard.writeText(value()).then(() => {
      button.textContent = t('copied');
      setTimeout(() => (button.textContent = t('copy')), 1500);
    });
  });
  return button;
}

/** The code of a TOTP field, refreshed each second until `signal` aborts; null when the value is no TOTP secret. */
function totpCell(document: Document, value: string, signal: AbortSignal): { cell: HTMLElement; code: () => string } | null {
  let params: ReturnType<typeof parseTotpField>;
  try {
    params = parseTotpField(value);
  } catch {
    return null;
  }
  const cell = element(document, 'output', { class: 'value totp', 'data-testid': 'link-totp' });
  const show = () => (cell.textContent = totpCode(params, Date.now()));
  show();
  const timer = setInterval(show, 1000);
  signal.addEventListener('abort', () => clearInterval(timer));
  return { cell, code: () => totpCode(params, Date.now()) };
}

function valueCell(document: Document, t: PageTranslate, row: Row, signal: AbortSignal): HTMLElement[] {
  const code = row.totp ? totpCell(document, row.value, signal) : null;
  if (code) return [code.cell, copyButton(document, t, code.code)];
  const cell = element(document, row.multiline ? 'pre' : 'output', { class: 'value' }, row.secret ? '••••••••' : row.value);
  if (!row.secret) return [cell, copyButton(document, t, () => row.value)];
  cell.setAttribute('data-testid', 'link-password');
  const toggle = element(document, 'button', { type: 'button', class: 'show', 'aria-pressed': 'false' }, t('show'));
  toggle.addEventListener('click', () => {
    const shown = toggle.getAttribute('aria-pressed') !== 'true';
    cell.textContent = shown ? row.value : '••••••••';
    toggle.setAttribute('aria-pressed', String(shown));
    toggle.textContent = shown ? t('hide') : t('show');
  });
  return [cell, toggle, copyButton(document, t, () => row.value)];
}

/** The entry as a definition list. */
export function revealedEntry(document: Document, t: PageTranslate, payload: LinkPayload, signal: AbortSignal): HTMLElement {
  const list = element(document, 'dl', { class: 'entry', 'data-testid': 'link-entry' });
  for (const row of rowsOf(payload, t)) {
    list.append(element(document, 'dt', {}, row.label));
    const definition = element(document, 'dd');
    definition.append(...valueCell(document, t, row, signal));
    list.append(definition);
  }
  return list;
}
