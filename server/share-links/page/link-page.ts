import { deriveLinkKeys, parseLinkFragment } from '../../../lib/crypto/link-keys';
import type { Bytes } from '../../../lib/crypto/primitives';
import { openLinkPayload } from '../../../lib/vault/link-payload';
import type { LinkPageKey } from '../page-catalogs';
import { revealedEntry } from './link-page-fields';
import { pageStrings } from './link-page-strings';
import './link-page.css';

// The recipient's page of a share link (docs/sharing.md). The secret is read from the fragment,
// which never reaches the server; the access token derived from it goes in the body of the one POST
// that counts a view, and only when the recipient presses "Reveal" (previews fetch the page, never
// press). The data is decrypted here and shown; nothing is stored.

const REFUSALS: Record<string, LinkPageKey> = {
  linkNotFound: 'error.notFound',
  linkExpired: 'error.expired',
  linkUsedUp: 'error.usedUp',
  linkRevoked: 'error.revoked',
  rateLimited: 'error.rateLimited',
};

const { language, t } = pageStrings(document);
const main = document.getElementById('link-page')!;
const linkId = decodeURIComponent(location.pathname.split('/').pop() ?? '');

function paragraph(key: LinkPageKey, params: Record<string, string | number> = {}, attributes: Record<string, string> = {}): HTMLParagraphElement {
  const node = document.createElement('p');
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = t(key, params);
  return node;
}

function showError(key: LinkPageKey): void {
  main.querySelector('[role="alert"]')?.remove();
  main.append(paragraph(key, {}, { role: 'alert', class: 'error', 'data-testid': 'link-error', 'data-error': key }));
}

async function reveal(secret: Bytes, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  button.textContent = t('revealing');
  const { accessToken } = await deriveLinkKeys(secret);
  let response: Response;
  try {
    response = await fetch(`/api/v1/links/${encodeURIComponent(linkId)}/reveal`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify({ accessToken }), cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch {
    button.disabled = false;
    button.textContent = t('reveal');
    return showError('error.network');
  }
  const body = (await response.json().catch(() => ({}))) as { ciphertext?: string; viewsLeft?: number | null; expiresAt?: number | null; errors?: { code: string }[] };
  button.remove();
  if (!response.ok || !body.ciphertext) return showError(REFUSALS[body.errors?.[0]?.code ?? ''] ?? 'error.network');
  let payload: Awaited<ReturnType<typeof openLinkPayload>>;
  try {
    payload = await openLinkPayload(secret, linkId, body.ciphertext);
  } catch {
    return showError('error.decrypt');
  }
  main.querySelector('.before-reveal')?.remove();
  main.append(revealedEntry(document, t, payload, new AbortController().signal));
  if (body.viewsLeft === 0) main.append(paragraph('lastView', {}, { class: 'note' }));
  else if (typeof body.viewsLeft === 'number') main.append(paragraph('viewsLeft', { count: body.viewsLeft }, { class: 'note' }));
  if (typeof body.expiresAt === 'number') main.append(paragraph('expires', { time: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(body.expiresAt) }, { class: 'note' }));
  main.dataset.state = 'revealed';
}

function start(): void {
  let secret: Bytes;
  try {
    secret = parseLinkFragment(location.hash);
  } catch {
    return showError('error.fragment');
  }
  const before = document.createElement('div');
  before.className = 'before-reveal';
  before.append(paragraph('intro'), paragraph('previewNote', {}, { class: 'note' }));
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'reveal';
  button.textContent = t('reveal');
  button.addEventListener('click', () => void reveal(secret, button));
  main.append(before, button);
  main.dataset.state = 'ready';
}

start();
