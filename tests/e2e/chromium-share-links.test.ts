import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as linkPage } from '../../server/share-links/page-catalogs/en';
import { fr as linkPageInFrench } from '../../server/share-links/page-catalogs/fr';
import { launchChromium, launchPlainChromium, type ChromiumHarness } from '../helpers/chromium';
import { startServer, type RunningServer } from '../helpers/server-process';
import { hasChromium } from './fixtures';
import { ask, openPopup, registerOwner, t, textsOf } from './session-helpers';

// Share links end to end (issue #13 item 1): the owner makes a single-use link on the vault page of
// the extension; the recipient opens it in another, empty browser with no extension, presses
// "Reveal" and reads the password the page decrypted; a damaged fragment and a second opening
// each say what went wrong. Tests run in order.

const POLL = { timeout: 20_000 };
const PASSWORD = 'deploy key passphrase 2026';

describe.skipIf(!hasChromium)('share links in Chromium', () => {
  let server: RunningServer;
  let owner: ChromiumHarness;
  let recipient: Browser;
  let url: string;

  beforeAll(async () => {
    server = await startServer({ engine: 'sqlite' });
    [owner, recipient] = await Promise.all([launchChromium(), launchPlainChromium()]);
    await registerOwner(await openPopup(owner), server);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([owner?.close(), recipient?.close()]);
    await server?.stop();
  });

  /** The link opened in a fresh context of the recipient's browser (no cookies, no storage, no extension). */
  async function openLink(link: string, locale = 'en-US'): Promise<Page> {
    const context = await recipient.newContext({ locale });
    const page = await context.newPage();
    await page.goto(link);
    return page;
  }

  it('makes a single-use link from an entry’s details on the vault page and shows it once', async () => {
    const page = await owner.openExtensionPage('vault.html');
    const { vaultId } = await ask(page, { type: 'vault.create', name: 'Operations', kind: 'private' });
    await ask(page, { type: 'entry.save', vaultId, folderId: null, name: 'Deploy key', login: 'deploy-bot', urls: [{ url: 'https://deploy.acme.test', match: 'domain' }], tags: [], colour: null, description: '', favourite: false, fields: [{ id: 'password', type: 'password', label: 'Password', value: PASSWORD }] });
    await page.reload();
    await page.getByTestId('vault-row').filter({ hasText: 'Deploy key' }).click();
    await page.getByTestId('share-link-toggle').click();
    const panel = page.getByTestId('entry-links');
    await expect.poll(() => panel.textContent(), POLL).toContain(t('vault.links.none'));
    await panel.getByLabel(t('vault.links.expiry')).selectOption({ label: t('vault.links.expiry.day') });
    expect(await panel.getByLabel(t('vault.links.singleUse')).isChecked()).toBe(true);
    await panel.getByRole('button', { name: t('vault.links.create') }).click();
    await expect.poll(() => panel.getByTestId('created-link-url').inputValue(), POLL).toMatch(new RegExp(`^${server.url}/s/[\\w-]+#k=[\\w-]{43}$`));
    url = await panel.getByTestId('created-link-url').inputValue();
    await expect.poll(() => panel.getByTestId('entry-link').getAttribute('data-state'), POLL).toBe('active');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(url.split('#')[1]);
  });

  it('refuses a damaged fragment before anything is sent, and a wrong key after "Reveal", without using the link', async () => {
    const missing = await openLink(url.split('#')[0]!);
    await expect.poll(() => missing.getByTestId('link-error').textContent(), POLL).toBe(linkPage['error.fragment']);
    expect(await missing.getByRole('button', { name: linkPage['reveal'] }).count()).toBe(0);

    const last = url.at(-1) === 'A' ? 'Q' : 'A';
    const wrong = await openLink(url.slice(0, -1) + last);
    await wrong.getByRole('button', { name: linkPage['reveal'] }).click();
    await expect.poll(() => wrong.getByTestId('link-error').textContent(), POLL).toBe(linkPage['error.notFound']);
  });

  it('reveals the entry in a browser without the extension, the password hidden until shown', async () => {
    const page = await openLink(url);
    await expect.poll(() => page.locator('main').getAttribute('data-state'), POLL).toBe('ready');
    // Opening the page (as a chat preview would) used nothing: the link is still active.
    await page.getByRole('button', { name: linkPage['reveal'] }).click();
    await expect.poll(() => page.locator('main').getAttribute('data-state'), POLL).toBe('revealed');
    const entry = page.getByTestId('link-entry');
    expect(await textsOf(entry.locator('dt'))).toEqual([linkPage['field.name'], linkPage['field.login'], 'Password', linkPage['field.url']]);
    expect(await entry.textContent()).toContain('deploy-bot');
    expect(await entry.getByTestId('link-password').textContent()).not.toContain(PASSWORD);
    await entry.getByRole('button', { name: linkPage['show'] }).click();
    expect(await entry.getByTestId('link-password').textContent()).toBe(PASSWORD);
    expect(await page.textContent('main')).toContain(linkPage['lastView']);
  });

  it('tells a second opening of the single-use link that it was used, in the browser’s language', async () => {
    const page = await openLink(url, 'fr-FR');
    await page.getByRole('button', { name: linkPageInFrench['reveal'] }).click();
    await expect.poll(() => page.getByTestId('link-error').textContent(), POLL).toBe(linkPageInFrench['error.usedUp']);

    const vault = await owner.openExtensionPage('vault.html');
    await vault.getByTestId('vault-row').filter({ hasText: 'Deploy key' }).click();
    await vault.getByTestId('share-link-toggle').click();
    await expect.poll(() => vault.getByTestId('entry-link').getAttribute('data-state'), POLL).toBe('usedUp');
  });
});
