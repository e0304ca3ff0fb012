// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultTree } from '../../lib/cache/vault-tree';
import type { DirectoryMember, GroupRow, VaultAccessView } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// The Access rights panel against a fake worker: each person's right at the place chosen and where
// it comes from, the rights set in the vault, and a vault administrator's changes to them.

afterEach(cleanup);

const TREE: VaultTree = {
  vaults: [
    { id: 'v-ops', name: 'Operations', kind: 'company', level: 'admin', hasKey: true, entryCount: 0, folders: [{ id: 'f-db', name: 'Databases', level: 'admin', entryCount: 0, children: [{ id: 'f-prod', name: 'Production', level: 'admin', entryCount: 0, children: [] }] }] },
    { id: 'v-audit', name: 'Auditors', kind: 'company', level: 'full', hasKey: true, entryCount: 0, folders: [] },
    { id: 'v-read', name: 'Handbook', kind: 'company', level: 'read', hasKey: true, entryCount: 0, folders: [] },
  ],
  trashedFolders: [],
  tags: [],
  colours: [],
};

const OPS: VaultAccessView = {
  people: [
    { userId: 'u-alice', login: 'alice@acme.test', level: 'admin', source: { kind: 'user', folderId: null }, hasKey: true },
    { userId: 'u-bob', login: 'bob@acme.test', level: 'edit', source: { kind: 'user', folderId: 'f-db' }, hasKey: true },
    { userId: 'u-carol', login: 'carol@acme.test', level: 'read', source: { kind: 'groups', groups: [{ groupId: 'g-ops', name: 'Ops', folderId: null }, { groupId: 'g-dbas', name: 'DBAs', folderId: 'f-db' }] }, hasKey: false },
    { userId: 'u-dave', login: 'dave@acme.test', level: 'read', source: { kind: 'groups', groups: [{ groupId: 'g-ops', name: 'Ops', folderId: null }], resetAt: 'f-prod' }, hasKey: true },
    { userId: 'u-erin', login: 'erin@acme.test', level: null, source: { kind: 'none' }, hasKey: false },
    { userId: 'u-frank', login: 'frank@acme.test', level: 'forbidden', source: { kind: 'user', folderId: 'f-gone' }, hasKey: false },
    { userId: 'u-gina', login: 'gina@acme.test', level: null, source: { kind: 'none', resetAt: null }, hasKey: false },
  ],
  grants: [
    { principalType: 'user', principalId: 'u-alice', name: 'alice@acme.test', folderId: null, level: 'admin', grantedBy: 'u-alice', createdAt: 1 },
    { principalType: 'user', principalId: 'u-bob', name: 'bob@acme.test', folderId: 'f-db', level: 'edit', grantedBy: 'u-alice', createdAt: 2 },
    { principalType: 'group', principalId: 'g-ops', name: 'Ops', folderId: null, level: 'read', grantedBy: 'u-alice', createdAt: 3 },
    { principalType: 'group', principalId: 'g-dbas', name: 'DBAs', folderId: 'f-db', level: 'edit', grantedBy: 'u-alice', createdAt: 4 },
    { principalType: 'user', principalId: 'u-dave', name: 'dave@acme.test', folderId: 'f-prod', level: 'reset', grantedBy: 'u-alice', createdAt: 5 },
  ],
};

const DIRECTORY: DirectoryMember[] = [
  { userId: 'u-alice', login: 'alice@acme.test', role: 'administrator', fingerprint: '11'.repeat(32) },
  { userId: 'u-dave', login: 'dave@acme.test', role: 'member', fingerprint: '4d'.repeat(32) },
];
const GROUPS: GroupRow[] = [
  { id: 'g-ops', name: 'Ops', memberIds: ['u-carol', 'u-dave'] },
  { id: 'g-dbas', name: 'DBAs', memberIds: [] },
];

