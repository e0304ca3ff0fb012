import { browser } from '#imports';
import { resolveLanguage } from '../../lib/i18n/languages';
import { translator, type Translate } from '../../lib/i18n/translate';
import type { MenuEntry, PageReplies, PageRequest, Reply, StatusReply } from '../../lib/messages/protocol';
import { trackVisibility } from './visibility';

// The inline menu (docs/autofill.md, "The inline menu"): an extension page the content script
// frames under a login field, inside a closed shadow root. The page around it cannot read it. It
// lists the worker's verified entries for the page it is framed in — names and logins, never a
// password — and asks the worker to fill the one chosen; the worker decides which page that is.

const visibility = trackVisibility(document.documentElement);
let t: Translate = translator('en');

async function ask<R extends PageRequest>(request: R): Promise<PageReplies[R['type']]> {
  const reply = (await browser.runtime.sendMessage(request)) as Reply<PageReplies[R['type']]>;
  if (!reply.ok) throw new Error(reply.error.code);
  return reply.value;
}

function option(entry: MenuEntry): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('role', 'option');
  button.dataset.itemId = entry.itemId;
  const name = Object.assign(document.createElement('span'), { className: 'name', textContent: entry.name || entry.login });
  const login = Object.assign(document.createElement('span'), { className: 'login', textContent: entry.login });
  button.append(name, login);
  if (entry.equivalentSite) button.append(Object.assign(document.createElement('span'), { className: 'site', textContent: t('autofill.menu.savedFor', { site: entry.equivalentSite }) }));
  button.addEventListener('click', () => void choose(entry.itemId));
  item.append(button);
  return item;
}

/** Says why nothing was filled, where the user is looking. */
function notice(text: string): void {
  const note = document.getElementById('notice')!;
  note.textContent = text;
  note.hidden = false;
}

async function choose(itemId: string): Promise<void> {
  // Something of the page's is over the menu, or it is faded or filtered: the user may not be seeing what they clicked.
  if (!(await visibility.seen())) return notice(t('autofill.menu.hidden'));
  try {
    await ask({ type: 'menu.fill', itemId });
  } catch {
    // The page refused (it changed, or hid the form): the content script closes the menu.
  }
}

/** Arrow keys move between the logins, Escape closes the menu (the worker tells the page). */
function onKey(event: KeyboardEvent): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[role="option"]')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0);
    buttons[next]?.focus();
  } else if (event.key === 'Escape') {
    void ask({ type: 'menu.close' }).catch(() => undefined);
  }
}

/** The menu of a new-password box: one password made for the site, shown here only, used on the user's choice. */
async function showSuggestion(list: HTMLElement): Promise<void> {
  const { password, site, currentFor } = await ask({ type: 'menu.suggestion' });
  list.setAttribute('aria-label', t('autofill.suggest.title', { site }));
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('role', 'option');
  const name = Object.assign(document.createElement('span'), { className: 'name', textContent: t('autofill.suggest.use') });
  const shown = Object.assign(document.createElement('span'), { className: 'login suggestion', textContent: password });
  button.append(name, shown);
  button.addEventListener('click', () => void useSuggestion());
  item.append(button);
  list.append(item);
  const note = document.getElementById('empty')!;
  // The stored current password goes into the page too: the user is told whose before choosing.
  note.textContent = currentFor === null ? t('autofill.suggest.note') : `${t('autofill.suggest.current', { name: currentFor })} ${t('autofill.suggest.note')}`;
  note.hidden = false;
}

async function useSuggestion(): Promise<void> {
  if (!(await visibility.seen())) return notice(t('autofill.menu.hidden'));
  try {
    await ask({ type: 'menu.useSuggestion' });
  } catch {
    // The page refused (it changed, or hid the form): the content script closes the menu.
  }
}

async function main(): Promise<void> {
  const status: StatusReply = await ask({ type: 'status' });
  t = translator(resolveLanguage(status.language, navigator.languages));
  document.documentElement.lang = resolveLanguage(status.language, navigator.languages);
  const list = document.getElementById('entries')!;
  document.addEventListener('keydown', onKey);
  if (new URLSearchParams(location.search).get('for') === 'new-password') {
    await showSuggestion(list);
    list.querySelector('button')?.focus();
    return;
  }
  list.setAttribute('aria-label', t('autofill.menu.title'));
  const entries = await ask({ type: 'menu.entries' });
  if (entries.length === 0) {
    const empty = document.getElementById('empty')!;
    empty.textContent = t('autofill.menu.empty');
    empty.hidden = false;
  }
  list.append(...entries.map((entry) => option(entry)));
  // Opened from the keyboard, the first login takes the focus.
  list.querySelector('button')?.focus();
}

void main();
