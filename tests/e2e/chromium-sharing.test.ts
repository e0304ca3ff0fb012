import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getVaultRoute, listVaultMembersRoute, listVaultsRoute } from '../../lib/contract/vaults';
import { displayFingerprint } from '../../lib/crypto/fingerprints';
import { formatInvitationLink } from '../../lib/session/invitation-link';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { ownerElsewhere } from '../helpers/extension-session';
import { organisationOf, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { hasChromium } from './fixtures';
import { ask, button, closeExtensionPages, expectScreen, openPopup, registerOwner, storedAccount, t, textsOf } from './session-helpers';

// Vaults and sharing on the vault page (issue #7), with two people in two browsers against one real
// server: the owner creates a company vault and an entry in it, shares the vault with a newcomer
// after comparing the fingerprint the newcomer's own extension shows, and the newcomer reads the
// entry in their browser; an administrator certified later gets the key from the owner's extension
// in the background; the owner renames, deletes and takes access away. Tests run in order.

const POLL = { timeout: 20_000 };
const BOB = { login: 'bob@acme.test', loginPassword: 'login password for bob', masterPassword: 'Master Password 2026 bob' };

/** The vault page's navigation button of the vault named `name`. */
const vaultButton = (page: Page, name: string) => page.getByTestId('navigation').getByRole('button', { name: new RegExp(`^${name}\\b`) });

describe.skipIf(!hasChromium)('vaults and sharing in Chromium, two people', () => {
  let server: RunningServer;
  let alice: ChromiumHarness;
  let bob: ChromiumHarness;
  let owner: TestMember;
  let organisation: TestOrganisation;
  let bobId: string;
  let vaultId: string;

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

  it('creates a company vault on the vault page, its key wrapped on this device, and files an entry in it', async () => {
    const page = await alice.openExtensionPage('vault.html');
    const navigation = page.getByTestId('navigation');
    await navigation.getByRole('button', { name: t('vault.vaults.new') }).click();
    await navigation.getByLabel(t('vault.vaults.name')).fill('Deployments');
    await navigation.getByLabel(t('vault.vaults.kind.company')).check();
    await navigation.getByRole('button', { name: t('vault.vaults.create') }).click();
    await expect.poll(() => vaultButton(page, 'Deployments').getAttribute('aria-current'), POLL).toBe('page');
    const [vault] = (await owner.api.call(listVaultsRoute)).vaults;
    expect(vault).toMatchObject({ name: 'Deployments', kind: 'company', level: 'admin' });
    vaultId = vault!.id;
    // The key came from the extension: the owner's other client opens it from the wrap the page made.
    expect((await organisation.openVault(owner, vaultId)).version).toBe(1);

    await ask(page, { type: 'entry.save', vaultId, folderId: null, name: 'Release signing', login: 'release-bot', urls: [], tags: [], colour: null, description: '', favourite: false, fields: [{ id: 'password', type: 'password', label: 'Password', value: 'signing key passphrase 2026' }] });
    await page.reload();
    await vaultButton(page, 'Deployments').click();
    await expect.poll(() => textsOf(page.getByTestId('vault-row').locator('.row-name')), POLL).toEqual(['Release signing']);
  });

  it('lets a newcomer join in their own browser; once certified, the owner shares the vault with the key whose fingerprint the newcomer’s extension shows', async () => {
    const invitation = await organisation.invite();
    const popup = await openPopup(bob);
    await expectScreen(popup, 'first-run');
    await popup.getByLabel(t('firstRun.serverUrl.label'), { exact: true }).fill(server.url);
    await button(popup, t('firstRun.connect')).click();
    await expectScreen(popup, 'sign-in');
    await button(popup, t('signIn.haveInvitation')).click();
    await expectScreen(popup, 'join');
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

    // What the newcomer reads out to the owner: their own key's fingerprint, in their settings.
    const bobPage = await bob.openExtensionPage('vault.html');
    await bobPage.getByRole('button', { name: t('vault.settings') }).click();
    const bobsFingerprint = (await bobPage.getByTestId('key-fingerprint').locator('code').textContent(POLL))!;
    expect(bobsFingerprint).toBe(displayFingerprint((await organisation.certifiedMember(bobId)).encryptionFingerprint));

    const page = await alice.openExtensionPage('vault.html');
    await vaultButton(page, 'Deployments').click();
    await page.getByTestId('vault-actions').getByRole('button', { name: t('vault.vaults.members') }).click();
    const panel = page.getByTestId('vault-members');
    await panel.getByLabel(t('vault.share.member')).selectOption({ label: BOB.login });
    await expect.poll(() => panel.getByTestId('share-fingerprint').locator('code').textContent(), POLL).toBe(bobsFingerprint);
    await panel.getByLabel(t('vault.share.level'), { exact: true }).last().selectOption({ label: t('vault.level.read') });
    await panel.getByRole('button', { name: t('vault.share.submit') }).click();
    const bobsRow = panel.getByTestId('vault-member').filter({ hasText: BOB.login });
    await expect.poll(() => bobsRow.getByTestId('member-state').textContent(), POLL).toBe(t('vault.members.hasKey'));
    const members = (await owner.api.call(listVaultMembersRoute, { params: { id: vaultId } })).members;
    expect(members.find((member) => member.userId === bobId)).toMatchObject({ level: 'read', hasKey: true, grantedBy: owner.userId });
  });

  it('shows the newcomer the shared vault and its entry, decrypted in their own browser', async () => {
    const page = await bob.openExtensionPage('vault.html');
    await expect.poll(() => vaultButton(page, 'Deployments').count(), POLL).toBe(1);
    await vaultButton(page, 'Deployments').click();
    const rows = page.getByTestId('vault-row');
    await expect.poll(() => textsOf(rows.locator('.row-name')), POLL).toEqual(['Release signing']);
    await rows.first().click();
    const details = page.getByTestId('entry-details');
    await details.getByRole('button', { name: t('vault.details.show') }).first().click();
    await expect.poll(() => details.textContent(), POLL).toContain('signing key passphrase 2026');
    // Read only: nothing to share, rename or delete from here, and who else has access is shown from full access up.
    const actions = page.getByTestId('vault-actions');
    for (const name of [t('vault.vaults.members'), t('vault.vaults.rename'), t('vault.vaults.delete')]) expect(await actions.getByRole('button', { name }).count()).toBe(0);
  });

  it('gives an administrator certified after the vault was made its key from the owner’s extension in the background, unasked', async () => {
    const carol = await organisation.addMember('carol@acme.test', 'administrator');
    expect((await carol.api.call(getVaultRoute, { params: { id: vaultId } })).wrap).toBeNull();
    // Opening the page syncs; the sync finds the pending grant and the owner's extension fulfils it.
    const page = await alice.openExtensionPage('vault.html');
    await expect.poll(async () => (await carol.api.call(getVaultRoute, { params: { id: vaultId } })).wrap !== null, POLL).toBe(true);
    await vaultButton(page, 'Deployments').click();
    await page.getByTestId('vault-actions').getByRole('button', { name: t('vault.vaults.members') }).click();
    const carolsRow = page.getByTestId('vault-member').filter({ hasText: 'carol@acme.test' });
    await expect.poll(() => carolsRow.getByTestId('member-state').textContent(), POLL).toBe(t('vault.members.hasKey'));
    expect((await organisation.openVault(carol, vaultId)).raw).toEqual((await organisation.openVault(owner, vaultId)).raw);
  });

  it('takes the newcomer’s access away: the vault leaves their page at the next sync', async () => {
    const page = await alice.openExtensionPage('vault.html');
    await vaultButton(page, 'Deployments').click();
    await page.getByTestId('vault-actions').getByRole('button', { name: t('vault.vaults.members') }).click();
    const bobsRow = page.getByTestId('vault-member').filter({ hasText: BOB.login });
    await bobsRow.getByRole('button', { name: t('vault.members.remove') }).click();
    await bobsRow.getByRole('button', { name: t('vault.members.remove.confirm') }).click();
    await expect.poll(() => bobsRow.count(), POLL).toBe(0);

    // The page syncs when it opens; the vault goes from this device's copy and from the navigation.
    const bobPage = await bob.openExtensionPage('vault.html');
    await expect.poll(async () => (await ask(bobPage, { type: 'vault.tree' })).vaults.map((vault) => vault.name), POLL).toEqual([]);
    await expect.poll(() => vaultButton(bobPage, 'Deployments').count(), POLL).toBe(0);
    await expect.poll(() => textsOf(bobPage.getByTestId('navigation').getByRole('button')), POLL).toContain(t('vault.nav.all'));
  });

  it('renames a vault and deletes it, the deletion on a second click', async () => {
    const page = await alice.openExtensionPage('vault.html');
    const actions = page.getByTestId('vault-actions');
    await vaultButton(page, 'Deployments').click();
    await actions.getByRole('button', { name: t('vault.vaults.rename') }).click();
    await actions.getByLabel(t('vault.vaults.name')).fill('Releases');
    await actions.getByRole('button', { name: t('vault.form.save') }).click();
    await expect.poll(() => vaultButton(page, 'Releases').getAttribute('aria-current'), POLL).toBe('page');
    expect((await owner.api.call(getVaultRoute, { params: { id: vaultId } })).vault.name).toBe('Releases');

    await actions.getByRole('button', { name: t('vault.vaults.delete') }).click();
    await actions.getByRole('button', { name: t('vault.vaults.delete.confirm') }).click();
    await expect.poll(() => vaultButton(page, 'Releases').count(), POLL).toBe(0);
    expect((await owner.api.call(listVaultsRoute)).vaults).toEqual([]);
  });
});
