// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VaultTree } from '../../lib/cache/vault-tree';
import type { DirectoryMember, EntryView, ListRow, PageRequest, StatusReply, VaultMemberRow } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';
import { ROW_HEIGHT } from './entry-table';
import { dictionaryFetch } from '../../lib/vault/testing/zxcvbn-files';

// The vault page against a fake worker: the screen for each state, the navigation and its filters,
// a list of 10,000 that renders and asks for only what is on screen, and the keyboard.

afterEach(cleanup);

type ListRequest = Extract<PageRequest, { type: 'entries.list' }>;

// zxcvbn's common dictionaries are files of the extension: served here from the package.
beforeAll(() => vi.stubGlobal('fetch', dictionaryFetch));
afterAll(() => vi.unstubAllGlobals());

const TREE: VaultTree = {
  vaults: [
    { id: 'v-ops', name: 'Operations', kind: 'company', level: 'admin', hasKey: true, entryCount: 9_000, folders: [{ id: 'f-db', name: 'Databases', level: 'admin', entryCount: 3, children: [{ id: 'f-prod', name: 'Production', level: 'admin', entryCount: 2, children: [] }] }] },
    { id: 'v-me', name: 'Alice', kind: 'private', level: 'admin', hasKey: true, entryCount: 1_000, folders: [] },
    { id: 'v-audit', name: 'Auditors', kind: 'company', level: 'read', hasKey: true, entryCount: 0, folders: [] },
    { id: 'v-new', name: 'Support', kind: 'company', level: 'full', hasKey: false, entryCount: 0, folders: [] },
  ],
  trashedFolders: [{ id: 'f-old', vaultId: 'v-ops', name: 'Old servers', level: 'admin', deletedAt: 1_000 }],
  tags: [{ name: 'infra', entryCount: 40 }],
  colours: [{ colour: 'red', entryCount: 5 }],
};

const MEMBERS: VaultMemberRow[] = [
  { userId: 'u-alice', me: true, login: 'alice@acme.test', level: 'admin', hasKey: true, fingerprint: '11'.repeat(32), grantedBy: null },
  { userId: 'u-bob', me: false, login: 'bob@acme.test', level: 'edit', hasKey: true, fingerprint: '22'.repeat(32), grantedBy: 'alice@acme.test' },
  { userId: 'u-carol', me: false, login: 'carol@acme.test', level: 'read', hasKey: false, fingerprint: '33'.repeat(32), grantedBy: null },
];
const DIRECTORY: DirectoryMember[] = [
  { userId: 'u-alice', login: 'alice@acme.test', role: 'administrator', fingerprint: '11'.repeat(32) },
  { userId: 'u-bob', login: 'bob@acme.test', role: 'member', fingerprint: '22'.repeat(32) },
  { userId: 'u-carol', login: 'carol@acme.test', role: 'member', fingerprint: '33'.repeat(32) },
  { userId: 'u-dave', login: 'dave@acme.test', role: 'member', fingerprint: '4d'.repeat(32) },
];

function row(index: number, changes: Partial<ListRow> = {}): ListRow {
  return { id: `item-${index}`, vaultId: index % 10 === 0 ? 'v-me' : 'v-ops', folderId: null, name: `Entry ${String(index).padStart(5, '0')}`, login: `user${index}@acme.test`, host: `app${index}.acme.test`, tags: [], colour: null, favourite: false, hasPassword: true, hasTotp: false, updatedAt: 0, deletedAt: null, ...changes };
}

/** What `entry.read` answers for a row: a URL, a text field, a password and notes. */
function viewOf(entry: ListRow): EntryView {
  return {
    ...entry,
    revision: 1,
    urls: [{ url: `https://${entry.host}/login`, match: 'host' }],
    description: 'Shared with the on-call team.',
    fields: [
      { id: 'password', type: 'password', label: 'Password', value: null },
      { id: 'account', type: 'text', label: 'Account number', value: '12-345' },
      { id: 'recovery', type: 'notes', label: '', value: null },
    ],
  };
}