function worker(overrides: FakeHandlers = {}) {
  return fakeBackground({
    status: () => statusReply(),
    'sync.now': () => statusReply(),
    'vault.tree': () => TREE,
    'entries.list': () => ({ rows: [], total: 0 }),
    'vault.access': () => OPS,
    'members.directory': () => ({ members: DIRECTORY, unverified: 0 }),
    'groups.list': () => GROUPS,
    'vault.grant': ({ principalId }) => ({ principalId }),
    'vault.revoke': ({ principalId }) => ({ principalId }),
    ...overrides,
  });
}

const navigation = () => screen.getByRole('navigation', { name: 'Vaults, folders and tags' });

/** Chooses a place in the navigation and opens its access rights. */
async function openAccess(place: RegExp) {
  await waitFor(() => fireEvent.click(within(navigation()).getByRole('button', { name: place })));
  fireEvent.click(await waitFor(() => within(screen.getByTestId('vault-actions')).getByRole('button', { name: 'Access rights' })));
  const panel = within(await waitFor(() => screen.getByTestId('vault-access')));
  await waitFor(() => expect(panel.getAllByTestId('access-person').length).toBeGreaterThan(0));
  return panel;
}

const person = (panel: ReturnType<typeof within>, login: string) => panel.getAllByTestId('access-person').find((item: HTMLElement) => item.dataset.login === login)!;
const texts = (item: HTMLElement) => ({ level: within(item).getByTestId('access-level').textContent, source: within(item).getByTestId('access-source').textContent, pending: within(item).queryByTestId('access-pending') !== null });

