import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGroupMemberRoute } from '../../lib/contract/groups';
import { getItemRoute } from '../../lib/contract/items';
import { putVaultAccessRoute } from '../../lib/contract/vault-access';
import { getVaultRoute, listMembersDirectoryRoute } from '../../lib/contract/vaults';
import { formatInvitationLink } from '../../lib/session/invitation-link';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { OWNER, ownerElsewhere } from '../helpers/extension-session';
import { organisationOf, unlockedMember, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { expectRefusal, notFound } from '../helpers/route-case';
import { hostileServer } from '../helpers/tamper';
import { newItem } from '../helpers/vault-fixtures';
import { hasChromium } from './fixtures';
import { ask, button, closeExtensionPages, expectScreen, openPopup, registerOwner, storedAccount, t, textsOf, unlock } from './session-helpers';

// Teams end to end (issue #10), two people in two browsers against one real server: the owner
// invites Bob, puts him in a group and gives the group a vault; Bob's page says the access is
// pending; the owner's extension hands him the key in the background, unasked; Bob reads the entry
// in his browser; taken out of the group, he can no longer fetch it. A certificate the server swaps
// in for a third member's gets no key. Tests run in order.

const POLL = { timeout: 20_000 };
const BOB = { login: 'bob@acme.test', loginPassword: 'login password for bob', masterPassword: 'Master Password 2026 bob' };

/** The vault page's navigation button of the vault named `name`. */
const vaultButton = (page: Page, name: string) => page.getByTestId('navigation').getByRole('button', { name: new RegExp(`^${name}\\b`) });

describe.skipIf(!hasChromium)('teams in Chromium: groups, folder rights and keys that follow them', () => {
  let server: RunningServer;
  let alice: ChromiumHarness;
  let bob: ChromiumHarness;
  let owner: TestMember;
  let organisation: TestOrganisation;
  let bobId: string;
  let vaultId: string;
  let groupId: string;
  let itemId: string;

  beforeAll(async () => {
    server = await startServer({ engine: 'sqlite' });
    [alice, bob] = await Promise.all([launchChromium(), launchChromium()]);
    await registerOwner(await openPopup(alice), server);
    const account = await storedAccount(alice);
    owner = await ownerElsewhere(server, account);
    organisation = await organisationOf(server, owner, account.organisationFingerprint);
    await closeExtensionPages(alice);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await server?.stop();
  });

  it('invites Bob, who joins in his own browser and is certified', async () => {
    const invitation = await organisation.invite();
    const popup = await openPopup(bob);
    await expectScreen(popup, 'first-run');
    await popup.getByLabel(t('firstRun.serverUrl.label'), { exact: true }).fill(server.url);
    await button(popup, t('firstRun.connect')).click();
    await expectScreen(popup, 'sign-in');
    await button(popup, t('signIn.haveInvitation')).click();
    await popup.getByLabel(t('join.link'), { exact: true }).fill(formatInvitationLink(server.url, invitation.id, invitation.fragment));
    await popup.getByLabel(t('credentials.login'), { exact: true }).fill(BOB.login);
    await popup.getByLabel(t('credentials.loginPassword'), { exact: true }).fill(BOB.loginPassword);
    await popup.getByLabel(t('credentials.masterPassword'), { exact: true }).fill(BOB.masterPassword);
    await popup.getByLabel(t('credentials.masterPasswordConfirm'), { exact: true }).fill(BOB.masterPassword);
    await button(popup, t('join.submit')).click();
    await expectScreen(popup, 'entries');
    bobId = (await storedAccount(bob)).userId;
    await organisation.certify(bobId);
    await button(popup, t('join.pending.checkAgain')).click();
    await expect.poll(async () => (await ask(popup, { type: 'status' })).pendingConfirmation, POLL).toBe(false);
  });

  it('puts Bob in a group that may read a vault: his page says the access is pending', async () => {
    // The owner's other client does the administration, so the owner's extension has not synced since.
    const page = await alice.openExtensionPage('vault.html');
    vaultId = (await ask(page, { type: 'vault.create', name: 'Operations', kind: 'private' })).vaultId;
    itemId = (await newItem(owner, await organisation.openVault(owner, vaultId), { name: 'Database root', password: 'root password 2026' })).id;
    groupId = (await ask(page, { type: 'groups.create', name: 'Operators' })).groupId;
    await page.close();
    await ask(await openPopup(alice), { type: 'session.lock' });

    await owner.api.call(putVaultAccessRoute, { params: { id: vaultId, principalType: 'group', principalId: groupId }, body: { folderId: null, level: 'read' } });
    await owner.api.call(addGroupMemberRoute, { params: { id: groupId, userId: bobId } });
    expect(await bobsVault()).toMatchObject({ vault: { level: 'read' }, wrap: null });

    const bobPage = await bob.openExtensionPage('vault.html');
    await expect.poll(() => vaultButton(bobPage, 'Operations').textContent(), POLL).toContain(t('vault.nav.pending'));
    await vaultButton(bobPage, 'Operations').click();
    await expect.poll(() => bobPage.getByTestId('vault-actions').textContent(), POLL).toContain(t('vault.vaults.pending'));
  });

  it('hands Bob the key from the owner’s extension in the background once it is unlocked, and Bob reads the entry', async () => {
    await unlock(await openPopup(alice), OWNER.masterPassword);
    // No click: the sync after unlocking finds the pending grant and fulfils it.
    await expect.poll(async () => (await bobsVault()).wrap !== null, POLL).toBe(true);

    const bobPage = await bob.openExtensionPage('vault.html');
    await expect.poll(() => vaultButton(bobPage, 'Operations').textContent(), POLL).not.toContain(t('vault.nav.pending'));
    await vaultButton(bobPage, 'Operations').click();
    const rows = bobPage.getByTestId('vault-row');
    await expect.poll(() => textsOf(rows.locator('.row-name')), POLL).toEqual(['Database root']);
    await rows.first().click();
    const details = bobPage.getByTestId('entry-details');
    await details.getByRole('button', { name: t('vault.details.show') }).first().click();
    await expect.poll(() => details.textContent(), POLL).toContain('root password 2026');
  });

  it('takes Bob out of the group: he can no longer fetch the entry, and the vault leaves his page', async () => {
    const page = await alice.openExtensionPage('vault.html');
    await ask(page, { type: 'groups.removeMember', groupId, userId: bobId });
    const bobPage = await bob.openExtensionPage('vault.html');
    await expect.poll(async () => (await ask(bobPage, { type: 'vault.tree' })).vaults.map((vault) => vault.name), POLL).toEqual([]);
    const refused = await bobPage.evaluate(
      (id) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage({ type: 'entry.read', itemId: id }),
      itemId,
    );
    expect(refused.ok).toBe(false);
    await expectRefusal(bobsVault(), notFound);
  });

  it('rotates the vault key from the Access rights panel after Bob left: every entry re-keyed, Bob’s old key opens none of it', async () => {
    const page = await alice.openExtensionPage('vault.html');
    await vaultButton(page, 'Operations').click();
    await page.getByTestId('vault-actions').getByRole('button', { name: t('vault.vaults.access') }).click();
    const rotate = page.getByTestId('rotate-key');
    await rotate.getByRole('button', { name: t('vault.rotate.start') }).click();
    await rotate.getByRole('button', { name: t('vault.rotate.confirm') }).click();
    await expect.poll(() => rotate.getByRole('status').textContent(), POLL).toBe(t('vault.rotate.done', { version: '2', count: '1' }));
    const item = await owner.api.call(getItemRoute, { params: { id: itemId } });
    expect(item.entryKey.vaultKeyVersion).toBe(2);
    expect((await organisation.openVault(owner, vaultId)).version).toBe(2);
  });

  it('gives no key to a certificate the server swapped in: the grant stays pending', async () => {
    const carol = await organisation.addMember('carol@acme.test');
    // The hostile server serves Bob's genuine certificate as Carol's before the owner's extension syncs.
    const hostile = hostileServer(server);
    const bobsCertificate = (await owner.api.call(listMembersDirectoryRoute)).members.find((member) => member.userId === bobId)!.certificate;
    await hostile.db.updateTable('users').set({ certificate: JSON.stringify(bobsCertificate) }).where('id', '=', carol.userId).execute();
    await hostile.close();
    await owner.api.call(putVaultAccessRoute, { params: { id: vaultId, principalType: 'user', principalId: carol.userId }, body: { folderId: null, level: 'read' } });

    const page = await alice.openExtensionPage('vault.html');
    await ask(page, { type: 'sync.now' });
    await ask(page, { type: 'sync.now' });
    expect((await carol.api.call(getVaultRoute, { params: { id: vaultId } })).wrap).toBeNull();
    const access = await ask(page, { type: 'vault.access', vaultId, folderId: null });
    expect(access.people.find((person) => person.userId === carol.userId)).toMatchObject({ level: 'read', hasKey: false });
  });

  it('manages a group and a folder right on the vault page, and shows each person’s right with where it comes from', async () => {
    const page = await alice.openExtensionPage('vault.html');
    await page.getByRole('button', { name: t('vault.settings') }).click();
    const groups = page.getByTestId('groups-admin');
    await groups.getByLabel(t('vault.groups.new'), { exact: true }).fill('Auditors');
    await groups.getByRole('button', { name: t('vault.groups.create') }).click();
    const auditors = groups.locator('[data-testid="group"][data-name="Auditors"]');
    await auditors.getByLabel(t('vault.groups.addMember', { group: 'Auditors' })).selectOption({ label: BOB.login });
    await auditors.getByRole('button', { name: t('vault.groups.add') }).click();
    await expect.poll(() => textsOf(auditors.getByTestId('group-member').locator('span')), POLL).toEqual([BOB.login]);

    // A folder of the vault, opened to the group at read only: Bob sees the folder, not the rest.
    const folderId = (await ask(page, { type: 'folder.create', vaultId, parentId: null, name: 'Audit trail' })).folderId;
    await page.reload();
    await vaultButton(page, 'Operations').click();
    await page.getByTestId('navigation').getByRole('button', { name: /^Audit trail\b/ }).click();
    await page.getByTestId('vault-actions').getByRole('button', { name: t('vault.vaults.access') }).click();
    const panel = page.getByTestId('vault-access');
    await panel.getByLabel(t('vault.access.grant.who'), { exact: true }).selectOption({ label: t('vault.access.group', { name: 'Auditors' }) });
    await panel.getByLabel(t('vault.access.grant.level'), { exact: true }).selectOption({ label: t('vault.level.read') });
    await panel.getByRole('button', { name: t('vault.access.grant.submit') }).click();
    const bobsRight = panel.locator(`[data-testid="access-person"][data-login="${BOB.login}"]`);
    await expect.poll(() => bobsRight.getByTestId('access-level').textContent(), POLL).toBe(t('vault.level.read'));
    const place = t('vault.access.at.folder', { folder: 'Audit trail' });
    expect(await bobsRight.getByTestId('access-source').textContent()).toBe(t('vault.access.source.groups', { groups: t('vault.access.source.group', { group: 'Auditors', place }) }));

    // Bob's extension, after its next sync: the vault seen through the folder, the folder readable.
    const bobPage = await bob.openExtensionPage('vault.html');
    await expect.poll(async () => (await ask(bobPage, { type: 'vault.tree' })).vaults.map((vault) => [vault.name, vault.level]), POLL).toEqual([['Operations', 'navigation']]);
    expect((await bobsVault()).vault.level).toBe('navigation');

    await panel.getByRole('button', { name: t('vault.access.revoke', { name: t('vault.access.group', { name: 'Auditors' }), place }) }).click();
    await expect.poll(() => bobsRight.count(), POLL).toBe(0);
    await expectRefusal(bobsVault(), notFound);
    expect(folderId).toBeTruthy();
  });

  /** Bob's vault as the server serves it to him (level and his wrap), through a client of his own. */
  async function bobsVault() {
    bobElsewhere ??= await unlockedMember(server, BOB.login, BOB.loginPassword, BOB.masterPassword, organisation.fingerprint);
    return bobElsewhere.api.call(getVaultRoute, { params: { id: vaultId } });
  }
  let bobElsewhere: TestMember | undefined;
});