/** A worker holding `count` entries; a list request's filters pick which (vault and query only, enough here). */
function worker(count: number, overrides: FakeHandlers = {}, status: Partial<StatusReply> = {}) {
  const all = Array.from({ length: count }, (_, index) => row(index));
  const listed = (request: ListRequest) => all.filter((entry) => (!request.vaultId || entry.vaultId === request.vaultId) && entry.name.toLowerCase().includes(request.query.toLowerCase()));
  return fakeBackground({
    status: () => statusReply(status),
    'sync.now': () => statusReply(status),
    'vault.tree': () => TREE,
    'entries.list': (request) => {
      const rows = listed(request);
      return { rows: rows.slice(request.offset, request.offset + request.limit), total: rows.length };
    },
    'entry.reveal': ({ itemId, field }) => ({ value: `${field} of ${itemId}` }),
    'entry.read': ({ itemId }) => viewOf(all.find((entry) => entry.id === itemId)!),
    'entry.revealField': ({ itemId, fieldId }) => ({ value: `${fieldId} of ${itemId}` }),
    'entry.save': ({ itemId }) => ({ itemId: itemId ?? 'item-new' }),
    'entry.trash': ({ itemId }) => ({ itemId }),
    'entry.history': () => [
      { revision: 3, at: 3_000, byMe: true, current: true, changes: [{ part: 'field', label: 'Password', type: 'password', change: 'changed' }, { part: 'name' }] },
      { revision: 2, at: 2_000, byMe: false, current: false, changes: [{ part: 'field', label: '', type: 'notes', change: 'added' }] },
      { revision: 1, at: 1_000, byMe: false, current: false, changes: [] },
    ],
    'entry.restoreRevision': ({ itemId }) => ({ itemId }),
    'sessions.list': () => [
      { id: 's-this', current: true, browserMode: true, userAgent: 'Chrome', ip: '10.0.0.2', createdAt: 1_000, lastUsedAt: 5_000 },
      { id: 's-cli', current: false, browserMode: false, userAgent: 'keyhold-cli', ip: '10.0.0.9', createdAt: 2_000, lastUsedAt: 9_000 },
    ],
    'sessions.revoke': ({ sessionId }) => ({ sessionId }),
    'folder.create': () => ({ folderId: 'f-new' }),
    'folder.rename': ({ folderId }) => ({ folderId }),
    'folder.trash': ({ folderId }) => ({ folderId }),
    'clipboard.copied': () => ({ clearAfterSeconds: 30 }),
    'folder.restore': ({ folderId }) => ({ folderId }),
    'vault.create': () => ({ vaultId: 'v-me' }),
    // A custom role that only creates company vaults: they are offered, and there is no admin console.
    'admin.permissions': () => ({ roleId: 'role-vaults', permissions: ['createCompanyVaults'], administrator: false, owner: false }),
    'vault.rename': ({ vaultId }) => ({ vaultId }),
    'vault.delete': ({ vaultId }) => ({ vaultId }),
    'vault.members': () => MEMBERS,
    'members.directory': () => ({ members: DIRECTORY, unverified: 1 }),
    'vault.setAccess': ({ userId }) => ({ userId }),
    'vault.removeMember': ({ userId }) => ({ userId }),
    'account.fingerprint': () => ({ fingerprint: 'ab'.repeat(32) }),
    'mfa.status': () => ({ on: false }),
    ...overrides,
  });
}

const rowNames = () => screen.queryAllByTestId('vault-row').map((option) => option.querySelector('.row-name')?.textContent);
const listRequests = (background: ReturnType<typeof fakeBackground>) => background.sentOf('entries.list');

