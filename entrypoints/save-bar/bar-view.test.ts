// @vitest-environment happy-dom
import { fireEvent, getByRole, queryByRole } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultNode } from '../../lib/cache/vault-tree';
import { translator } from '../../lib/i18n/translate';
import { renderBar, type BarActions } from './bar-view';

// The save bar's content without a browser: what it shows for each offer, its accessible names,
// and that it takes no focus from the page.

const t = translator('en');
const VAULTS: VaultNode[] = [
  { id: 'v-me', name: 'Alice', kind: 'private', level: 'admin', hasKey: true, entryCount: 0, folders: [] },
  { id: 'v-ops', name: 'Operations', kind: 'company', level: 'edit', hasKey: true, entryCount: 0, folders: [{ id: 'f-db', name: 'Databases', level: 'edit', entryCount: 0, children: [{ id: 'f-prod', name: 'Production', level: 'edit', entryCount: 0, children: [] }] }] },
];

function fakeActions(): BarActions & { calls: unknown[] } {
  const calls: unknown[] = [];
  return { calls, save: (choice) => calls.push(['save', choice]), update: () => calls.push(['update']), never: () => calls.push(['never']), dismiss: () => calls.push(['dismiss']) };
}

function mount(): HTMLElement {
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  return root;
}

const optionTexts = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((option) => option.textContent);

afterEach(() => document.body.replaceChildren());

describe('the save bar', () => {
  it('offers to save: a name, the writable vaults and the chosen vault’s folders, without taking the focus', () => {
    const root = mount();
    const actions = fakeActions();
    renderBar(root, t, { kind: 'save', site: 'acme.test', login: 'alice@acme.test' }, VAULTS, actions);
    expect(getByRole(root, 'heading').textContent).toBe('Save this login in Keyhold?');
    expect(root.textContent).toContain('alice@acme.test on acme.test');
    expect(document.activeElement).toBe(document.body);
    const name = getByRole(root, 'textbox', { name: 'Name' }) as HTMLInputElement;
    expect(name.value).toBe('acme.test');
    const vault = getByRole(root, 'combobox', { name: 'Vault' }) as HTMLSelectElement;
    const folder = getByRole(root, 'combobox', { name: 'Folder' }) as HTMLSelectElement;
    expect(optionTexts(vault)).toEqual(['Alice', 'Operations']);
    expect(optionTexts(folder)).toEqual(['No folder']);
    fireEvent.change(vault, { target: { value: 'v-ops' } });
    expect(optionTexts(folder)).toEqual(['No folder', 'Databases', 'Databases / Production']);
    folder.value = 'f-prod';
    fireEvent.input(name, { target: { value: '  Acme intranet ' } });
    fireEvent.click(getByRole(root, 'button', { name: 'Save' }));
    fireEvent.click(getByRole(root, 'button', { name: 'Never for this site' }));
    fireEvent.click(getByRole(root, 'button', { name: 'Not now' }));
    expect(actions.calls).toEqual([['save', { name: 'Acme intranet', vaultId: 'v-ops', folderId: 'f-prod' }], ['never'], ['dismiss']]);
  });

  it('offers only the folders a vault gives the user edit in, without the top level when that is read only', () => {
    const root = mount();
    const actions = fakeActions();
    const audit: VaultNode = { id: 'v-audit', name: 'Audit', kind: 'company', level: 'read', hasKey: true, entryCount: 0, folders: [{ id: 'f-arch', name: 'Archive', level: 'read', entryCount: 0, children: [{ id: 'f-2026', name: '2026', level: 'edit', entryCount: 0, children: [] }] }] };
    renderBar(root, t, { kind: 'save', site: 'acme.test', login: 'alice@acme.test' }, [audit], actions);
    const folder = getByRole(root, 'combobox', { name: 'Folder' }) as HTMLSelectElement;
    expect(optionTexts(folder)).toEqual(['Archive / 2026']);
    fireEvent.click(getByRole(root, 'button', { name: 'Save' }));
    expect(actions.calls).toEqual([['save', { name: 'acme.test', vaultId: 'v-audit', folderId: 'f-2026' }]]);
  });

  it('names a blank entry after the site, and says so when no vault takes new entries', () => {
    const root = mount();
    const actions = fakeActions();
    renderBar(root, t, { kind: 'save', site: 'acme.test', login: '' }, VAULTS, actions);
    expect(root.textContent).toContain('A password for acme.test');
    fireEvent.input(getByRole(root, 'textbox', { name: 'Name' }), { target: { value: ' ' } });
    fireEvent.click(getByRole(root, 'button', { name: 'Save' }));
    expect(actions.calls).toEqual([['save', { name: 'acme.test', vaultId: 'v-me', folderId: null }]]);

    renderBar(root, t, { kind: 'save', site: 'acme.test', login: 'alice' }, [], actions);
    expect(root.textContent).toContain('You have no vault you may add entries to.');
    expect(queryByRole(root, 'combobox')).toBeNull();
    expect((getByRole(root, 'button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers to update the entry that has the login', () => {
    const root = mount();
    const actions = fakeActions();
    renderBar(root, t, { kind: 'update', site: 'acme.test', itemId: 'item-1', name: 'Acme mail', login: 'alice@acme.test' }, null, actions);
    expect(getByRole(root, 'heading').textContent).toBe('Update the password in Keyhold?');
    expect(root.textContent).toContain('Acme mail');
    expect(root.textContent).toContain('alice@acme.test on acme.test');
    expect(queryByRole(root, 'button', { name: 'Never for this site' })).toBeNull();
    fireEvent.click(getByRole(root, 'button', { name: 'Update' }));
    fireEvent.click(getByRole(root, 'button', { name: 'Not now' }));
    expect(actions.calls).toEqual([['update'], ['dismiss']]);
  });
});
