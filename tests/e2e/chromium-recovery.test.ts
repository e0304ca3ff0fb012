import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getVaultRoute } from '../../lib/contract/vaults';
import { displayFingerprint } from '../../lib/crypto/fingerprints';
import { formatInvitationLink } from '../../lib/session/invitation-link';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { ownerElsewhere } from '../helpers/extension-session';
import { organisationOf, unlockedMember, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { expectRefusal, notFound } from '../helpers/route-case';
import { startServer, type RunningServer } from '../helpers/server-process';
import { newItem } from '../helpers/vault-fixtures';
import { hasChromium } from './fixtures';
import { ask, button, closeExtensionPages, expectScreen, openPopup, registerOwner, storedAccount, t } from './session-helpers';

// Account recovery end to end (issue #10, item 6), in two browsers against one real server: Bob
// forgot his master password; the owner makes a recovery link in People after reading that Bob's
// private vaults are lost; Bob's popup says the same and makes new keys; the owner certifies them
// at the fingerprint Bob reads; the owner's extension hands back the company vault's key, unasked;
// Bob reads its entry again, and his private vault is gone. Tests run in order.

const POLL = { timeout: 20_000 };
const BOB = { login: 'bob@acme.test', loginPassword: 'login password for bob', masterPassword: 'Master Password 2026 bob' };
const BOB_NEW = { loginPassword: 'bob new login password 2026', masterPassword: 'Bob Remembers This One 2026' };

/** Fills the popup's account fields (login, login password, master password twice). */
async function fillAccount(popup: Page, login: string, loginPassword: string, masterPassword: string): Promise<void> {
  await popup.getByLabel(t('credentials.login'), { exact: true }).fill(login);
  await popup.getByLabel(t('credentials.loginPassword'), { exact: true }).fill(loginPassword);
  await popup.getByLabel(t('credentials.masterPassword'), { exact: true }).fill(masterPassword);
  await popup.getByLabel(t('credentials.masterPasswordConfirm'), { exact: true }).fill(masterPassword);
}

describe.skipIf(!hasChromium)('account recovery in Chromium', () => {
  let server: RunningServer;
  let alice: ChromiumHarness;
  let bob: ChromiumHarness;
  let owner: TestMember;
  let organisation: TestOrganisation;
  let bobId: string;
  let teamId: string;
  let mineId: string;
  let link: string;

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

  it('Bob joins, reads a company vault shared with him, and keeps a private vault of his own', async () => {
    const invitation = await organisation.invite();
    const popup = await openPopup(bob);
    await popup.getByLabel(t('firstRun.serverUrl.label'), { exact: true }).fill(server.url);
    await button(popup, t('firstRun.connect')).click();
    await expectScreen(popup, 'sign-in');
    await button(popup, t('signIn.haveInvitation')).click();
    await popup.getByLabel(t('join.link'), { exact: true }).fill(formatInvitationLink(server.url, invitation.id, invitation.fragment));
    await fillAccount(popup, BOB.login, BOB.loginPassword, BOB.masterPassword);
    await button(popup, t('join.submit')).click();
    await expectScreen(popup, 'entries');
    bobId = (await storedAccount(bob)).userId;
    await organisation.certify(bobId);
    await expect.poll(async () => (await ask(popup, { type: 'sync.now' })).pendingConfirmation, POLL).toBe(false);

    const page = await alice.openExtensionPage('vault.html');
    teamId = (await ask(page, { type: 'vault.create', name: 'Team', kind: 'company' })).vaultId;
    await newItem(owner, await organisation.openVault(owner, teamId), { name: 'Router', password: 'router password 2026' });
    await ask(page, { type: 'vault.grant', vaultId: teamId, principalType: 'user', principalId: bobId, folderId: null, level: 'read' });
    await page.close();

    const bobPage = await bob.openExtensionPage('vault.html');
    mineId = (await ask(bobPage, { type: 'vault.create', name: 'Mine', kind: 'private' })).vaultId;
    await expect.poll(async () => (await ask(bobPage, { type: 'vault.tree' })).vaults.map((vault) => [vault.name, vault.hasKey]).sort(), POLL).toEqual([
      ['Mine', true],
      ['Team', true],
    ]);
    await bobPage.close();
  });

  it('the owner makes a recovery link in People, after reading that Bob’s private vaults are lost', async () => {
    const page = await alice.openExtensionPage('vault.html');
    await page.getByRole('button', { name: t('vault.settings') }).click();
    const row = page.locator(`[data-testid="admin-user"][data-login="${BOB.login}"]`);
    await row.getByRole('button', { name: t('vault.admin.users.recover') }).click();
    const panel = row.getByTestId('admin-recover');
    expect(await panel.getByTestId('admin-recover-warning').textContent()).toBe(t('vault.admin.recover.warning', { login: BOB.login }));
    await panel.getByRole('button', { name: t('vault.admin.recover.submit') }).click();
    const field = panel.getByLabel(t('vault.admin.recover.link', { login: BOB.login }), { exact: true });
    await expect.poll(() => field.inputValue(), POLL).toMatch(new RegExp(`^${server.url}/recover/`));
    link = await field.inputValue();
    await page.close();
  });

  it('Bob, signed out, uses the link: his popup says what is lost, makes new keys, and waits for a certificate', async () => {
    const popup = await openPopup(bob);
    await ask(popup, { type: 'session.signOut' });
    await popup.reload();
    await expectScreen(popup, 'sign-in');
    await button(popup, t('signIn.haveInvitation')).click();
    await popup.getByLabel(t('join.link'), { exact: true }).fill(link);
    expect(await popup.getByTestId('recovery-warning').textContent()).toBe(t('join.recover.warning'));
    await fillAccount(popup, BOB.login, BOB_NEW.loginPassword, BOB_NEW.masterPassword);
    await button(popup, t('join.recover.submit')).click();
    await expectScreen(popup, 'entries');
    expect((await ask(popup, { type: 'status' })).pendingConfirmation).toBe(true);
    expect((await storedAccount(bob)).userId).toBe(bobId);
  });

  it('the owner certifies Bob’s new key at the fingerprint he reads; the owner’s extension hands the company vault back; the private vault is gone', async () => {
    const bobPopup = await openPopup(bob);
    const { fingerprint } = await ask(bobPopup, { type: 'account.fingerprint' });
    const page = await alice.openExtensionPage('vault.html');
    await page.getByRole('button', { name: t('vault.settings') }).click();
    const waiting = page.locator(`[data-testid="pending-member"][data-login="${BOB.login}"]`);
    await expect.poll(() => waiting.getByTestId('pending-fingerprint').textContent(), POLL).toBe(displayFingerprint(fingerprint));
    await waiting.getByRole('button', { name: t('vault.admin.pending.certify', { login: BOB.login }) }).click();
    await expect.poll(() => waiting.count(), POLL).toBe(0);
    // The owner's next sync finds Bob waiting for the key and wraps it to his new key, unasked.
    await ask(page, { type: 'sync.now' });
    const bobElsewhere = await unlockedMember(server, BOB.login, BOB_NEW.loginPassword, BOB_NEW.masterPassword, organisation.fingerprint);
    await expect.poll(async () => (await bobElsewhere.api.call(getVaultRoute, { params: { id: teamId } })).wrap !== null, POLL).toBe(true);

    await expect.poll(async () => (await ask(bobPopup, { type: 'sync.now' })).pendingConfirmation, POLL).toBe(false);
    const bobPage = await bob.openExtensionPage('vault.html');
    await expect.poll(async () => (await ask(bobPage, { type: 'vault.tree' })).vaults.map((vault) => [vault.name, vault.hasKey]), POLL).toEqual([['Team', true]]);
    await bobPage.getByTestId('navigation').getByRole('button', { name: /^Team\b/ }).click();
    const rows = bobPage.getByTestId('vault-row');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await rows.first().click();
    const details = bobPage.getByTestId('entry-details');
    await details.getByRole('button', { name: t('vault.details.show') }).first().click();
    await expect.poll(() => details.textContent(), POLL).toContain('router password 2026');
    await expectRefusal(bobElsewhere.api.call(getVaultRoute, { params: { id: mineId } }), notFound);
  });
});