describe('the access rights of a vault or folder', () => {
  it('shows each person’s right here and where it comes from, and every right set in the vault', async () => {
    const background = worker();
    await renderVault(background);
    const panel = await openAccess(/^Operations/);
    expect(background.sentOf('vault.access')).toEqual([{ type: 'vault.access', vaultId: 'v-ops', folderId: null }]);
    expect(panel.getByRole('heading', { level: 2 }).textContent).toBe('Access rights: Operations');
    expect(panel.getByRole('heading', { name: 'Who has access at the vault level' })).toBeTruthy();

    expect(texts(person(panel, 'alice@acme.test'))).toEqual({ level: 'Administrator', source: 'Their own right, set at the vault level.', pending: false });
    expect(texts(person(panel, 'bob@acme.test'))).toEqual({ level: 'Read and edit', source: 'Their own right, set in folder “Databases”.', pending: false });
    // Read access without the key yet: the key follows in the background.
    expect(texts(person(panel, 'carol@acme.test'))).toEqual({ level: 'Read only', source: 'From their groups: “Ops” at the vault level, “DBAs” in folder “Databases”.', pending: true });
    expect(within(person(panel, 'carol@acme.test')).getByTestId('access-pending').textContent).toMatch(/^Access pending/);
    expect(texts(person(panel, 'dave@acme.test'))).toEqual({ level: 'Read only', source: 'From their groups: “Ops” at the vault level. Their own “reset” in folder “Production” leaves the decision to their groups.', pending: false });
    expect(texts(person(panel, 'erin@acme.test'))).toEqual({ level: 'No access', source: 'No right gives them access here.', pending: false });
    // Forbidden is no access: nothing is pending. A folder the tree does not hold still gets a place.
    expect(texts(person(panel, 'frank@acme.test'))).toEqual({ level: 'Forbidden', source: 'Their own right, set in a folder not shown here.', pending: false });
    expect(texts(person(panel, 'gina@acme.test'))).toEqual({ level: 'No access', source: 'No right gives them access here. Their own “reset” at the vault level leaves the decision to their groups.', pending: false });

    expect(panel.getAllByTestId('access-grant').map((item) => item.querySelector('p')!.textContent)).toEqual([
      'alice@acme.test: Administrator, at the vault level',
      'bob@acme.test: Read and edit, in folder “Databases”',
      'Ops (group): Read only, at the vault level',
      'DBAs (group): Read and edit, in folder “Databases”',
      'dave@acme.test: Reset: their groups decide, in folder “Production”',
    ]);
  });

  it('follows the navigation to a folder, and closes', async () => {
    const background = worker();
    await renderVault(background);
    await openAccess(/^Operations/);
    fireEvent.click(within(navigation()).getByRole('button', { name: /^Production/ }));
    await waitFor(() => expect(background.sentOf('vault.access').at(-1)).toEqual({ type: 'vault.access', vaultId: 'v-ops', folderId: 'f-prod' }));
    const panel = within(screen.getByTestId('vault-access'));
    expect(panel.getByRole('heading', { level: 2 }).textContent).toBe('Access rights: Production');
    expect(await panel.findByRole('heading', { name: 'Who has access in folder “Production”' })).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByTestId('vault-access')).toBeNull());
  });

  it('gives a person a reset and a group forbidden at the folder chosen, and reads the rights again', async () => {
    const background = worker();
    await renderVault(background);
    const panel = await openAccess(/^Databases/);
    expect(background.sentOf('vault.access')).toEqual([{ type: 'vault.access', vaultId: 'v-ops', folderId: 'f-db' }]);
    const form = within(panel.getByRole('form', { name: 'Set a right in folder “Databases”' }));
    const who = form.getByLabelText('Person or group') as HTMLSelectElement;
    const level = () => form.getByLabelText('Right') as HTMLSelectElement;
    await waitFor(() => expect([...who.options].map((option) => option.textContent)).toEqual(['Choose a person or group', 'alice@acme.test', 'dave@acme.test', 'Ops (group)', 'DBAs (group)']));
    expect((form.getByRole('button', { name: 'Set right' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(who, { target: { value: 'user:u-dave' } });
    expect([...level().options].map((option) => option.textContent)).toEqual(['Forbidden', 'Navigation only', 'Read only', 'Read and edit', 'Full access', 'Administrator', 'Reset (their groups decide)']);
    fireEvent.change(level(), { target: { value: 'reset' } });
    fireEvent.submit(form.getByRole('button', { name: 'Set right' }).closest('form')!);
    await waitFor(() => expect(background.sentOf('vault.grant')).toEqual([{ type: 'vault.grant', vaultId: 'v-ops', principalType: 'user', principalId: 'u-dave', folderId: 'f-db', level: 'reset' }]));
    await waitFor(() => expect(background.sentOf('vault.access')).toHaveLength(2));
    await waitFor(() => expect(who.value).toBe(''));

    // A group has no reset of its own.
    fireEvent.change(who, { target: { value: 'group:g-ops' } });
    expect([...level().options].map((option) => option.value)).not.toContain('reset');
    fireEvent.change(level(), { target: { value: 'forbidden' } });
    fireEvent.submit(form.getByRole('button', { name: 'Set right' }).closest('form')!);
    await waitFor(() => expect(background.sentOf('vault.grant').at(-1)).toEqual({ type: 'vault.grant', vaultId: 'v-ops', principalType: 'group', principalId: 'g-ops', folderId: 'f-db', level: 'forbidden' }));
    await waitFor(() => expect(background.sentOf('vault.access')).toHaveLength(3));
  });

  it('removes a right where it is set, whatever the place shown', async () => {
    const background = worker();
    await renderVault(background);
    const panel = await openAccess(/^Operations/);
    fireEvent.click(panel.getByRole('button', { name: 'Remove the right of DBAs (group) in folder “Databases”' }));
    await waitFor(() => expect(background.sentOf('vault.revoke')).toEqual([{ type: 'vault.revoke', vaultId: 'v-ops', principalType: 'group', principalId: 'g-dbas', folderId: 'f-db' }]));
    await waitFor(() => expect(background.sentOf('vault.access')).toHaveLength(2));
    // The buttons wait while a change is on its way.
    await waitFor(() => expect((panel.getByRole('button', { name: 'Remove the right of alice@acme.test at the vault level' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(panel.getByRole('button', { name: 'Remove the right of alice@acme.test at the vault level' }));
    await waitFor(() => expect(background.sentOf('vault.revoke').at(-1)).toEqual({ type: 'vault.revoke', vaultId: 'v-ops', principalType: 'user', principalId: 'u-alice', folderId: null }));
    await waitFor(() => expect(background.sentOf('vault.access')).toHaveLength(3));
  });

  it('shows the rights without changes below vault administrator, and nothing below full access', async () => {
    const background = worker();
    await renderVault(background);
    const panel = await openAccess(/^Auditors/);
    expect(panel.queryByRole('form')).toBeNull();
    expect(panel.queryByRole('button', { name: /^Remove the right/ })).toBeNull();
    expect(background.sentOf('members.directory')).toEqual([]);
    expect(background.sentOf('groups.list')).toEqual([]);

    // A place the user may not manage closes the panel, and offers no button for it.
    fireEvent.click(within(navigation()).getByRole('button', { name: /^Handbook/ }));
    await waitFor(() => expect(screen.queryByTestId('vault-access')).toBeNull());
    expect(within(screen.getByTestId('vault-actions')).queryByRole('button', { name: 'Access rights' })).toBeNull();
  });

  it('says why the rights could not be read or changed, and tries again', async () => {
    let refusals = 1;
    const background = worker({
      'vault.access': () => {
        if (refusals-- > 0) throw refuse('serverUnreachable');
        return OPS;
      },
      'vault.revoke': () => {
        throw refuse('server');
      },
    });
    await renderVault(background);
    await waitFor(() => fireEvent.click(within(navigation()).getByRole('button', { name: /^Operations/ })));
    fireEvent.click(await waitFor(() => within(screen.getByTestId('vault-actions')).getByRole('button', { name: 'Access rights' })));
    const panel = within(await waitFor(() => screen.getByTestId('vault-access')));
    await waitFor(() => expect(panel.getByRole('alert')).toBeTruthy());
    fireEvent.click(panel.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(panel.getAllByTestId('access-person')).toHaveLength(7));
    expect(panel.queryByRole('alert')).toBeNull();
    fireEvent.click(panel.getByRole('button', { name: 'Remove the right of Ops (group) at the vault level' }));
    await waitFor(() => expect(panel.getByRole('alert').textContent).toBe('refused: server'));
  });

  it('rotates the vault key on a second click, for its administrators, and says what was re-keyed', async () => {
    const background = worker({ 'vault.rotateKey': () => ({ keyVersion: 3, rekeyed: 41, left: 2 }) });
    await renderVault(background);
    const panel = await openAccess(/^Operations/);
    const rotate = within(panel.getByTestId('rotate-key'));
    fireEvent.click(rotate.getByRole('button', { name: 'Rotate the vault key' }));
    expect(background.sentOf('vault.rotateKey')).toEqual([]);
    fireEvent.click(rotate.getByRole('button', { name: 'Click again to rotate the key and re-key every entry' }));
    await waitFor(() => expect(rotate.getByRole('status').textContent).toBe('The vault key is now at version 3. Entries re-keyed: 41. Entries changed meanwhile, which keep the older key until they are next edited or re-keyed again: 2.'));
    expect(background.sentOf('vault.rotateKey')).toEqual([{ type: 'vault.rotateKey', vaultId: 'v-ops' }]);
  });

  it('re-keys the entries left under an older key, for an administrator who reads what whoever rotated could not', async () => {
    const rounds = [
      { rekeyed: 3, left: 0 },
      { rekeyed: 0, left: 0 },
    ];
    const background = worker({ 'vault.rekey': () => rounds.shift()! });
    await renderVault(background);
    const panel = await openAccess(/^Operations/);
    const rotate = within(panel.getByTestId('rotate-key'));
    fireEvent.click(rotate.getByRole('button', { name: 'Re-key remaining entries' }));
    await waitFor(() => expect(rotate.getByTestId('rekey-result').textContent).toBe('Entries re-keyed: 3.'));
    fireEvent.click(rotate.getByRole('button', { name: 'Re-key remaining entries' }));
    await waitFor(() => expect(rotate.getByTestId('rekey-result').textContent).toBe('Everything you can read here is under the current key.'));
    expect(background.sentOf('vault.rekey')).toEqual([{ type: 'vault.rekey', vaultId: 'v-ops' }, { type: 'vault.rekey', vaultId: 'v-ops' }]);
  });

  it('offers no rotation below vault administrator', async () => {
    await renderVault(worker());
    const panel = await openAccess(/^Auditors/);
    expect(panel.queryByTestId('rotate-key')).toBeNull();
  });
});