describe('the vault page', () => {
  it('offers the unlock form when locked, and sends people to the toolbar when not signed in', async () => {
    await renderVault(worker(0, {}, { state: 'locked' }));
    expect(screen.getByLabelText('Master password')).toBeTruthy();
    cleanup();
    await renderVault(worker(0, {}, { state: 'signedOut' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Not signed in');
  });

  it('shows the vaults with their nested folders and counts, and lists the chosen place', async () => {
    const background = worker(10_000);
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    await waitFor(() => expect(within(navigation).getByRole('button', { name: /^Operations/ })).toBeTruthy());
    expect(within(navigation).getByRole('button', { name: /^Alice \(private\)/ })).toBeTruthy();
    expect(within(navigation).getByRole('button', { name: /^Production/ }).closest('ul')!.parentElement!.textContent).toContain('Databases');
    await waitFor(() => expect(screen.getByTestId('list-count').textContent).toBe('10,000 entries'));

    fireEvent.click(within(navigation).getByRole('button', { name: /^Alice/ }));
    await waitFor(() => expect(screen.getByTestId('list-count').textContent).toBe('1,000 entries'));
    expect(listRequests(background).at(-1)).toMatchObject({ vaultId: 'v-me', offset: 0, sort: 'name' });
    expect(within(navigation).getByRole('button', { name: /^Alice/ }).getAttribute('aria-current')).toBe('page');
    expect(rowNames()[0]).toBe('Entry 00000');

    fireEvent.click(within(navigation).getByRole('button', { name: /^Production/ }));
    await waitFor(() => expect(listRequests(background).at(-1)).toMatchObject({ vaultId: 'v-ops', folderId: 'f-prod' }));
    fireEvent.click(within(navigation).getByRole('button', { name: /^infra/ }));
    await waitFor(() => expect(listRequests(background).at(-1)).toMatchObject({ tag: 'infra' }));
    fireEvent.click(within(navigation).getByRole('button', { name: 'Trash' }));
    await waitFor(() => expect(listRequests(background).at(-1)).toMatchObject({ trash: true }));
  });

  it('searches, filters by colour and sorts through the worker', async () => {
    const background = worker(200);
    await renderVault(background);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'entry 0001' } });
    await waitFor(() => expect(rowNames()).toEqual(Array.from({ length: 10 }, (_, index) => `Entry 0001${index}`)));
    fireEvent.change(screen.getByRole('combobox', { name: 'Colour' }), { target: { value: 'red' } });
    await waitFor(() => expect(listRequests(background).at(-1)).toMatchObject({ query: 'entry 0001', colour: 'red' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'updated' } });
    await waitFor(() => expect(listRequests(background).at(-1)).toMatchObject({ sort: 'updated', colour: 'red' }));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'nothing like it' } });
    await waitFor(() => expect(screen.getByTestId('list-count').textContent).toBe('No results for “nothing like it”'));
  });

  it('keeps only the rows near the viewport in the page, and asks for the rows a scroll reaches', async () => {
    const background = worker(10_000);
    await renderVault(background);
    await waitFor(() => expect(rowNames().length).toBeGreaterThan(0));
    expect(rowNames().length).toBeLessThanOrEqual(30);
    expect(listRequests(background).every((request) => request.offset === 0)).toBe(true);
    const list = screen.getByRole('listbox', { name: 'Entries' });
    expect((list.firstElementChild as HTMLElement).style.height).toBe(`${10_000 * ROW_HEIGHT}px`);

    list.scrollTop = 7_000 * ROW_HEIGHT;
    fireEvent.scroll(list);
    await waitFor(() => expect(rowNames()).toContain('Entry 07000'));
    expect(listRequests(background).map((request) => request.offset)).toContain(6_900);
    expect(rowNames().length).toBeLessThanOrEqual(30);
    expect(screen.getAllByTestId('vault-row').find((option) => option.textContent?.includes('Entry 07000'))!.getAttribute('aria-posinset')).toBe('7001');
  });

  it('moves through the list from the keyboard, shows the active entry and copies its password with Enter', async () => {
    const background = worker(50);
    const { clipboard } = await renderVault(background);
    await waitFor(() => expect(rowNames().length).toBeGreaterThan(0));
    const list = screen.getByRole('listbox', { name: 'Entries' });
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    await waitFor(() => expect(screen.getByTestId('entry-details').querySelector('h2')!.textContent).toBe('Entry 00002'));
    expect(list.getAttribute('aria-activedescendant')).toBe(screen.getAllByTestId('vault-row')[2]!.id);
    fireEvent.keyDown(list, { key: 'End' });
    await waitFor(() => expect(screen.getByTestId('entry-details').querySelector('h2')!.textContent).toBe('Entry 00049'));
    fireEvent.keyDown(list, { key: 'Home' });
    fireEvent.keyDown(list, { key: 'Enter' });
    await waitFor(() => expect(clipboard.text).toBe('password of item-0'));
    expect(background.sentOf('clipboard.copied')).toEqual([{ type: 'clipboard.copied', itemId: 'item-0', field: 'password' }]);
  });

  it('shows every field of the active entry, hidden ones only when asked, each shown through the worker', async () => {
    const background = worker(5);
    await renderVault(background);
    await waitFor(() => expect(screen.getByTestId('entry-details').textContent).toContain('Account number12-345'));
    const details = within(screen.getByTestId('entry-details'));
    expect(details.getByText('https://app0.acme.test/login')).toBeTruthy();
    expect(details.getByText('(same host)')).toBeTruthy();
    expect(details.getByText('Shared with the on-call team.')).toBeTruthy();
    expect(details.getByText('Notes')).toBeTruthy();
    expect(screen.getByTestId('entry-details').textContent).not.toContain('password of');
    expect(background.sentOf('entry.revealField')).toEqual([]);

    const [showPassword] = details.getAllByRole('button', { name: 'Show' });
    fireEvent.click(showPassword!);
    await waitFor(() => expect(details.getByText('password of item-0')).toBeTruthy());
    expect(background.sentOf('entry.revealField')).toEqual([{ type: 'entry.revealField', itemId: 'item-0', fieldId: 'password' }]);
    fireEvent.click(details.getByRole('button', { name: 'Hide' }));
    await waitFor(() => expect(details.queryByText('password of item-0')).toBeNull());
  });

  it('links an entry to its site’s change-password page: the listed one, else the well-known address, none without a site', async () => {
    const urls: Record<string, EntryView['urls']> = {
      'item-0': [{ url: 'https://gist.github.com/', match: 'host' }],
      'item-1': [{ url: 'https://app1.acme.test:8443/login?next=/', match: 'host' }],
      'item-2': [{ url: '^https://[a-z]+\\.acme\\.test/', match: 'regex' }],
    };
    await renderVault(worker(3, { 'entry.read': ({ itemId }) => ({ ...viewOf(row(Number(itemId.slice('item-'.length)))), urls: urls[itemId]! }) }));
    const details = () => screen.getByTestId('entry-details');
    const link = () => within(details()).queryByRole('link', { name: 'Change password on the site' });
    await waitFor(() => expect(link()?.getAttribute('href')).toBe('https://github.com/settings/security'));
    // A new tab that cannot reach back to the vault page, nor learn it was opened from it.
    expect(link()!.getAttribute('target')).toBe('_blank');
    expect(link()!.getAttribute('rel')).toBe('noopener noreferrer');

    const list = screen.getByRole('listbox', { name: 'Entries' });
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    await waitFor(() => expect(link()?.getAttribute('href')).toBe('https://app1.acme.test:8443/.well-known/change-password'));
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    await waitFor(() => expect(details().textContent).toContain('^https://[a-z]+\\.acme\\.test/'));
    expect(link()).toBeNull();
  });

  it('warns beside a shown password that zxcvbn rates weak, with the change-password link, and not beside a strong one', { timeout: 30_000 }, async () => {
    const passwords: Record<string, string> = { 'item-0': 'password1', 'item-1': 'Kq9!zT-a8xLm#2vW' };
    await renderVault(worker(2, { 'entry.revealField': ({ itemId }) => ({ value: passwords[itemId]! }) }));
    const details = () => within(screen.getByTestId('entry-details'));
    const showPassword = () => details().getAllByRole('button', { name: 'Show' })[0]!;
    fireEvent.click(await waitFor(showPassword));
    const warning = await waitFor(() => screen.getByTestId('weak-password'), { timeout: 20_000 });
    expect(warning.textContent).toBe('This password is weak. Change password on the site');
    const emphasised = within(warning).getByRole('link', { name: 'Change password on the site' });
    expect(emphasised.getAttribute('href')).toBe('https://app0.acme.test/.well-known/change-password');
    expect(emphasised.parentElement!.tagName).toBe('STRONG');
    fireEvent.click(details().getByRole('button', { name: 'Hide' }));
    await waitFor(() => expect(screen.queryByTestId('weak-password')).toBeNull());

    const list = screen.getByRole('listbox', { name: 'Entries' });
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    await waitFor(() => expect(screen.getByTestId('entry-details').querySelector('h2')!.textContent).toBe('Entry 00001'));
    fireEvent.click(await waitFor(showPassword));
    await waitFor(() => expect(details().getByText('Kq9!zT-a8xLm#2vW')).toBeTruthy());
    // The estimator loaded for the first entry: a rating now takes milliseconds.
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(screen.queryByTestId('weak-password')).toBeNull();
  });

  it('creates an entry in the vault shown, with what was typed and its password rated by zxcvbn, and lists again', { timeout: 30_000 }, async () => {
    const background = worker(5);
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    await waitFor(() => expect(within(navigation).getByRole('button', { name: /^Production/ })).toBeTruthy());
    fireEvent.click(within(navigation).getByRole('button', { name: /^Production/ }));
    fireEvent.click(screen.getByRole('button', { name: 'New entry' }));
    const form = within(screen.getByTestId('entry-form'));
    expect((form.getByLabelText('Vault') as HTMLSelectElement).value).toBe('v-ops');
    expect((form.getByLabelText('Folder') as HTMLSelectElement).value).toBe('f-prod');
    fireEvent.input(form.getByLabelText('Name'), { target: { value: ' Router admin ' } });
    fireEvent.input(form.getByLabelText('Login'), { target: { value: 'admin' } });
    fireEvent.input(form.getByLabelText('Address'), { target: { value: 'https://192.168.1.1/' } });
    fireEvent.click(form.getByRole('button', { name: 'Add a website' }));
    fireEvent.input(form.getByLabelText('Value'), { target: { value: 'correct horse' } });
    fireEvent.input(form.getByLabelText('Tags, separated by commas'), { target: { value: 'infra, home, infra, ' } });
    // zxcvbn rates what is typed.
    fireEvent.input(form.getByLabelText('Value'), { target: { value: 'password1' } });
    await waitFor(() => expect(form.getByText('Very weak')).toBeTruthy(), { timeout: 20_000 });
    fireEvent.input(form.getByLabelText('Value'), { target: { value: 'Kq9!zT-a8xLm#2vW' } });
    await waitFor(() => expect(form.getByText('Very strong')).toBeTruthy());
    fireEvent.input(form.getByLabelText('Value'), { target: { value: 'correct horse' } });
    const listsBefore = listRequests(background).length;
    fireEvent.submit(screen.getByTestId('entry-form'));
    await waitFor(() => expect(background.sentOf('entry.save')).toHaveLength(1));
    expect(background.sentOf('entry.save')[0]).toEqual({
      type: 'entry.save',
      vaultId: 'v-ops',
      folderId: 'f-prod',
      name: 'Router admin',
      login: 'admin',
      urls: [{ url: 'https://192.168.1.1/', match: 'domain' }],
      fields: [{ id: 'password', type: 'password', label: '', value: 'correct horse' }],
      tags: ['infra', 'home'],
      colour: null,
      description: '',
      favourite: false,
    });
    await waitFor(() => expect(screen.queryByTestId('entry-form')).toBeNull());
    expect(listRequests(background).length).toBeGreaterThan(listsBefore);
  });

  it('refuses a one-time code field that gives no codes, and takes an otpauth:// link', async () => {
    const background = worker(5);
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    await waitFor(() => expect(within(navigation).getByRole('button', { name: /^Operations/ })).toBeTruthy());
    fireEvent.click(within(navigation).getByRole('button', { name: /^Operations/ }));
    fireEvent.click(screen.getByRole('button', { name: 'New entry' }));
    const form = within(screen.getByTestId('entry-form'));
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'GitHub' } });
    fireEvent.click(form.getByRole('button', { name: 'Add One-time code' }));
    const code = within(screen.getAllByTestId('form-field')[1]!);
    fireEvent.input(code.getByLabelText('Value'), { target: { value: 'not a secret!' } });
    fireEvent.submit(screen.getByTestId('entry-form'));
    await waitFor(() => expect(form.getByRole('alert').textContent).toBe('A one-time code field needs the secret or the otpauth:// link the site gave.'));
    expect(background.sentOf('entry.save')).toEqual([]);
    fireEvent.input(code.getByLabelText('Value'), { target: { value: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' } });
    fireEvent.submit(screen.getByTestId('entry-form'));
    await waitFor(() => expect(background.sentOf('entry.save')).toHaveLength(1));
    expect(background.sentOf('entry.save')[0]!.fields[1]).toMatchObject({ type: 'totp', value: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' });
  });

  it('edits an entry without ever holding its hidden values: untouched ones go back as null', async () => {
    const background = worker(5);
    await renderVault(background);
    const details = await waitFor(() => within(screen.getByTestId('entry-details')));
    fireEvent.click(await waitFor(() => details.getByRole('button', { name: 'Edit' })));
    const form = within(screen.getByTestId('entry-form'));
    expect((form.getByLabelText('Name') as HTMLInputElement).value).toBe('Entry 00000');
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'Renamed' } });
    // A hidden value typed over and then cleared is kept, not erased.
    const password = within(screen.getAllByTestId('form-field')[0]!).getByLabelText('Value');
    fireEvent.input(password, { target: { value: 'x' } });
    fireEvent.input(password, { target: { value: '' } });
    fireEvent.submit(screen.getByTestId('entry-form'));
    await waitFor(() => expect(background.sentOf('entry.save')).toHaveLength(1));
    expect(background.sentOf('entry.save')[0]).toMatchObject({
      itemId: 'item-0',
      revision: 1,
      name: 'Renamed',
      fields: [
        { id: 'password', value: null },
        { id: 'account', value: '12-345' },
        { id: 'recovery', value: null },
      ],
    });
    expect(background.sentOf('entry.revealField')).toEqual([]);
  });

  it('shows what each revision changed, by whom, and restores an earlier one', async () => {
    const background = worker(5);
    await renderVault(background);
    const details = await waitFor(() => within(screen.getByTestId('entry-details')));
    fireEvent.click(await waitFor(() => details.getByRole('button', { name: 'Show history' })));
    await waitFor(() => expect(screen.getAllByTestId('revision')).toHaveLength(3));
    const [current, second, first] = screen.getAllByTestId('revision').map((revision) => revision.textContent);
    expect(current).toMatch(/^Revision 3 \(current\) · .* · by youPassword changed, Name changedFiles of this revision$/);
    expect(second).toMatch(/^Revision 2 · .* · by another memberNotes addedRestore this revisionFiles of this revision$/);
    expect(first).toMatch(/CreatedRestore this revisionFiles of this revision$/);
    fireEvent.click(within(screen.getAllByTestId('revision')[2]!).getByRole('button', { name: 'Restore this revision' }));
    await waitFor(() => expect(background.sentOf('entry.restoreRevision')).toEqual([{ type: 'entry.restoreRevision', itemId: 'item-0', revision: 1 }]));
  });

  it('makes, renames and trashes folders where the list is, and offers nothing in a vault it may only read', async () => {
    const background = worker(5);
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    await waitFor(() => expect(within(navigation).getByRole('button', { name: /^Databases/ })).toBeTruthy());
    expect(screen.queryByTestId('folder-actions')).toBeNull();
    fireEvent.click(within(navigation).getByRole('button', { name: /^Databases/ }));
    const actions = within(screen.getByTestId('folder-actions'));
    fireEvent.click(actions.getByRole('button', { name: 'New folder' }));
    fireEvent.input(actions.getByLabelText('Folder name'), { target: { value: ' Replicas ' } });
    fireEvent.submit(actions.getByLabelText('Folder name').closest('form')!);
    await waitFor(() => expect(background.sentOf('folder.create')).toEqual([{ type: 'folder.create', vaultId: 'v-ops', parentId: 'f-db', name: 'Replicas' }]));
    await waitFor(() => expect(listRequests(background).at(-1)).toMatchObject({ folderId: 'f-new' }));

    fireEvent.click(within(navigation).getByRole('button', { name: /^Databases/ }));
    const again = within(await waitFor(() => screen.getByTestId('folder-actions')));
    fireEvent.click(await waitFor(() => again.getByRole('button', { name: 'Rename folder' })));
    expect((again.getByLabelText('Folder name') as HTMLInputElement).value).toBe('Databases');
    fireEvent.input(again.getByLabelText('Folder name'), { target: { value: 'Data stores' } });
    fireEvent.submit(again.getByLabelText('Folder name').closest('form')!);
    await waitFor(() => expect(background.sentOf('folder.rename')).toEqual([{ type: 'folder.rename', folderId: 'f-db', name: 'Data stores' }]));
    fireEvent.click(await waitFor(() => within(screen.getByTestId('folder-actions')).getByRole('button', { name: 'Move folder to trash' })));
    expect(background.sentOf('folder.trash')).toEqual([]);
    fireEvent.click(within(screen.getByTestId('folder-actions')).getByRole('button', { name: /^Click again/ }));
    await waitFor(() => expect(background.sentOf('folder.trash')).toEqual([{ type: 'folder.trash', folderId: 'f-db' }]));
    await waitFor(() => expect(within(navigation).getByRole('button', { name: /^Operations/ }).getAttribute('aria-current')).toBe('page'));

    fireEvent.click(within(navigation).getByRole('button', { name: /^Auditors/ }));
    await waitFor(() => expect(within(navigation).getByRole('button', { name: /^Auditors/ }).getAttribute('aria-current')).toBe('page'));
    expect(screen.queryByTestId('folder-actions')).toBeNull();
  });

  it('creates a private vault from the navigation and shows it', async () => {
    const background = worker(5);
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    fireEvent.click(within(navigation).getByRole('button', { name: 'New vault' }));
    const form = within(within(navigation).getByRole('form', { name: 'New vault' }));
    fireEvent.input(form.getByLabelText('Vault name'), { target: { value: '  Personal  ' } });
    fireEvent.click(await form.findByLabelText(/^Company/));
    fireEvent.click(form.getByLabelText(/^Private/));
    fireEvent.submit(form.getByLabelText('Vault name').closest('form')!);
    await waitFor(() => expect(background.sentOf('vault.create')).toEqual([{ type: 'vault.create', name: 'Personal', kind: 'private' }]));
    await waitFor(() => expect(within(navigation).getByRole('button', { name: /^Alice/ }).getAttribute('aria-current')).toBe('page'));
    await waitFor(() => expect(within(navigation).queryByRole('form')).toBeNull());
  });

  it('renames and deletes a vault its administrator chose, the deletion on a second click', async () => {
    const background = worker(5);
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    await waitFor(() => fireEvent.click(within(navigation).getByRole('button', { name: /^Operations/ })));
    const actions = within(screen.getByTestId('vault-actions'));
    fireEvent.click(actions.getByRole('button', { name: 'Rename vault' }));
    expect((actions.getByLabelText('Vault name') as HTMLInputElement).value).toBe('Operations');
    fireEvent.input(actions.getByLabelText('Vault name'), { target: { value: 'Ops' } });
    fireEvent.submit(actions.getByLabelText('Vault name').closest('form')!);
    await waitFor(() => expect(background.sentOf('vault.rename')).toEqual([{ type: 'vault.rename', vaultId: 'v-ops', name: 'Ops' }]));
    fireEvent.click(await waitFor(() => actions.getByRole('button', { name: 'Delete vault' })));
    expect(background.sentOf('vault.delete')).toEqual([]);
    fireEvent.click(actions.getByRole('button', { name: /^Click again: the vault/ }));
    await waitFor(() => expect(background.sentOf('vault.delete')).toEqual([{ type: 'vault.delete', vaultId: 'v-ops' }]));
    await waitFor(() => expect(within(navigation).getByRole('button', { name: 'All entries' }).getAttribute('aria-current')).toBe('page'));

    fireEvent.click(within(navigation).getByRole('button', { name: /^Auditors/ }));
    await waitFor(() => expect(screen.getByTestId('vault-actions')).toBeTruthy());
    expect(within(screen.getByTestId('vault-actions')).queryByRole('button', { name: 'Rename vault' })).toBeNull();
    expect(within(screen.getByTestId('vault-actions')).queryByRole('button', { name: 'Delete vault' })).toBeNull();
  });

  it('shows who has access and in which state, shares with the fingerprint shown, confirms and changes levels', async () => {
    const background = worker(5);
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    await waitFor(() => fireEvent.click(within(navigation).getByRole('button', { name: /^Operations/ })));
    fireEvent.click(within(screen.getByTestId('vault-actions')).getByRole('button', { name: 'Members and sharing' }));
    const panel = within(await waitFor(() => screen.getByTestId('vault-members')));
    await waitFor(() => expect(panel.getAllByTestId('vault-member')).toHaveLength(3));
    const [alice, bob, carol] = panel.getAllByTestId('vault-member');
    expect(alice!.textContent).toContain('alice@acme.test (you)');
    expect(within(alice!).queryByRole('combobox')).toBeNull();
    expect(within(bob!).getByTestId('member-state').textContent).toBe('Has access');
    expect(bob!.textContent).toContain('Granted by alice@acme.test');
    expect(bob!.textContent).toContain('2222 2222 2222');
    expect(within(carol!).getByTestId('member-state').textContent).toMatch(/^Needs confirmation/);
    // Only "Confirm access" gives a pending member the key: their level waits until then.
    expect((within(carol!).getByLabelText('Access level for carol@acme.test') as HTMLSelectElement).disabled).toBe(true);

    fireEvent.click(within(carol!).getByRole('button', { name: 'Confirm access' }));
    await waitFor(() => expect(background.sentOf('vault.setAccess')).toEqual([{ type: 'vault.setAccess', vaultId: 'v-ops', userId: 'u-carol', level: 'read', fingerprint: '33'.repeat(32) }]));
    fireEvent.change(within(bob!).getByLabelText('Access level for bob@acme.test'), { target: { value: 'full' } });
    await waitFor(() => expect(background.sentOf('vault.setAccess').at(-1)).toEqual({ type: 'vault.setAccess', vaultId: 'v-ops', userId: 'u-bob', level: 'full', fingerprint: null }));

    // Only people not yet in the vault are offered; the fingerprint of the one chosen is shown before sharing.
    const member = panel.getByLabelText('Member') as HTMLSelectElement;
    expect([...member.options].map((option) => option.textContent)).toEqual(['Choose a member', 'dave@acme.test']);
    expect(panel.getByText('Left out because their certificates do not verify: 1')).toBeTruthy();
    expect((panel.getByRole('button', { name: 'Share' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(member, { target: { value: 'u-dave' } });
    expect(panel.getByTestId('share-fingerprint').textContent).toContain('4D4D 4D4D');
    fireEvent.change(panel.getAllByLabelText('Access level').at(-1)!, { target: { value: 'edit' } });
    fireEvent.submit(panel.getByRole('button', { name: 'Share' }).closest('form')!);
    await waitFor(() => expect(background.sentOf('vault.setAccess').at(-1)).toEqual({ type: 'vault.setAccess', vaultId: 'v-ops', userId: 'u-dave', level: 'edit', fingerprint: '4d'.repeat(32) }));

    fireEvent.click(within(bob!).getByRole('button', { name: 'Remove' }));
    expect(background.sentOf('vault.removeMember')).toEqual([]);
    fireEvent.click(within(bob!).getByRole('button', { name: /^Click again: their access ends/ }));
    await waitFor(() => expect(background.sentOf('vault.removeMember')).toEqual([{ type: 'vault.removeMember', vaultId: 'v-ops', userId: 'u-bob' }]));
  });

  it('says plainly when the user’s own access to a vault is pending, and explains the refusal of a wrong key', async () => {
    const background = worker(5, { 'vault.setAccess': () => { throw refuse('tampered'); } });
    await renderVault(background);
    const navigation = screen.getByRole('navigation', { name: 'Vaults, folders and tags' });
    const support = await waitFor(() => within(navigation).getByRole('button', { name: /^Support \(access pending\)/ }));
    fireEvent.click(support);
    await waitFor(() => expect(screen.getByTestId('access-pending').textContent).toMatch(/^Access pending: this vault’s key reaches you when one of its administrators/));
    // Without the key there is nothing to wrap: no sharing from here, and the user's own state reads "pending".
    fireEvent.click(within(screen.getByTestId('vault-actions')).getByRole('button', { name: 'Members and sharing' }));
    const panel = within(await waitFor(() => screen.getByTestId('vault-members')));
    await waitFor(() => expect(panel.getAllByTestId('vault-member')).toHaveLength(3));
    expect(within(panel.getAllByTestId('vault-member')[2]!).getByTestId('member-state').textContent).toBe('Access pending');
    expect(panel.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(background.sentOf('members.directory')).toEqual([]);

    fireEvent.click(within(navigation).getByRole('button', { name: /^Operations/ }));
    await waitFor(() => expect(screen.queryByTestId('vault-members')).toBeNull());
    fireEvent.click(within(await waitFor(() => screen.getByTestId('vault-actions'))).getByRole('button', { name: 'Members and sharing' }));
    const shared = within(await waitFor(() => screen.getByTestId('vault-members')));
    await waitFor(() => fireEvent.change(shared.getByLabelText('Member'), { target: { value: 'u-dave' } }));
    fireEvent.submit(shared.getByRole('button', { name: 'Share' }).closest('form')!);
    await waitFor(() => expect(shared.getByRole('alert').textContent).toMatch(/^A certificate or key did not match what your organisation certified/));
  });

  it('lists the folders in the trash and restores one', async () => {
    const background = worker(5);
    await renderVault(background);
    fireEvent.click(screen.getByRole('button', { name: 'Trash' }));
    const folders = within(await waitFor(() => screen.getByTestId('trashed-folders')));
    expect(folders.getByTestId('trashed-folder').textContent).toMatch(/^Old servers in Operations, since /);
    fireEvent.click(folders.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(background.sentOf('folder.restore')).toEqual([{ type: 'folder.restore', folderId: 'f-old' }]));
  });

  it('opens the settings with the sessions, newest use first, and signs another one out', async () => {
    const background = worker(5);
    await renderVault(background);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await waitFor(() => expect(screen.getAllByTestId('session')).toHaveLength(2));
    const [cli, self] = screen.getAllByTestId('session');
    expect(cli!.textContent).toMatch(/^Command line or another client.*10\.0\.0\.9Sign this session out$/);
    expect(self!.textContent).toMatch(/^Browser extension \(this device\)/);
    expect(within(self!).queryByRole('button')).toBeNull();
    fireEvent.click(within(cli!).getByRole('button', { name: 'Sign this session out' }));
    await waitFor(() => expect(background.sentOf('sessions.revoke')).toEqual([{ type: 'sessions.revoke', sessionId: 's-cli' }]));
    expect(screen.getByLabelText('Language')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('key-fingerprint').textContent).toContain('ABAB ABAB'));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await waitFor(() => expect(screen.getByRole('listbox', { name: 'Entries' })).toBeTruthy());
  });

  it('turns two-step sign-in on with a QR code and a confirmed code, shows the recovery codes once, and turns it off', async () => {
    const uri = 'otpauth://totp/Keyhold:alice%40acme.test?secret=JBSWY3DPEHPK3PXP&issuer=Keyhold';
    const background = worker(5, {
      'mfa.start': () => ({ secret: 'JBSWY3DPEHPK3PXP', uri }),
      'mfa.confirm': ({ code }) => {
        if (code !== '123456') throw refuse('mfaInvalid');
        return { recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] };
      },
      'mfa.disable': () => ({ off: true }),
    });
    await renderVault(background);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const section = within(await screen.findByTestId('two-factor'));
    fireEvent.click(await section.findByRole('button', { name: 'Turn on' }));
    const qr = await section.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(section.getByTestId('mfa-secret').textContent).toBe('JBSWY3DPEHPK3PXP');
    const box = section.getByLabelText('Six-digit code');
    fireEvent.input(box, { target: { value: '654321' } });
    fireEvent.submit(box.closest('form')!);
    await waitFor(() => expect(section.getByRole('alert').textContent).toBe('That code is wrong, expired or already used.'));
    expect(section.queryByTestId('mfa-recovery')).toBeNull();
    fireEvent.input(box, { target: { value: '123456' } });
    fireEvent.submit(box.closest('form')!);
    const recovery = within(await section.findByTestId('mfa-recovery'));
    expect(recovery.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['aaaa-bbbb', 'cccc-dddd']);
    expect(section.queryByRole('alert')).toBeNull();
    expect(section.queryByRole('img')).toBeNull();
    fireEvent.click(recovery.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(section.queryByTestId('mfa-recovery')).toBeNull());
    const off = section.getByLabelText('Six-digit code');
    fireEvent.input(off, { target: { value: '111222' } });
    fireEvent.submit(off.closest('form')!);
    await waitFor(() => expect(section.getByRole('button', { name: 'Turn on' })).toBeTruthy());
    expect(background.sentOf('mfa.confirm').map(({ code }) => code)).toEqual(['654321', '123456']);
    expect(background.sentOf('mfa.disable')).toEqual([{ type: 'mfa.disable', code: '111222' }]);
  });

  it('keeps the user’s own sites that share logins: registrable domains, refused when not a site, removed again', async () => {
    let domainGroups: string[][] = [];
    const background = worker(5, { 'settings.set': (request) => statusReply({ domainGroups: (domainGroups = request.domainGroups ?? domainGroups) }) });
    await renderVault(background);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const section = within(await screen.findByTestId('domain-groups'));
    const box = section.getByLabelText('Sites of one account');
    // A public suffix would make every site under it share logins: refused before anything is sent.
    fireEvent.input(box, { target: { value: 'co.uk, acme.test' } });
    fireEvent.submit(box.closest('form')!);
    expect(section.getByRole('alert').textContent).toBe('“co.uk” is not a website’s domain.');
    fireEvent.input(box, { target: { value: 'https://login.acme.test/sso acme.test' } });
    fireEvent.submit(box.closest('form')!);
    expect(section.getByRole('alert').textContent).toBe('Name at least two different sites.');
    expect(background.sentOf('settings.set')).toEqual([]);
    fireEvent.input(box, { target: { value: 'https://login.acme.test/sso, Acme-Corp.test' } });
    fireEvent.submit(box.closest('form')!);
    await waitFor(() => expect(section.getByRole('listitem').textContent).toContain('acme.test, acme-corp.test'));
    expect(background.sentOf('settings.set')).toEqual([{ type: 'settings.set', domainGroups: [['acme.test', 'acme-corp.test']] }]);
    await waitFor(() => expect((box as HTMLInputElement).value).toBe(''));
    fireEvent.click(section.getByRole('button', { name: 'Remove acme.test, acme-corp.test' }));
    await waitFor(() => expect(section.queryByRole('listitem')).toBeNull());
    expect(domainGroups).toEqual([]);
  });

  it('lists the sites the save bar never asks about, and removes one so it asks there again', async () => {
    let neverSave = ['bank.test', 'mail.test'];
    const background = worker(5, { 'settings.set': (request) => statusReply({ neverSave: (neverSave = request.neverSave ?? neverSave) }) }, { neverSave });
    await renderVault(background);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const section = within(await screen.findByTestId('never-save'));
    expect(section.getAllByRole('listitem').map((item) => item.firstChild?.textContent)).toEqual(['bank.test', 'mail.test']);
    fireEvent.click(section.getByRole('button', { name: 'Remove bank.test' }));
    await waitFor(() => expect(section.getAllByRole('listitem')).toHaveLength(1));
    expect(background.sentOf('settings.set')).toEqual([{ type: 'settings.set', neverSave: ['mail.test'] }]);
    fireEvent.click(section.getByRole('button', { name: 'Remove mail.test' }));
    await waitFor(() => expect(section.queryByRole('listitem')).toBeNull());
    expect(neverSave).toEqual([]);
    expect(section.getByText('None: Keyhold offers to save logins on every site.')).toBeTruthy();
  });

  it('shows the answer for what the box holds, not a slower one for what it held before', async () => {
    let release: () => void = () => undefined;
    const background = worker(100, {
      'entries.list': async (request) => {
        if (request.query === 'entry 0') await new Promise<void>((resolve) => (release = resolve));
        const rows = Array.from({ length: 100 }, (_, index) => row(index)).filter((entry) => entry.name.toLowerCase().includes(request.query));
        return { rows: rows.slice(request.offset, request.offset + request.limit), total: rows.length };
      },
    });
    await renderVault(background);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'entry 0' } });
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'entry 00009' } });
    await waitFor(() => expect(rowNames()).toEqual(['Entry 00009']));
    await act(async () => release());
    expect(rowNames()).toEqual(['Entry 00009']);
  });
});
