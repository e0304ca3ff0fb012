import type { VaultNode } from '../../lib/cache/vault-tree';
import type { Translate } from '../../lib/i18n/translate';
import type { SaveOffer } from '../../lib/messages/protocol';
import { levelAllows } from '../../lib/contract/access-levels';
import { folderChoices } from './save-targets';

// What the save bar shows (docs/autofill.md, "Saving"), built with the DOM alone: the bar is framed
// in pages right after a sign-in, so it loads no framework. Nothing here takes the focus — the user
// may still be typing in the page — and keyboard users reach the bar with Tab.

/** The user's answers, which main.ts sends to the worker. */
export interface BarActions {
  save(choice: { name: string; vaultId: string; folderId: string | null }): void;
  update(): void;
  never(): void;
  dismiss(): void;
}

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'style'>>;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<K> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function button(text: string, onClick: () => void, primary = false): HTMLButtonElement {
  const node = element('button', { type: 'button', textContent: text, className: primary ? 'primary' : '' });
  node.addEventListener('click', onClick);
  return node;
}

function field(id: string, label: string, control: HTMLInputElement | HTMLSelectElement): Node[] {
  control.id = id;
  return [element('label', { htmlFor: id, textContent: label }), control];
}

function fillSelect(select: HTMLSelectElement, choices: { value: string; label: string }[]): void {
  select.replaceChildren(...choices.map(({ value, label }) => element('option', { value, textContent: label })));
}

/**
 * "alice@acme.test on acme.test", or the site alone for a password sent without a login. `oneLine`:
 * cut short on screen where the form needs the room; the title and the accessible text keep all of it.
 */
function loginLine(t: Translate, offer: SaveOffer, oneLine: boolean): HTMLParagraphElement {
  const text = offer.login ? t('save.bar.loginOn', { login: offer.login, site: offer.site }) : t('save.bar.passwordFor', { site: offer.site });
  return element('p', oneLine ? { className: 'line one-line', textContent: text, title: text } : { className: 'line', textContent: text });
}

/** The Vault and Folder selects; the folders follow the vault chosen. Returns the controls and what they hold. */
function whereFields(t: Translate, vaults: VaultNode[]) {
  const vault = element('select');
  const folder = element('select');
  fillSelect(vault, vaults.map((node) => ({ value: node.id, label: node.name })));
  const showFolders = () => {
    const chosen = vaults.find((node) => node.id === vault.value);
    const folders = folderChoices(chosen?.folders ?? []).map(({ id, label }) => ({ value: id, label }));
    // The top level is a choice only where the user may write there; else a folder they may edit comes first.
    fillSelect(folder, chosen && levelAllows(chosen.level, 'edit') ? [{ value: '', label: t('save.bar.noFolder') }, ...folders] : folders);
  };
  vault.addEventListener('change', showFolders);
  showFolders();
  return { nodes: [...field('save-vault', t('save.bar.vault'), vault), ...field('save-folder', t('save.bar.folder'), folder)], chosen: () => ({ vaultId: vault.value, folderId: folder.value || null }) };
}

/**
 * "Save this login": a name, a vault the user may write to and a folder of it. With no such vault
 * Save is off and the bar says why; `vaults` null (the list could not be read, the error is shown
 * apart) turns Save off too.
 */
function saveView(t: Translate, offer: Extract<SaveOffer, { kind: 'save' }>, vaults: VaultNode[] | null, actions: BarActions): Node[] {
  const name = element('input', { type: 'text', value: offer.site, maxLength: 200, autocomplete: 'off', spellcheck: false });
  const form = element('form', { className: 'fields' }, ...field('save-name', t('save.bar.name'), name));
  form.setAttribute('aria-labelledby', 'save-title');
  const where = vaults?.length ? whereFields(t, vaults) : null;
  if (where) form.append(...where.nodes);
  else if (vaults) form.append(element('p', { className: 'note', textContent: t('save.bar.noVault') }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (where) actions.save({ name: name.value.trim() || offer.site, ...where.chosen() });
  });
  const save = element('button', { type: 'submit', className: 'primary', textContent: t('save.bar.save'), disabled: !where });
  form.append(element('div', { className: 'actions' }, save, button(t('save.bar.never'), actions.never), button(t('save.bar.notNow'), actions.dismiss)));
  return [element('h1', { id: 'save-title', textContent: t('save.bar.saveTitle') }), loginLine(t, offer, true), form];
}

/** "Update the password": the entry that has this login, and the two answers. */
function updateView(t: Translate, offer: Extract<SaveOffer, { kind: 'update' }>, actions: BarActions): Node[] {
  return [
    element('h1', { id: 'save-title', textContent: t('save.bar.updateTitle') }),
    ...(offer.name ? [element('p', { className: 'line name', textContent: offer.name })] : []),
    loginLine(t, offer, false),
    element('div', { className: 'actions' }, button(t('save.bar.update'), actions.update, true), button(t('save.bar.notNow'), actions.dismiss)),
  ];
}

/** Draws `offer` into `root`: the save form or the update question. */
export function renderBar(root: HTMLElement, t: Translate, offer: SaveOffer, vaults: VaultNode[] | null, actions: BarActions): void {
  root.replaceChildren(...(offer.kind === 'save' ? saveView(t, offer, vaults, actions) : updateView(t, offer, actions)));
}

/** What is left when the offer could not be read: the error (shown apart) and a way to close the bar. */
export function renderUnavailable(root: HTMLElement, t: Translate, actions: BarActions): void {
  root.replaceChildren(element('div', { className: 'actions' }, button(t('save.bar.notNow'), actions.dismiss)));
}
